import {
  CASE_PHASES,
  type AddContactBody,
  type AddGoalBody,
  type AdmissionCriterion,
  type Assessment,
  type CaseDetail,
  type CasePhase,
  type CaseSummary,
  type ChangePhaseBody,
  type ClearingOutcome,
  type ClosureReason,
  type Contact,
  type ContactMode,
  type Goal,
  type GoalStatus,
  type LifeDomain,
  type MyCasesOverview,
  type NoteConfidentiality,
  type OpenCaseBody,
  type ReferringBody,
  type Task,
  LIFE_DOMAINS,
} from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { fieldError, forbidden, notFound, versionConflict } from '../../platform/http/errors.js';
import { presentPersonSummary, requirePersonForWrite } from '../people/people.service.js';
import { allowedTransitions, checkTransition } from './cases.policy.js';
import * as repo from './cases.repository.js';
import type { CaseViewRow, TaskViewRow } from './cases.repository.js';
import { admissionCriteria } from './admission.js';
import { activeOwnSession } from './break-glass.repository.js';

const today = () => new Date().toISOString().slice(0, 10);
const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

export function presentCaseSummary(row: CaseViewRow): CaseSummary {
  const nativeName = `${row.native_given_names} ${row.native_family_name}`.trim();
  return {
    id: row.id,
    caseNumber: row.case_number,
    phase: row.phase as CasePhase,
    person: { id: row.person_id, displayName: `${row.given_names} ${row.family_name}`, nativeName: nativeName || null },
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    caseManager: { id: row.case_manager_id, displayName: row.case_manager_name },
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    lastContactAt: iso(row.last_contact_at),
    reviewDueAt: row.review_due_at,
  };
}

async function presentCaseDetail(ctx: AuthedContext, row: CaseViewRow): Promise<CaseDetail> {
  const writable = !!(await repo.findCaseForWrite(ctx.tx, ctx.actor, row.id));
  const open = row.phase !== 'closed';
  const manageTeam = await mayManageTeam(ctx, row);
  const session = writable ? undefined : await activeOwnSession(ctx.tx, ctx.actor, row.id);
  const criteria = await admissionCriteria(ctx);
  const deputies = await repo.listDeputies(ctx.tx, row.id);
  const events = await repo.listPhaseEvents(ctx.tx, row.id);
  return {
    ...presentCaseSummary(row),
    personDetail: presentPersonSummary({
      id: row.person_id,
      givenNames: row.given_names,
      familyName: row.family_name,
      nativeGivenNames: row.native_given_names,
      nativeFamilyName: row.native_family_name,
      birthDate: row.birth_date,
      birthDatePrecision: row.birth_date_precision,
      birthDateIsPlaceholder: row.birth_date_is_placeholder,
      organisationId: row.person_organisation_id,
      organisationName: row.person_organisation_name,
      openCaseId: open ? row.id : null,
    }),
    referringBody: row.referring_body as ReferringBody,
    referringNote: row.referring_note,
    firstConcern: row.first_concern,
    clearingOutcome: row.clearing_outcome as ClearingOutcome | null,
    clearingCriteria: row.clearing_criteria.map((c) => ({ ...c, label: criteria.find((k) => k.code === c.code)?.label ?? c.code })),
    closureReason: row.closure_reason as ClosureReason | null,
    closureNote: row.closure_note,
    deputies,
    phaseHistory: events.map((e) => ({
      fromPhase: e.fromPhase as CasePhase | null,
      toPhase: e.toPhase as CasePhase,
      actor: e.actorId ? { id: e.actorId, displayName: e.actorName ?? '' } : null,
      occurredAt: e.occurredAt.toISOString(),
      note: e.note,
    })),
    phaseChangedAt: iso(row.phase_changed_at)!,
    version: row.version,
    allowedTransitions: writable ? allowedTransitions(row.phase as CasePhase, row.clearing_outcome as ClearingOutcome | null) : [],
    admissionCriteria: criteria,
    can: { edit: writable, changePhase: writable && open, manageTeam, addContact: writable && open, refer: writable && open },
    breakGlass: session ? { id: session.id, expiresAt: iso(session.expires_at)! } : null,
  };
}

/**
 * Who sets the deputies of a case: its case manager, or the KI-Leitung for cases in its area (never through
 * break-glass). Colleagues and deputies work on the case but do not change who is on it.
 */
