import { createHash, randomBytes } from 'node:crypto';
import type {
  AddInterpreterExclusionBody,
  CreateInterpreterBody,
  InterpreterLanguageSkill,
  InterpreterPoolSettings,
  OwnInterpreterProfile,
  RequesterKind,
  UpdateInterpreterBody,
} from '@teilhabe/shared';
import { languageName } from '@teilhabe/shared/interpreters/languages';
import { berlinToday, berlinYearRange } from '@teilhabe/shared/interpreters/workdays';
import type { Config } from '../../config.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import { gemeindeByAgs } from '../../seed/geo.js';
import { capStatus, feeTierOf } from './fees.js';
import * as repo from './interpreters.repository.js';
import { fullName, presentInterpreterDetail, presentInterpreterSummary } from './interpreters.presenter.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function calendarUrl(config: Config, token: string): string {
  return `${config.publicUrl}/api/v1/public/interpreter-calendar/${token}.ics`;
}

function currentYearRange(now = new Date()) {
  return berlinYearRange(Number(berlinToday(now).slice(0, 4)));
}

function checkAgs(field: string, ags: string) {
  if (!gemeindeByAgs(ags)) throw fieldError(field, 'Diesen Gemeindeschlüssel gibt es in NRW nicht.');
}

function checkLanguages(languages: readonly InterpreterLanguageSkill[]) {
  const seen = new Set<string>();
  languages.forEach((l, i) => {
    if (seen.has(l.code)) throw fieldError(`languages.${i}.code`, 'Diese Sprache ist doppelt angegeben.');
    seen.add(l.code);
  });
}

async function checkReferences(ctx: AuthedContext, input: Partial<CreateInterpreterBody>, interpreterId: string | null) {
  if (input.homeAgs) checkAgs('homeAgs', input.homeAgs);
  input.servedAgs?.forEach((ags, i) => checkAgs(`servedAgs.${i}`, ags));
  if (input.languages) checkLanguages(input.languages);
  if (input.userId) {
    if (!(await repo.isInterpreterUser(ctx.tx, input.userId))) {
      throw fieldError('userId', 'Dieser Zugang gibt es nicht oder er hat nicht die Rolle Sprachmittler:in.');
    }
    const linked = await repo.findInterpreterByUser(ctx.tx, input.userId);
    if (linked && linked.id !== interpreterId) throw conflict('Dieser Zugang ist schon einer anderen Sprachmittler:in zugeordnet.', { userId: 'Schon zugeordnet' });
  }
  if (input.exclusions?.length) {
    const ids = input.exclusions.map((e) => e.institutionId).filter((id): id is string => !!id);
    const known = await repo.existingInstitutionIds(ctx.tx, ids);
    input.exclusions.forEach((e, i) => {
      if (e.institutionId && !known.has(e.institutionId)) throw fieldError(`exclusions.${i}.institutionId`, 'Diese Einrichtung gibt es nicht.');
    });
  }
}

const languageRows = (languages: readonly InterpreterLanguageSkill[]) => languages.map((l) => ({ code: l.code, dialects: [...new Set(l.dialects)], level: l.level }));

function columnsOf(input: Partial<CreateInterpreterBody>): Partial<repo.InterpreterInsert> {
  const columns: Partial<repo.InterpreterInsert> = {};
  const keys = [
    'firstName',
    'lastName',
    'email',
    'phone',
    'street',
    'postalCode',
    'homeAgs',
    'gender',
    'basicTrainingOn',
    'advancedTrainingOn',
    'confidentialitySignedOn',
    'confidentialityDocument',
    'availability',
    'absences',
    'servedAgs',
    'maxTravelKm',
    'remoteOk',
    'active',
    'iban',
    'accountHolder',
    'userId',
    'notes',
  ] as const;
  for (const key of keys) {
    const value = input[key];
    if (value !== undefined) (columns as Record<string, unknown>)[key] = value === '' ? null : value;
  }
  return columns;
}

