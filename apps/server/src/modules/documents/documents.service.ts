import { createHash } from 'node:crypto';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MEDIA_TYPES, type DocumentInfo, type DocumentOwnerType } from '@teilhabe/shared';
import type { DbOrTx } from '../../platform/db/client.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { AppError, fieldError, notFound } from '../../platform/http/errors.js';
import { detectMediaType } from './media-type.js';
import * as repo from './documents.repository.js';

export const ALLOWED_TYPES_DE = 'PDF, PNG, JPEG, GIF, WebP oder Word (DOCX)';

/** A file name as shown and offered for download: no path, no control characters, at most 200 characters. */
export function cleanFilename(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').normalize('NFC').trim().slice(0, 200);
  return cleaned || 'Dokument';
}

export const tooLarge = (filename: string) =>
  new AppError(413, 'payload_too_large', `Die Datei „${filename}“ ist zu groß: höchstens ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB.`);

function present(r: Awaited<ReturnType<typeof repo.listDocuments>>[number]): DocumentInfo {
  return {
    id: r.id,
    filename: r.filename,
    mediaType: r.mediaType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy ?? null,
  };
}

/** The live documents of a record (no content). The caller has checked that the actor may see the record. */
export async function documentsFor(db: DbOrTx, ownerType: DocumentOwnerType, ownerId: string): Promise<DocumentInfo[]> {
  return (await repo.listDocuments(db, ownerType, ownerId)).map(present);
}

/**
 * Stores an upload for a record the caller has checked write access to: the type is detected from the content, the
 * size is limited to 20 MB, the SHA-256 checksum is kept. Audited as `document.uploaded` (name and type, never content).
 */
export async function storeDocument(
  ctx: AuthedContext,
  input: { ownerType: DocumentOwnerType; ownerId: string; organisationId: string; filename?: string; content: unknown },
): Promise<DocumentInfo> {
  const filename = cleanFilename(input.filename);
  if (!Buffer.isBuffer(input.content)) {
    throw new AppError(415, 'unsupported_media_type', `Bitte die Datei „${filename}“ als Rohdaten (application/octet-stream) senden, nicht als JSON oder Formular.`);
  }
  const content = input.content;
  if (content.length === 0) throw fieldError('file', `Die Datei „${filename}“ ist leer.`);
  if (content.length > DOCUMENT_MAX_BYTES) throw tooLarge(filename);
  const mediaType = detectMediaType(content);
  if (!mediaType || !(mediaType in DOCUMENT_MEDIA_TYPES)) {
    throw new AppError(
      415,
      'unsupported_media_type',
      `Die Datei „${filename}“ hat keinen erlaubten Dateityp. Erlaubt sind ${ALLOWED_TYPES_DE}; geprüft wird der Inhalt, nicht die Endung.`,
    );
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const row = await repo.insertDocument(ctx.tx, {
    ownerType: input.ownerType,
    ownerId: input.ownerId,
    organisationId: input.organisationId,
    filename,
    mediaType,
    sizeBytes: content.length,
    sha256,
    content,
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({
    action: 'document.uploaded',
    subjectType: input.ownerType,
    subjectId: input.ownerId,
    details: { documentId: row.id, ownerType: input.ownerType, mediaType, sizeBytes: content.length, sha256 },
  });
  return present(await repo.findDocumentInfo(ctx.tx, row.id));
}

/** The document's content for download; audited as a read event `document.downloaded`. */
export async function readDocument(ctx: AuthedContext, ownerType: DocumentOwnerType, ownerId: string, documentId: string) {
  const row = await repo.findDocument(ctx.tx, ownerType, ownerId, documentId);
  if (!row) throw notFound('Dokument nicht gefunden.');
  await ctx.audit.record({ action: 'document.downloaded', subjectType: ownerType, subjectId: ownerId, details: { documentId, ownerType } });
  return { filename: row.filename, mediaType: row.mediaType, content: row.content };
}

/** Soft delete (the row and its audit trail stay, the content goes); audited as `document.deleted`. */
export async function deleteDocument(ctx: AuthedContext, ownerType: DocumentOwnerType, ownerId: string, documentId: string) {
  const row = await repo.findDocument(ctx.tx, ownerType, ownerId, documentId);
  if (!row) throw notFound('Dokument nicht gefunden.');
  await repo.softDeleteDocument(ctx.tx, documentId, ctx.actor.userId);
  await ctx.audit.record({ action: 'document.deleted', subjectType: ownerType, subjectId: ownerId, details: { documentId, ownerType } });
  return { ok: true as const };
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