async function mayManageTeam(ctx: AuthedContext, row: Pick<CaseViewRow, 'id' | 'case_manager_id'>): Promise<boolean> {
  if (row.case_manager_id === ctx.actor.userId && ctx.actor.permissions.has('cases.write')) return true;
  return ctx.actor.roles.includes('lead') && (await repo.isInRegularScope(ctx.tx, ctx.actor, row.id));
}

/** For other modules: the case if the actor may see it (including break-glass), else 404. */
export async function requireCaseInScope(ctx: AuthedContext, id: string): Promise<CaseViewRow> {
  const row = await repo.findCaseInScope(ctx.tx, ctx.actor, id);
  if (!row) throw notFound('Fall nicht gefunden.');
  return row;
}

/** For other modules: the case if the actor may change it, else 404 (a break-glass reader gets 404 on writes too). */
export async function requireCaseForWrite(ctx: AuthedContext, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCaseForWrite(ctx.tx, ctx.actor, id);
  if (!row) throw notFound('Fall nicht gefunden.');
  return row;
}

export async function getCase(ctx: AuthedContext, id: string): Promise<CaseDetail> {
  const row = await requireCaseInScope(ctx, id);
  const breakGlass = await repo.isBreakGlassOnly(ctx.tx, ctx.actor, id);
  await ctx.audit.record({
    action: breakGlass ? 'cases.read_break_glass' : 'cases.read',
    subjectType: 'case',
    subjectId: id,
    details: { caseId: id, personId: row.person_id },
  });
  return presentCaseDetail(ctx, row);
}

export async function listCases(
  ctx: AuthedContext,
  q: { phase?: CasePhase; mine?: 'true' | 'false'; open?: 'true' | 'false'; q?: string; limit: number; offset: number },
) {
  const { rows, total } = await repo.listCases(ctx.tx, ctx.actor, {
    phase: q.phase,
    mine: q.mine === 'true',
    open: q.open === 'true',
    q: q.q,
    limit: q.limit,
    offset: q.offset,
  });
  await ctx.audit.record({ action: 'cases.list', subjectType: 'case', details: { shown: rows.length } });
  return { items: rows.map(presentCaseSummary), total, limit: q.limit, offset: q.offset };
}

/** The cases of a person the actor may see (for the person page). */
export async function casesOfPerson(ctx: AuthedContext, personId: string) {
  const rows = await repo.listCasesOfPerson(ctx.tx, ctx.actor, personId);
  return rows.map((r) => ({ id: r.id, caseNumber: r.case_number, phase: r.phase, organisationName: r.organisation_name }));
}

async function checkCaseManager(ctx: AuthedContext, userId: string, field: string) {
  const found = await repo.findCaseManagers(ctx.tx, [userId]);
  if (!found.length) throw fieldError(field, 'Diese Person ist keine aktive Case Managerin / kein aktiver Case Manager.');
}

export async function openCase(ctx: AuthedContext, input: OpenCaseBody): Promise<CaseDetail> {
  const person = await requirePersonForWrite(ctx, input.personId, 'personId');
  const organisationId = input.organisationId ?? ctx.actor.organisationIds[0];
  if (!organisationId || !(await repo.isOrganisationInSubtree(ctx.tx, ctx.actor, organisationId))) {
    throw fieldError('organisationId', 'Für diese Organisation können Sie keine Fälle eröffnen.');
  }
  const caseManagerId = input.caseManagerId ?? ctx.actor.userId;
  await checkCaseManager(ctx, caseManagerId, 'caseManagerId');
  const openedAt = input.openedAt ?? today();
  if (openedAt > today()) throw fieldError('openedAt', 'Das Datum liegt in der Zukunft.');
  const row = await repo.insertCase(ctx.tx, {
    personId: person.id,
    organisationId,
    caseManagerId,
    phase: 'access',
    referringBody: input.referringBody,
    referringNote: input.referringNote ?? '',
    firstConcern: input.firstConcern ?? '',
    openedAt,
    createdBy: ctx.actor.userId,
  });
  await repo.insertPhaseEvent(ctx.tx, { caseId: row.id, fromPhase: null, toPhase: 'access', actorId: ctx.actor.userId, note: '' });
  await ctx.audit.record({ action: 'cases.open', subjectType: 'case', subjectId: row.id, details: { caseId: row.id, personId: person.id, organisationId } });
  return presentCaseDetail(ctx, (await repo.findCaseInScope(ctx.tx, ctx.actor, row.id))!);
}