async function detail(ctx: AuthedContext, row: repo.InterpreterRow) {
  const year = currentYearRange();
  const [languages, exclusions, yearTotal] = await Promise.all([
    repo.languagesOf(ctx.tx, row.id),
    repo.exclusionsOf(ctx.tx, row.id),
    repo.payableTotalCents(ctx.tx, row.id, year.from, year.to),
  ]);
  return presentInterpreterDetail(row, languages, exclusions, yearTotal, ctx.actor);
}

export async function listInterpreters(
  ctx: AuthedContext,
  query: { q?: string; language?: string; active: 'true' | 'false' | 'all'; limit: number; offset: number },
) {
  const { items, total } = await repo.listInterpreters(ctx.tx, { ...query, q: query.q?.trim() || undefined });
  return { items: items.map(presentInterpreterSummary), total, limit: query.limit, offset: query.offset };
}

/** Contact data and bank details: every read is audited. */
export async function getInterpreter(ctx: AuthedContext, id: string) {
  const row = await repo.findInterpreter(ctx.tx, id);
  if (!row) throw notFound('Sprachmittler:in nicht gefunden.');
  const view = await detail(ctx, row);
  await ctx.audit.record({ action: 'interpreters.read', subjectType: 'interpreter', subjectId: id, details: { iban: view.can.viewIban } });
  return view;
}

export async function createInterpreter(ctx: AuthedContext, input: CreateInterpreterBody) {
  await checkReferences(ctx, input, null);
  const row = await repo.insertInterpreter(ctx.tx, columnsOf(input) as repo.InterpreterInsert);
  await repo.replaceLanguages(ctx.tx, row.id, languageRows(input.languages));
  await repo.replaceExclusions(ctx.tx, row.id, input.exclusions);
  const view = await detail(ctx, row);
  await ctx.audit.record({ action: 'interpreters.create', subjectType: 'interpreter', subjectId: row.id, details: { languages: input.languages.map((l) => l.code), linkedUser: !!input.userId } });
  return view;
}

export async function updateInterpreter(ctx: AuthedContext, id: string, version: number, input: UpdateInterpreterBody) {
  const current = await repo.findInterpreter(ctx.tx, id);
  if (!current) throw notFound('Sprachmittler:in nicht gefunden.');
  await checkReferences(ctx, input, id);
  const row = await repo.updateInterpreter(ctx.tx, id, version, columnsOf(input));
  if (!row) throw versionConflict();
  if (input.languages) await repo.replaceLanguages(ctx.tx, id, languageRows(input.languages));
  if (input.exclusions) await repo.replaceExclusions(ctx.tx, id, input.exclusions);
  // Deactivating ends the private calendar feed as well.
  if (input.active === false && row.calendarTokenHash) await repo.setCalendarTokenHash(ctx.tx, id, null);
  const view = await detail(ctx, (await repo.findInterpreter(ctx.tx, id))!);
  await ctx.audit.record({
    action: 'interpreters.update',
    subjectType: 'interpreter',
    subjectId: id,
    details: { fields: Object.keys(input).filter((k) => input[k as keyof UpdateInterpreterBody] !== undefined) },
  });
  return view;
}

// ── Exclusion list ──────────────────────────────────────────────────────────────────────────────────────────────

