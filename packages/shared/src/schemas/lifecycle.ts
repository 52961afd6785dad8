import { z } from 'zod';
import { text, Uuid } from './common.js';

// ── Documents ───────────────────────────────────────────────────────────────────────────────────────────────────

export const DOCUMENT_OWNER_TYPES = ['person', 'case', 'grant', 'interpreter'] as const;
export type DocumentOwnerType = (typeof DOCUMENT_OWNER_TYPES)[number];

/** Upload limit of one document. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Media types accepted, detected from the content (magic bytes), with their German labels. */
export const DOCUMENT_MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG-Bild',
  'image/jpeg': 'JPEG-Bild',
  'image/gif': 'GIF-Bild',
  'image/webp': 'WebP-Bild',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word-Dokument (DOCX)',
};

export const DocumentInfo = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const DocumentListResult = z.object({ items: z.array(DocumentInfo), canWrite: z.boolean() });
export type DocumentListResult = z.infer<typeof DocumentListResult>;

export const DocumentUploadQuery = z.strictObject({
  filename: z
    .string()
    .min(1, { message: 'Bitte einen Dateinamen angeben' })
    .max(200, { message: 'Höchstens 200 Zeichen' })
    .optional(),
});

export const DocumentParams = z.strictObject({ id: Uuid, documentId: Uuid });

// ── Merge (Zusammenführung) ────────────────────────────────────────────────────────────────────────────────────

export const MERGE_STATUSES = ['pending', 'approved', 'rejected', 'undone'] as const;
export type MergeStatus = (typeof MERGE_STATUSES)[number];
export const MERGE_STATUS_LABELS_DE: Record<MergeStatus, string> = {
  pending: 'wartet auf Freigabe',
  approved: 'zusammengeführt',
  rejected: 'abgelehnt',
  undone: 'rückgängig gemacht',
};

export const RequestMergeBody = z.strictObject({
  /** The duplicate: merged INTO the person of the URL and kept as a merged record. */
  duplicatePersonId: Uuid,
  reason: text({ min: 3, max: 1000 }),
});

export const DecideBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: text({ max: 1000 }).optional(),
});

const PersonRef = z.object({ id: z.string(), displayName: z.string() });

export const PersonMerge = z.object({
  id: z.string(),
  status: z.enum(MERGE_STATUSES),
  /** The duplicate merged away. */
  source: PersonRef,
  /** The person who keeps everything. */
  target: PersonRef,
  reason: z.string(),
  requestedBy: PersonRef,
  requestedAt: z.string(),
  decidedBy: PersonRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
  moved: z.record(z.string(), z.number().int()).nullable(),
  undoneAt: z.string().nullable(),
  version: z.number().int(),
  can: z.object({ decide: z.boolean(), undo: z.boolean() }),
});
export type PersonMerge = z.infer<typeof PersonMerge>;

// ── Erasure, legal hold, retention ────────────────────────────────────────────────────────────────────────────

export const ERASURE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

export const RequestErasureBody = z.strictObject({ reason: text({ min: 3, max: 1000 }) });

/** A recipient of earlier shares; after an approved erasure `notifiedInApp` says whether its partner accounts were told. */
export const ShareRecipient = z.object({ id: z.string(), name: z.string(), notifiedInApp: z.boolean().optional() });

export const ErasureRequest = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  status: z.enum(ERASURE_STATUSES),
  reason: z.string(),
  requestedBy: PersonRef,
  requestedAt: z.string(),
  decidedBy: PersonRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
  /** Recipients of earlier shares (consents, referrals) who must be told about the erasure (Art. 19 DSGVO). */
  notifyOrganisations: z.array(ShareRecipient),
  version: z.number().int(),
  can: z.object({ decide: z.boolean() }),
});
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const SetLegalHoldBody = z.strictObject({ reason: text({ min: 3, max: 500 }) });

export const PersonLifecycle = z.object({
  personId: z.string(),
  mergedInto: PersonRef.nullable(),
  anonymisedAt: z.string().nullable(),
  legalHold: z.object({ reason: z.string(), setAt: z.string(), setBy: z.string().nullable() }).nullable(),
  merges: z.array(PersonMerge),
  erasureRequests: z.array(ErasureRequest),
  shareRecipients: z.array(ShareRecipient),
  can: z.object({ requestMerge: z.boolean(), requestErasure: z.boolean(), approve: z.boolean(), setLegalHold: z.boolean() }),
});
export type PersonLifecycle = z.infer<typeof PersonLifecycle>;

export const PendingApprovals = z.object({ merges: z.array(PersonMerge), erasures: z.array(ErasureRequest) });
export type PendingApprovals = z.infer<typeof PendingApprovals>;

export const RETENTION_RECORD_CLASSES = ['person'] as const;
export type RetentionRecordClass = (typeof RETENTION_RECORD_CLASSES)[number];

export const RetentionRule = z.object({
  recordClass: z.enum(RETENTION_RECORD_CLASSES),
  label: z.string(),
  anonymiseAfterMonths: z.number().int(),
  minRetentionMonths: z.number().int(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RetentionRule = z.infer<typeof RetentionRule>;

export const UpdateRetentionRuleBody = z.strictObject({
  anonymiseAfterMonths: z.number().int().min(1, { message: 'Mindestens 1 Monat' }).max(600, { message: 'Höchstens 600 Monate' }),
  minRetentionMonths: z.number().int().min(0, { message: 'Nicht negativ' }).max(600, { message: 'Höchstens 600 Monate' }),
});

export const RecordClassParams = z.strictObject({ recordClass: z.enum(RETENTION_RECORD_CLASSES, { message: 'Unbekannte Datensatzklasse' }) });