export async function updateCase(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { referringBody?: ReferringBody; referringNote?: string; firstConcern?: string; caseManagerId?: string; reviewDueAt?: string | null },
): Promise<CaseDetail> {
  const current = await requireCaseForWrite(ctx, id);
  if (input.caseManagerId) await checkCaseManager(ctx, input.caseManagerId, 'caseManagerId');
  const row = await repo.updateCase(ctx.tx, id, version, input);
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'cases.update', subjectType: 'case', subjectId: id, details: { caseId: id, personId: current.personId, fields: Object.keys(input) } });
  return presentCaseDetail(ctx, (await repo.findCaseInScope(ctx.tx, ctx.actor, id))!);
}

/** Moves a case to another phase if the phase policy allows it; records who and when. */
export async function changePhase(ctx: AuthedContext, id: string, version: number, input: ChangePhaseBody): Promise<CaseDetail> {
  const current = await requireCaseForWrite(ctx, id);
  const from = current.phase as CasePhase;
  if (input.clearingOutcome && from !== 'clearing') throw fieldError('clearingOutcome', 'Das Clearing-Ergebnis wird beim Verlassen des Clearings erfasst.');
  const clearingOutcome = input.clearingOutcome ?? (current.clearingOutcome as ClearingOutcome | null);
  const check = checkTransition(from, input.to, { clearingOutcome, closureReason: input.closureReason ?? null });
  if (!check.ok) throw fieldError(check.field, check.message);
  const values: Partial<repo.CaseInsert> = { phase: input.to, phaseChangedAt: new Date() };
  if (from === 'clearing') {
    values.clearingOutcome = clearingOutcome;
    const criteria = await admissionCriteria(ctx);
    const answers = new Map((input.clearingCriteria ?? []).map((a) => [a.code, a.met]));
    for (const code of answers.keys()) if (!criteria.some((c) => c.code === code)) throw fieldError('clearingCriteria', `Unbekanntes Kriterium „${code}“.`);
    values.clearingCriteria = criteria.map((c) => ({ code: c.code, met: answers.get(c.code) ?? false }));
  }
  if (input.to === 'closed') {
    values.closedAt = today();
    values.closureReason = input.closureReason!;
    values.closureNote = input.closureNote ?? '';
  }
  const row = await repo.updateCase(ctx.tx, id, version, values);
  if (!row) throw versionConflict();
  await repo.insertPhaseEvent(ctx.tx, { caseId: id, fromPhase: from, toPhase: input.to, actorId: ctx.actor.userId, note: input.note ?? '' });
  await ctx.audit.record({
    action: 'cases.phase_change',
    subjectType: 'case',
    subjectId: id,
    details: { caseId: id, personId: current.personId, from, to: input.to, ...(from === 'clearing' ? { clearingOutcome } : {}) },
  });
  return presentCaseDetail(ctx, (await repo.findCaseInScope(ctx.tx, ctx.actor, id))!);
}

export async function setDeputies(ctx: AuthedContext, id: string, version: number, deputyIds: string[]): Promise<CaseDetail> {
  const found = await requireCaseInScope(ctx, id);
  if (!(await mayManageTeam(ctx, found))) throw forbidden('Vertretungen legt die fallführende Fachkraft oder die KI-Leitung fest.');
  const current = { caseManagerId: found.case_manager_id, personId: found.person_id };
  const unique = [...new Set(deputyIds)].filter((d) => d !== current.caseManagerId);
  const valid = new Set(await repo.findCaseManagers(ctx.tx, unique));
  const bad = unique.findIndex((d) => !valid.has(d));
  if (bad >= 0) throw fieldError(`deputyIds.${deputyIds.indexOf(unique[bad]!)}`, 'Diese Person ist keine aktive Case Managerin / kein aktiver Case Manager.');
  // The version bump makes two concurrent team edits conflict instead of silently overwriting each other.
  const row = await repo.updateCase(ctx.tx, id, version, {});
  if (!row) throw versionConflict();
  const before = (await repo.listDeputies(ctx.tx, id)).map((d) => d.id);
  await repo.replaceDeputies(ctx.tx, id, unique);
  await ctx.audit.record({
    action: 'cases.team_change',
    subjectType: 'case',
    subjectId: id,
    details: { caseId: id, personId: current.personId, deputyIds: unique, added: unique.filter((d) => !before.includes(d)), removed: before.filter((d) => !unique.includes(d)) },
  });
  return presentCaseDetail(ctx, (await repo.findCaseInScope(ctx.tx, ctx.actor, id))!);
}