/** Never match this interpreter with an institution, or with the client of a request (the case stays hidden). */
export async function addExclusion(ctx: AuthedContext, interpreterId: string, input: AddInterpreterExclusionBody) {
  const row = await repo.findInterpreter(ctx.tx, interpreterId);
  if (!row) throw notFound('Sprachmittler:in nicht gefunden.');
  let target: { institutionId: string | null; caseId: string | null };
  let requestReference: string | null = null;
  if (input.institutionId) {
    if (!(await repo.existingInstitutionIds(ctx.tx, [input.institutionId])).has(input.institutionId)) throw fieldError('institutionId', 'Diese Einrichtung gibt es nicht.');
    target = { institutionId: input.institutionId, caseId: null };
  } else {
    const request = await repo.findRequestByReference(ctx.tx, input.requestReference!);
    if (!request) throw fieldError('requestReference', 'Eine Anfrage mit diesem Aktenzeichen gibt es nicht.');
    if (!request.caseId) {
      throw fieldError('requestReference', 'Diese Anfrage gehört zu keinem Fall des Case Managements; bitte stattdessen die Einrichtung ausschließen.');
    }
    target = { institutionId: null, caseId: request.caseId };
    requestReference = request.reference;
  }
  if (await repo.hasExclusion(ctx.tx, interpreterId, target)) {
    throw conflict('Dieser Ausschluss steht schon auf der Liste.', { [input.institutionId ? 'institutionId' : 'requestReference']: 'Schon ausgeschlossen' });
  }
  const exclusion = await repo.insertExclusion(ctx.tx, { interpreterId, ...target, note: input.reason });
  await ctx.audit.record({
    action: 'interpreters.exclusion_added',
    subjectType: 'interpreter',
    subjectId: interpreterId,
    details: { exclusionId: exclusion.id, kind: target.institutionId ? 'institution' : 'client', institutionId: target.institutionId, requestReference, reason: input.reason },
  });
  return detail(ctx, row);
}

export async function removeExclusion(ctx: AuthedContext, interpreterId: string, exclusionId: string) {
  const row = await repo.findInterpreter(ctx.tx, interpreterId);
  if (!row) throw notFound('Sprachmittler:in nicht gefunden.');
  const exclusion = await repo.findExclusion(ctx.tx, interpreterId, exclusionId);
  if (!exclusion) throw notFound('Diesen Ausschluss gibt es nicht (mehr).');
  await repo.deleteExclusion(ctx.tx, exclusionId);
  await ctx.audit.record({
    action: 'interpreters.exclusion_removed',
    subjectType: 'interpreter',
    subjectId: interpreterId,
    details: { exclusionId, kind: exclusion.institutionId ? 'institution' : 'client', institutionId: exclusion.institutionId, reason: exclusion.note },
  });
  return detail(ctx, row);
}

/**
 * The owner check of an interpreter's documents: the interpreter must exist (404 otherwise). The documents belong to
 * the organisation of the coordination that files them.
 */
export async function interpreterDocumentOwner(ctx: AuthedContext, interpreterId: string): Promise<{ organisationId: string }> {
  if (!(await repo.findInterpreter(ctx.tx, interpreterId))) throw notFound('Sprachmittler:in nicht gefunden.');
  const membership = ctx.actor.memberships.find((m) => m.role === 'interpreter_coordinator') ?? ctx.actor.memberships[0];
  if (!membership) throw notFound('Sprachmittler:in nicht gefunden.');
  return { organisationId: membership.organisationId };
}

export async function issueCalendarToken(ctx: AuthedContext, config: Config, interpreterId: string) {
  const row = await repo.findInterpreter(ctx.tx, interpreterId);
  if (!row) throw notFound('Sprachmittler:in nicht gefunden.');
  if (!row.active) throw conflict('Für inaktive Sprachmittler:innen gibt es keinen Kalender-Link.');
  const token = newToken();
  await repo.setCalendarTokenHash(ctx.tx, interpreterId, hashToken(token));
  await ctx.audit.record({ action: 'interpreters.calendar_issued', subjectType: 'interpreter', subjectId: interpreterId, details: { replaced: !!row.calendarTokenHash } });
  return { url: calendarUrl(config, token) };
}

export async function revokeCalendarToken(ctx: AuthedContext, interpreterId: string) {
  const row = await repo.findInterpreter(ctx.tx, interpreterId);
  if (!row) throw notFound('Sprachmittler:in nicht gefunden.');
  await repo.setCalendarTokenHash(ctx.tx, interpreterId, null);
  await ctx.audit.record({ action: 'interpreters.calendar_revoked', subjectType: 'interpreter', subjectId: interpreterId, details: { hadFeed: !!row.calendarTokenHash } });
  return { ok: true as const };
}

