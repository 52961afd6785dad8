import { z } from 'zod';
import { text, Uuid } from './common.js';
import { PersonSummary } from './people.js';

// ── Catalogues ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The KIM case-management phases (DGCC model with the KIM specifics, research-domain §1.4), in order. */
export const CASE_PHASES = ['access', 'clearing', 'intake', 'assessment', 'planning', 'linking', 'monitoring', 'evaluation', 'closed'] as const;
export type CasePhase = (typeof CASE_PHASES)[number];
export const CASE_PHASE_LABELS_DE: Record<CasePhase, string> = {
  access: 'Zugang',
  clearing: 'Clearing',
  intake: 'Intake',
  assessment: 'Assessment',
  planning: 'Hilfeplanung',
  linking: 'Linking',
  monitoring: 'Monitoring',
  evaluation: 'Evaluation',
  closed: 'Abschluss',
};

export const CLEARING_OUTCOMES = ['admitted', 'referred_elsewhere', 'short_counselling'] as const;
export type ClearingOutcome = (typeof CLEARING_OUTCOMES)[number];
export const CLEARING_OUTCOME_LABELS_DE: Record<ClearingOutcome, string> = {
  admitted: 'aufgenommen',
  referred_elsewhere: 'weitervermittelt',
  short_counselling: 'Kurzberatung',
};

export const REFERRING_BODIES = [
  'self',
  'mbe',
  'jmd',
  'sozialamt',
  'abh',
  'jobcenter',
  'agentur',
  'jugendamt',
  'schule',
  'kita',
  'gesundheitsamt',
  'traeger',
  'ehrenamt',
  'other',
] as const;
export type ReferringBody = (typeof REFERRING_BODIES)[number];
export const REFERRING_BODY_LABELS_DE: Record<ReferringBody, string> = {
  self: 'Selbstmelder:in',
  mbe: 'Migrationsberatung (MBE)',
  jmd: 'Jugendmigrationsdienst (JMD)',
  sozialamt: 'Sozialamt',
  abh: 'Ausländerbehörde',
  jobcenter: 'Jobcenter',
  agentur: 'Agentur für Arbeit',
  jugendamt: 'Jugendamt',
  schule: 'Schule',
  kita: 'Kita',
  gesundheitsamt: 'Gesundheitsamt',
  traeger: 'Träger / Wohlfahrtsverband',
  ehrenamt: 'Ehrenamt',
  other: 'sonstige Stelle',
};

export const CLOSURE_REASONS = ['goals_achieved', 'handed_over', 'moved', 'contact_lost', 'withdrawn', 'status_change', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS_DE: Record<ClosureReason, string> = {
  goals_achieved: 'Ziele erreicht',
  handed_over: 'an Regeldienst übergeben',
  moved: 'verzogen',
  contact_lost: 'Kontakt abgebrochen',
  withdrawn: 'zurückgezogen',
  status_change: 'Statuswechsel',
  other: 'sonstiges',
};

/** Lebensbereiche of the assessment and the Hilfeplan. */
export const LIFE_DOMAINS = ['residence', 'language', 'education', 'work', 'income', 'housing', 'health', 'family', 'social'] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];
export const LIFE_DOMAIN_LABELS_DE: Record<LifeDomain, string> = {
  residence: 'Aufenthalt',
  language: 'Sprache',
  education: 'Bildung/Anerkennung',
  work: 'Arbeit/Ausbildung',
  income: 'Einkommen/Leistungen',
  housing: 'Wohnen',
  health: 'Gesundheit',
  family: 'Familie/Kinder/Kita/Schule',
  social: 'soziales Netz',
};

export const CONTACT_MODES = ['in_person', 'phone', 'video', 'outreach'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];
export const CONTACT_MODE_LABELS_DE: Record<ContactMode, string> = {
  in_person: 'persönlich',
  phone: 'telefonisch',
  video: 'Video',
  outreach: 'aufsuchend',
};

/** Who may read a contact note: only its author, the author's team, or everyone working on the case. Never partners. */
export const NOTE_CONFIDENTIALITIES = ['author', 'team', 'case'] as const;
export type NoteConfidentiality = (typeof NOTE_CONFIDENTIALITIES)[number];
export const NOTE_CONFIDENTIALITY_LABELS_DE: Record<NoteConfidentiality, string> = {
  author: 'nur ich',
  team: 'mein Team',
  case: 'alle am Fall Beteiligten',
};