/** Case managers of the case's organisation who could deputise (for the picker on the case page). */
export async function deputyCandidates(ctx: AuthedContext, id: string) {
  const found = await requireCaseInScope(ctx, id);
  if (!(await mayManageTeam(ctx, found))) throw forbidden('Vertretungen legt die fallführende Fachkraft oder die KI-Leitung fest.');
  const rows = await repo.usersWithRoleIn(ctx.tx, found.organisation_id, 'case_manager');
  return rows.filter((u) => u.id !== found.case_manager_id);
}

// ── Contacts ──────────────────────────────────────────────────────────────────────────────────────────────────

function presentContact(r: repo.ContactViewRow): Contact {
  return {
    id: r.id,
    occurredAt: iso(r.occurred_at)!,
    durationMinutes: r.duration_minutes,
    mode: r.mode as ContactMode,
    participants: r.participants,
    interpreterUsed: r.interpreter_used,
    lifeDomains: r.life_domains as LifeDomain[],
    note: r.note,
    noteConfidentiality: r.note_confidentiality as NoteConfidentiality,
    author: { id: r.author_id, displayName: r.author_name },
    createdAt: iso(r.created_at)!,
  };
}

export async function listContacts(ctx: AuthedContext, caseId: string): Promise<Contact[]> {
  const c = await requireCaseInScope(ctx, caseId);
  const rows = await repo.listContacts(ctx.tx, ctx.actor, caseId);
  await ctx.audit.record({ action: 'cases.contacts_read', subjectType: 'case', subjectId: caseId, details: { caseId, personId: c.person_id, shown: rows.length } });
  return rows.map(presentContact);
}

export async function addContact(ctx: AuthedContext, caseId: string, input: AddContactBody): Promise<Contact> {
  const c = await requireCaseForWrite(ctx, caseId);
  if (c.phase === 'closed') throw fieldError('caseId', 'Der Fall ist abgeschlossen.');
  if (new Date(input.occurredAt).getTime() > Date.now() + 5 * 60_000) throw fieldError('occurredAt', 'Der Kontakt liegt in der Zukunft.');
  const row = await repo.insertContact(ctx.tx, {
    caseId,
    occurredAt: new Date(input.occurredAt),
    durationMinutes: input.durationMinutes,
    mode: input.mode,
    participants: input.participants ?? '',
    interpreterUsed: input.interpreterUsed,
    lifeDomains: [...new Set(input.lifeDomains)],
    note: input.note ?? '',
    noteConfidentiality: input.noteConfidentiality,
    authorId: ctx.actor.userId,
    authorOrganisationId: ctx.actor.organisationIds[0] ?? null,
  });
  await ctx.audit.record({ action: 'cases.contact_add', subjectType: 'case', subjectId: caseId, details: { caseId, personId: c.personId, contactId: row.id, mode: row.mode } });
  const list = await repo.listContacts(ctx.tx, ctx.actor, caseId);
  return presentContact(list.find((k) => k.id === row.id)!);
}

// ── Goals (Hilfeplan) ─────────────────────────────────────────────────────────────────────────────────────────

function presentGoal(g: repo.GoalRow): Goal {
  return {
    id: g.id,
    lifeDomain: g.lifeDomain as LifeDomain,
    title: g.title,
    steps: g.steps,
    responsibleOrganisation: g.responsibleOrganisationId ? { id: g.responsibleOrganisationId, name: g.responsibleOrganisationName ?? '' } : null,
    dueDate: g.dueDate,
    status: g.status as GoalStatus,
    version: g.version,
    createdAt: g.createdAt.toISOString(),
  };
}

export async function listGoals(ctx: AuthedContext, caseId: string): Promise<Goal[]> {
  await requireCaseInScope(ctx, caseId);
  return (await repo.listGoals(ctx.tx, caseId)).map(presentGoal);
}

/** Goals of a case without scope check, for the consented partner extract (the consent module checked it). */
export async function unsafeGoalsForConsentedShare(ctx: AuthedContext, caseId: string): Promise<Goal[]> {
  return (await repo.listGoals(ctx.tx, caseId)).map(presentGoal);
}