// ── The interpreter's own record ────────────────────────────────────────────────────────────────────────────────

/** The interpreter record of the signed-in user; a login without one gets 404 everywhere. */
export async function ownInterpreter(ctx: AuthedContext): Promise<repo.InterpreterRow> {
  const row = await repo.findInterpreterByUser(ctx.tx, ctx.actor.userId);
  if (!row) throw notFound('Ihr Zugang ist noch keiner Sprachmittler:in zugeordnet. Bitte wenden Sie sich an die Koordination.');
  return row;
}

export async function ownProfile(ctx: AuthedContext, row: repo.InterpreterRow, pool: InterpreterPoolSettings): Promise<OwnInterpreterProfile> {
  const year = currentYearRange();
  const [languages, yearTotal] = await Promise.all([repo.languagesOf(ctx.tx, row.id), repo.payableTotalCents(ctx.tx, row.id, year.from, year.to)]);
  return {
    id: row.id,
    displayName: fullName(row.firstName, row.lastName),
    languages: languages.map((l) => ({ code: l.code, name: languageName(l.code), dialects: l.dialects, level: l.level })),
    feeTier: feeTierOf(row.basicTrainingOn, row.advancedTrainingOn),
    availability: row.availability,
    absences: row.absences,
    calendarFeedActive: !!row.calendarTokenHash,
    yearTotalCents: yearTotal,
    volunteerCapCents: pool.volunteerCapCents,
    capStatus: capStatus(yearTotal, pool.volunteerCapCents, pool.capWarningPercent),
    version: row.version,
  };
}

export async function updateOwnAvailability(
  ctx: AuthedContext,
  version: number,
  input: { availability?: { weekday: number; from: string; to: string }[]; absences?: { from: string; to: string; note?: string }[] },
) {
  const own = await ownInterpreter(ctx);
  const row = await repo.updateInterpreter(ctx.tx, own.id, version, {
    ...(input.availability ? { availability: input.availability } : {}),
    ...(input.absences ? { absences: input.absences } : {}),
  });
  if (!row) throw versionConflict();
  const profile = await ownProfile(ctx, row, (await repo.readPoolSettings(ctx.tx)).value);
  await ctx.audit.record({ action: 'interpreters.own_availability', subjectType: 'interpreter', subjectId: own.id, details: { fields: Object.keys(input) } });
  return profile;
}

export async function issueOwnCalendarToken(ctx: AuthedContext, config: Config) {
  return issueCalendarToken(ctx, config, (await ownInterpreter(ctx)).id);
}

export async function revokeOwnCalendarToken(ctx: AuthedContext) {
  return revokeCalendarToken(ctx, (await ownInterpreter(ctx)).id);
}

// ── Settings of the pool ────────────────────────────────────────────────────────────────────────────────────────

export async function getPoolSettings(ctx: AuthedContext) {
  const { value, version } = await repo.readPoolSettings(ctx.tx);
  return { ...value, version };
}

export async function updatePoolSettings(ctx: AuthedContext, version: number, value: InterpreterPoolSettings) {
  const saved = await repo.writePoolSettings(ctx.tx, value, version);
  if (saved === null) throw versionConflict();
  await ctx.audit.record({ action: 'interpreter_settings.update', subjectType: 'settings', subjectId: 'interpreters.pool', details: { version: saved } });
  return { ...value, version: saved };
}

export async function listInstitutions(ctx: AuthedContext, q: string | undefined) {
  const rows = await repo.listInstitutions(ctx.tx, q?.trim() || undefined);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as RequesterKind, gemeinde: r.ags ? (gemeindeByAgs(r.ags)?.name ?? r.ags) : null }));
}