export const GOAL_STATUSES = ['open', 'in_progress', 'achieved', 'partly_achieved', 'not_achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GOAL_STATUS_LABELS_DE: Record<GoalStatus, string> = {
  open: 'offen',
  in_progress: 'in Arbeit',
  achieved: 'erreicht',
  partly_achieved: 'teilweise erreicht',
  not_achieved: 'nicht erreicht',
  dropped: 'verworfen',
};

/** 0 = kein Bedarf … 3 = hoher Bedarf. */
export const NEED_LEVEL_LABELS_DE = ['kein Bedarf', 'geringer Bedarf', 'mittlerer Bedarf', 'hoher Bedarf'] as const;

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────────

const DateOnly = z.iso.date({ message: 'Datum im Format JJJJ-MM-TT erwartet' });
const DateTimeInput = z.iso.datetime({ offset: true, message: 'Datum/Uhrzeit im ISO-Format erwartet (z. B. 2026-03-02T10:00:00+01:00)' });

export const OpenCaseBody = z.strictObject({
  personId: Uuid,
  /** The organisation the case belongs to; defaults to the case manager's own. */
  organisationId: Uuid.optional(),
  caseManagerId: Uuid.optional(),
  referringBody: z.enum(REFERRING_BODIES),
  referringNote: text({ max: 500 }).optional(),
  firstConcern: text({ max: 2000 }).optional(),
  openedAt: DateOnly.optional(),
});
export type OpenCaseBody = z.infer<typeof OpenCaseBody>;

export const UpdateCaseBody = z.strictObject({
  referringBody: z.enum(REFERRING_BODIES).optional(),
  referringNote: text({ max: 500 }).optional(),
  firstConcern: text({ max: 2000 }).optional(),
  caseManagerId: Uuid.optional(),
  reviewDueAt: DateOnly.nullable().optional(),
});

export const ClearingCriterionAnswer = z.strictObject({ code: z.string().regex(/^[a-z0-9_]{2,60}$/), met: z.boolean() });

export const ChangePhaseBody = z.strictObject({
  to: z.enum(CASE_PHASES),
  note: text({ max: 1000 }).optional(),
  clearingOutcome: z.enum(CLEARING_OUTCOMES).optional(),
  clearingCriteria: z.array(ClearingCriterionAnswer).max(20).optional(),
  closureReason: z.enum(CLOSURE_REASONS).optional(),
  closureNote: text({ max: 1000 }).optional(),
});
export type ChangePhaseBody = z.infer<typeof ChangePhaseBody>;

export const SetCaseTeamBody = z.strictObject({ deputyIds: z.array(Uuid).max(10, { message: 'Höchstens 10 Vertretungen' }) });