export async function unsafeAssessmentsForConsentedShare(ctx: AuthedContext, caseId: string) {
  return repo.listAssessments(ctx.tx, caseId);
}

async function checkOrganisation(ctx: AuthedContext, id: string | null | undefined) {
  if (id && !(await repo.organisationExists(ctx.tx, id))) throw fieldError('responsibleOrganisationId', 'Diese Organisation gibt es nicht.');
}

export async function addGoal(ctx: AuthedContext, caseId: string, input: AddGoalBody): Promise<Goal> {
  const c = await requireCaseForWrite(ctx, caseId);
  if (c.phase === 'closed') throw fieldError('caseId', 'Der Fall ist abgeschlossen.');
  await checkOrganisation(ctx, input.responsibleOrganisationId);
  const row = await repo.insertGoal(ctx.tx, {
    caseId,
    lifeDomain: input.lifeDomain,
    title: input.title,
    steps: input.steps,
    responsibleOrganisationId: input.responsibleOrganisationId ?? null,
    dueDate: input.dueDate ?? null,
  });
  await ctx.audit.record({ action: 'cases.goal_add', subjectType: 'case', subjectId: caseId, details: { caseId, personId: c.personId, goalId: row.id } });
  return presentGoal((await repo.listGoals(ctx.tx, caseId)).find((g) => g.id === row.id)!);
}

export async function updateGoal(
  ctx: AuthedContext,
  goalId: string,
  version: number,
  input: { title?: string; steps?: { text: string; done: boolean }[]; responsibleOrganisationId?: string | null; dueDate?: string | null; status?: GoalStatus },
): Promise<Goal> {
  const goal = await repo.findGoal(ctx.tx, goalId);
  if (!goal) throw notFound('Ziel nicht gefunden.');
  const c = await requireCaseForWrite(ctx, goal.caseId);
  await checkOrganisation(ctx, input.responsibleOrganisationId);
  const row = await repo.updateGoal(ctx.tx, goalId, version, input);
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'cases.goal_update', subjectType: 'case', subjectId: c.id, details: { caseId: c.id, personId: c.personId, goalId, fields: Object.keys(input) } });
  return presentGoal((await repo.listGoals(ctx.tx, c.id)).find((g) => g.id === goalId)!);
}

// ── Assessment ────────────────────────────────────────────────────────────────────────────────────────────────

export async function getAssessment(ctx: AuthedContext, caseId: string): Promise<Assessment[]> {
  await requireCaseInScope(ctx, caseId);
  const rows = await repo.listAssessments(ctx.tx, caseId);
  return LIFE_DOMAINS.map((domain) => {
    const r = rows.find((x) => x.lifeDomain === domain);
    return { lifeDomain: domain, needLevel: r?.needLevel ?? 0, need: r?.need ?? '', resources: r?.resources ?? '', version: r?.version ?? 0, updatedAt: r ? r.updatedAt.toISOString() : null };
  });
}

export async function saveAssessment(
  ctx: AuthedContext,
  caseId: string,
  domain: LifeDomain,
  version: number,
  input: { needLevel: number; need: string; resources: string },
): Promise<Assessment> {
  const c = await requireCaseForWrite(ctx, caseId);
  const row = await repo.saveAssessment(ctx.tx, caseId, domain, version, { ...input, updatedBy: ctx.actor.userId });
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'cases.assessment_save', subjectType: 'case', subjectId: caseId, details: { caseId, personId: c.personId, lifeDomain: domain } });
  return { lifeDomain: domain, needLevel: row.needLevel, need: row.need, resources: row.resources, version: row.version, updatedAt: row.updatedAt.toISOString() };
}

// ── Tasks and "Meine Fälle" ───────────────────────────────────────────────────────────────────────────────────

function presentTask(r: TaskViewRow): Task {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    personName: `${r.given_names} ${r.family_name}`,
    title: r.title,
    dueDate: r.due_date,
    doneAt: iso(r.done_at),
    assignee: { id: r.assignee_id, displayName: r.assignee_name },
    overdue: !r.done_at && r.due_date < today(),
    version: r.version,
  };
}

export async function listTasks(ctx: AuthedContext, caseId: string): Promise<Task[]> {
  await requireCaseInScope(ctx, caseId);
  return (await repo.listTasksOfCase(ctx.tx, caseId)).map(presentTask);
}