export const CaseListQuery = z.strictObject({
  phase: z.enum(CASE_PHASES).optional(),
  /** only cases the user manages or deputises */
  mine: z.enum(['true', 'false']).optional(),
  open: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AddContactBody = z.strictObject({
  occurredAt: DateTimeInput,
  durationMinutes: z.number().int().min(1, { message: 'Mindestens 1 Minute' }).max(600, { message: 'Höchstens 600 Minuten' }),
  mode: z.enum(CONTACT_MODES),
  participants: text({ max: 300 }).optional(),
  interpreterUsed: z.boolean().default(false),
  lifeDomains: z.array(z.enum(LIFE_DOMAINS)).max(9).default([]),
  note: text({ max: 5000 }).optional(),
  noteConfidentiality: z.enum(NOTE_CONFIDENTIALITIES).default('team'),
});
export type AddContactBody = z.infer<typeof AddContactBody>;

const GoalStep = z.strictObject({ text: text({ min: 1, max: 300 }), done: z.boolean().default(false) });

export const AddGoalBody = z.strictObject({
  lifeDomain: z.enum(LIFE_DOMAINS),
  title: text({ min: 3, max: 300 }),
  steps: z.array(GoalStep).max(20).default([]),
  responsibleOrganisationId: Uuid.nullable().optional(),
  dueDate: DateOnly.nullable().optional(),
});
export type AddGoalBody = z.infer<typeof AddGoalBody>;

export const UpdateGoalBody = z.strictObject({
  title: text({ min: 3, max: 300 }).optional(),
  steps: z.array(GoalStep).max(20).optional(),
  responsibleOrganisationId: Uuid.nullable().optional(),
  dueDate: DateOnly.nullable().optional(),
  status: z.enum(GOAL_STATUSES).optional(),
});

export const SaveAssessmentBody = z.strictObject({
  lifeDomain: z.enum(LIFE_DOMAINS),
  needLevel: z.number().int().min(0).max(3),
  need: text({ max: 3000 }).default(''),
  resources: text({ max: 3000 }).default(''),
});

export const AddTaskBody = z.strictObject({
  title: text({ min: 2, max: 300 }),
  dueDate: DateOnly,
  assigneeId: Uuid.optional(),
});
export const UpdateTaskBody = z.strictObject({
  title: text({ min: 2, max: 300 }).optional(),
  dueDate: DateOnly.optional(),
  done: z.boolean().optional(),
});

export const MyCasesQuery = z.strictObject({ weeksWithoutContact: z.coerce.number().int().min(1).max(52).default(4) });

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const CaseUserRef = z.object({ id: z.string(), displayName: z.string() });

export const CaseSummary = z.object({
  id: z.string(),
  caseNumber: z.string(),
  phase: z.enum(CASE_PHASES),
  person: z.object({ id: z.string(), displayName: z.string(), nativeName: z.string().nullable() }),
  organisationId: z.string(),
  organisationName: z.string(),
  caseManager: CaseUserRef,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  reviewDueAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const PhaseEvent = z.object({
  fromPhase: z.enum(CASE_PHASES).nullable(),
  toPhase: z.enum(CASE_PHASES),
  actor: CaseUserRef.nullable(),
  occurredAt: z.string(),
  note: z.string(),
});

export const AdmissionCriterion = z.object({ code: z.string(), label: z.string(), automatic: z.boolean() });
export type AdmissionCriterion = z.infer<typeof AdmissionCriterion>;

export const CaseDetail = CaseSummary.extend({
  personDetail: PersonSummary,
  referringBody: z.enum(REFERRING_BODIES),
  referringNote: z.string(),
  firstConcern: z.string(),
  clearingOutcome: z.enum(CLEARING_OUTCOMES).nullable(),
  clearingCriteria: z.array(z.object({ code: z.string(), label: z.string(), met: z.boolean() })),
  closureReason: z.enum(CLOSURE_REASONS).nullable(),
  closureNote: z.string(),
  deputies: z.array(CaseUserRef),
  phaseHistory: z.array(PhaseEvent),
  phaseChangedAt: z.string(),
  version: z.number().int(),
  /** Phases this case may move to now, computed by the server's phase policy. */
  allowedTransitions: z.array(z.enum(CASE_PHASES)),
  admissionCriteria: z.array(AdmissionCriterion),
  can: z.object({ edit: z.boolean(), changePhase: z.boolean(), manageTeam: z.boolean(), addContact: z.boolean(), refer: z.boolean() }),
  /** Set when the user sees this case only through their own running break-glass session (read-only). */
  breakGlass: z.object({ id: z.string(), expiresAt: z.string() }).nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const Contact = z.object({
  id: z.string(),
  occurredAt: z.string(),
  durationMinutes: z.number().int(),
  mode: z.enum(CONTACT_MODES),
  participants: z.string(),
  interpreterUsed: z.boolean(),
  lifeDomains: z.array(z.enum(LIFE_DOMAINS)),
  /** null when the note is confidential to someone else (its existence is still shown). */
  note: z.string().nullable(),
  noteConfidentiality: z.enum(NOTE_CONFIDENTIALITIES),
  author: CaseUserRef,
  createdAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const Goal = z.object({
  id: z.string(),
  lifeDomain: z.enum(LIFE_DOMAINS),
  title: z.string(),
  steps: z.array(z.object({ text: z.string(), done: z.boolean() })),
  responsibleOrganisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Goal = z.infer<typeof Goal>;

export const Assessment = z.object({
  lifeDomain: z.enum(LIFE_DOMAINS),
  needLevel: z.number().int(),
  need: z.string(),
  resources: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type Assessment = z.infer<typeof Assessment>;

export const Task = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  personName: z.string(),
  title: z.string(),
  dueDate: z.string(),
  doneAt: z.string().nullable(),
  assignee: CaseUserRef,
  overdue: z.boolean(),
  version: z.number().int(),
});
export type Task = z.infer<typeof Task>;

export const MyCasesOverview = z.object({
  overdueTasks: z.array(Task),
  upcomingTasks: z.array(Task),
  casesWithoutContact: z.array(CaseSummary),
  reviewsDue: z.array(CaseSummary),
  byPhase: z.array(z.object({ phase: z.enum(CASE_PHASES), count: z.number().int() })),
  weeksWithoutContact: z.number().int(),
});
export type MyCasesOverview = z.infer<typeof MyCasesOverview>;

// ── Evaluation (Beratungszahlen) ────────────────────────────────────────────────────────────────────────────────

export const EvaluationQuery = z.strictObject({ from: DateOnly, to: DateOnly });

export const EvaluationCell = z.object({ label: z.string(), value: z.number().int().nullable(), suppressed: z.boolean() });
export const EvaluationTable = z.object({ key: z.string(), title: z.string(), rows: z.array(EvaluationCell), total: z.number().int().nullable() });
export type EvaluationTable = z.infer<typeof EvaluationTable>;

/** Aggregated figures of a period; cells below 5 are suppressed (value null), plus secondary cells. */
export const Evaluation = z.object({
  from: z.string(),
  to: z.string(),
  scope: z.string(),
  totals: z.array(EvaluationCell),
  tables: z.array(EvaluationTable),
  note: z.string(),
});
export type Evaluation = z.infer<typeof Evaluation>;

// ── Systembarrieren ─────────────────────────────────────────────────────────────────────────────────────────────

export const BARRIER_CATEGORIES = ['waiting_time', 'access_rules', 'language', 'documents', 'coordination', 'capacity', 'digital', 'discrimination', 'other'] as const;
export type BarrierCategory = (typeof BARRIER_CATEGORIES)[number];
export const BARRIER_CATEGORY_LABELS_DE: Record<BarrierCategory, string> = {
  waiting_time: 'Wartezeiten / Bearbeitungsdauer',
  access_rules: 'Zugangsvoraussetzungen / Rechtskreisgrenzen',
  language: 'fehlende Sprachmittlung',
  documents: 'Nachweise und Dokumente',
  coordination: 'Abstimmung zwischen Stellen',
  capacity: 'fehlende Plätze / Angebote',
  digital: 'digitale Zugänge',
  discrimination: 'Diskriminierung',
  other: 'sonstiges',
};

export const ReportBarrierBody = z.strictObject({
  category: z.enum(BARRIER_CATEGORIES),
  agency: text({ max: 200 }).optional(),
  lifeDomain: z.enum(LIFE_DOMAINS).optional(),
  /** Anonymised: no names, dates of birth or file numbers (the server refuses obvious personal data). */
  description: text({ min: 10, max: 2000 }),
});

export const Barrier = z.object({
  id: z.string(),
  category: z.enum(BARRIER_CATEGORIES),
  agency: z.string(),
  lifeDomain: z.enum(LIFE_DOMAINS).nullable(),
  description: z.string(),
  organisationName: z.string(),
  createdAt: z.string(),
});
export type Barrier = z.infer<typeof Barrier>;

// ── Break-glass ─────────────────────────────────────────────────────────────────────────────────────────────────

export const BREAK_GLASS_REASONS = ['client_present', 'crisis', 'child_protection', 'staff_absence', 'other'] as const;
export type BreakGlassReason = (typeof BREAK_GLASS_REASONS)[number];
export const BREAK_GLASS_REASON_LABELS_DE: Record<BreakGlassReason, string> = {
  client_present: 'Person ist vor Ort',
  crisis: 'Krise / Notlage',
  child_protection: 'Kindeswohlgefährdung (§ 8a SGB VIII)',
  staff_absence: 'zuständige Fachkraft abwesend',
  other: 'sonstiger dringender Grund',
};

export const StartBreakGlassBody = z.strictObject({
  reasonCategory: z.enum(BREAK_GLASS_REASONS),
  justification: text({ min: 20, max: 1000 }),
  totp: z.string().regex(/^\d{6}$/, { message: 'Sechsstelliger Code aus der Authenticator-App' }),
});

export const ReviewBreakGlassBody = z.strictObject({
  outcome: z.enum(['justified', 'not_justified']),
  note: text({ max: 1000 }).optional(),
});

export const BreakGlassSession = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  user: z.object({ id: z.string(), displayName: z.string() }),
  reasonCategory: z.enum(BREAK_GLASS_REASONS),
  justification: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  reviewOutcome: z.enum(['justified', 'not_justified']).nullable(),
  reviewNote: z.string(),
  version: z.number().int(),
});
export type BreakGlassSession = z.infer<typeof BreakGlassSession>;