export async function addTask(ctx: AuthedContext, caseId: string, input: { title: string; dueDate: string; assigneeId?: string }): Promise<Task> {
  const c = await requireCaseForWrite(ctx, caseId);
  const assigneeId = input.assigneeId ?? ctx.actor.userId;
  if (input.assigneeId) await checkCaseManager(ctx, assigneeId, 'assigneeId');
  const row = await repo.insertTask(ctx.tx, { caseId, assigneeId, title: input.title, dueDate: input.dueDate, createdBy: ctx.actor.userId });
  await ctx.audit.record({ action: 'cases.task_add', subjectType: 'case', subjectId: caseId, details: { caseId, personId: c.personId, taskId: row.id } });
  return presentTask((await repo.listTasksOfCase(ctx.tx, caseId)).find((t) => t.id === row.id)!);
}

export async function updateTask(ctx: AuthedContext, taskId: string, version: number, input: { title?: string; dueDate?: string; done?: boolean }): Promise<Task> {
  const task = await repo.findTaskForWrite(ctx.tx, ctx.actor, taskId);
  if (!task) throw notFound('Wiedervorlage nicht gefunden.');
  const values: { title?: string; dueDate?: string; doneAt?: Date | null } = {};
  if (input.title !== undefined) values.title = input.title;
  if (input.dueDate !== undefined) values.dueDate = input.dueDate;
  if (input.done !== undefined) values.doneAt = input.done ? new Date() : null;
  const row = await repo.updateTask(ctx.tx, taskId, version, values);
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'cases.task_update', subjectType: 'case', subjectId: task.case_id, details: { caseId: task.case_id, taskId, fields: Object.keys(input) } });
  return presentTask((await repo.listTasksOfCase(ctx.tx, task.case_id)).find((t) => t.id === taskId)!);
}

/** The start page of a case manager: overdue and upcoming Wiedervorlagen, cases without contact, reviews due. */
export async function myCases(ctx: AuthedContext, weeksWithoutContact: number): Promise<MyCasesOverview> {
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const tasks = (await repo.openTasksOf(ctx.tx, ctx.actor, inTwoWeeks)).map(presentTask);
  const since = new Date(Date.now() - weeksWithoutContact * 7 * 86_400_000);
  const silent = await repo.myCasesWithoutContactSince(ctx.tx, ctx.actor, since);
  const reviews = await repo.myReviewsDue(ctx.tx, ctx.actor, inTwoWeeks);
  const byPhase = await repo.myCasesByPhase(ctx.tx, ctx.actor);
  await ctx.audit.record({ action: 'cases.my_cases', subjectType: 'case', details: { silent: silent.length, tasks: tasks.length } });
  return {
    overdueTasks: tasks.filter((t) => t.overdue),
    upcomingTasks: tasks.filter((t) => !t.overdue),
    casesWithoutContact: silent.map(presentCaseSummary),
    reviewsDue: reviews.map(presentCaseSummary),
    byPhase: CASE_PHASES.map((phase) => ({ phase, count: byPhase.find((b) => b.phase === phase)?.count ?? 0 })),
    weeksWithoutContact,
  };
}

export async function listAdmissionCriteria(ctx: AuthedContext): Promise<AdmissionCriterion[]> {
  return admissionCriteria(ctx);
}

/** Everything about the person's cases in the actor's scope, for the Art. 15 export (the caller audits the export). */
export async function caseRecordsForExport(ctx: AuthedContext, personId: string) {
  const { rows } = await repo.listCases(ctx.tx, ctx.actor, { personId, limit: 200, offset: 0 });
  const out = [];
  for (const row of rows) {
    const detail = await presentCaseDetail(ctx, row);
    out.push({
      case: detail,
      contacts: (await repo.listContacts(ctx.tx, ctx.actor, row.id)).map(presentContact),
      goals: (await repo.listGoals(ctx.tx, row.id)).map(presentGoal),
      assessment: (await repo.listAssessments(ctx.tx, row.id)).map((a) => ({ lifeDomain: a.lifeDomain as LifeDomain, needLevel: a.needLevel, need: a.need, resources: a.resources })),
      tasks: (await repo.listTasksOfCase(ctx.tx, row.id)).map(presentTask),
    });
  }
  return out;
}
