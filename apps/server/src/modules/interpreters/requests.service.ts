import { createHmac } from 'node:crypto';
import {
  INTERPRETING_EXCLUSION_EXPLANATION_DE,
  INTERPRETER_REQUEST_STATUS_LABELS_DE,
  isExcludedInterpretingTopic,
  type CreateInterpreterRequestBody,
  type InterpreterFeeTier,
  type InterpreterGenderPreference,
  type InterpretingMode,
  type InterpreterPoolSettings,
  type InterpreterRequestChannel,
  type InterpreterRequestStatus,
  type InterpretingCancelledBy,
  type PublicInterpreterFormInfo,
  type PublicInterpreterRequestBody,
  type PublicInterpreterRequestStatus,
  type RankedInterpreterCandidate,
  type RequesterKind,
} from '@teilhabe/shared';
import { languageName, normaliseDialect } from '@teilhabe/shared/interpreters/languages';
import {
  berlinMonthRange,
  berlinParts,
  berlinToday,
  berlinWallTimeToInstant,
  earliestAppointmentDate,
  formatDateLongDe,
} from '@teilhabe/shared/interpreters/workdays';
import type { Config } from '../../config.js';
import { hasPermission, type Actor } from '../../platform/access/actor.js';
import { organisationSubtree } from '../../platform/access/scope.js';
import type { AuthedContext, RequestContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, unprocessable } from '../../platform/http/errors.js';
import { sendMail } from '../../platform/mail.js';
import { gemeindeByAgs, gemeindenOfKreis } from '../../seed/geo.js';
import { notifyUser } from '../notifications/notifications.service.js';
import { computeAllowance, feeTierOf, isLateCancellation } from './fees.js';
import * as repo from './interpreters.repository.js';
import { gemeindeName, placeText, presentRequest, presentRequestListItem, shortName } from './interpreters.presenter.js';
import { hashToken, newToken } from './interpreters.service.js';
import { haversineKm, matchInterpreters, type CandidateFacts } from './matching.js';
import { renderConfirmation } from './interpreters.pdf.js';

const DAY_MS = 86_400_000;

// ── Geography ──────────────────────────────────────────────────────────────────────────────────────────────────

const distanceCache = new Map<string, number | null>();

/** Kilometres between the centroids of two Gemeinden (as the crow flies). */
export function gemeindeDistanceKm(fromAgs: string, toAgs: string): number | null {
  const key = fromAgs < toAgs ? `${fromAgs}:${toAgs}` : `${toAgs}:${fromAgs}`;
  if (!distanceCache.has(key)) {
    const a = gemeindeByAgs(fromAgs)?.centroid;
    const b = gemeindeByAgs(toAgs)?.centroid;
    distanceCache.set(key, a && b ? haversineKm(a, b) : null);
  }
  return distanceCache.get(key)!;
}

// ── Scope ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The coordination sees every request; partners and case managers those of their organisations or their own. */
export function requestScope(actor: Actor): repo.RequestScope {
  if (hasPermission(actor, 'interpreters.manage')) return { kind: 'all' };
  return { kind: 'requester', userId: actor.userId, organisations: organisationSubtree(actor) };
}

async function requireRequest(ctx: AuthedContext, id: string, opts: { lock?: boolean } = {}) {
  const row = await repo.findRequest(ctx.tx, id, requestScope(ctx.actor), opts);
  if (!row) throw notFound('Anfrage nicht gefunden.');
  return row;
}

async function assignmentWithName(ctx: RequestContext, requestId: string) {
  const a = await repo.latestAssignmentOfRequest(ctx.tx, requestId);
  if (!a) return null;
  const interpreter = (await repo.findInterpreter(ctx.tx, a.interpreterId))!;
  return { ...a, interpreterFirstName: interpreter.firstName, interpreterLastName: interpreter.lastName };
}

async function view(ctx: AuthedContext, request: repo.RequestRow) {
  const [institution, assignment, offers] = await Promise.all([
    repo.findInstitution(ctx.tx, request.institutionId),
    assignmentWithName(ctx, request.id),
    repo.offersOfRequest(ctx.tx, request.id),
  ]);
  return presentRequest({ request, institution: institution!, assignment, offers }, ctx.actor, new Date());
}

// ── Creating requests ──────────────────────────────────────────────────────────────────────────────────────────

interface Appointment {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The rules every new request passes, before anything is written: no legal consequences, privacy notice, a place in
 * the Kreis, a date in the future and — for institutions — the lead time in NRW working days.
 */
function checkRequestRules(
  input: CreateInterpreterRequestBody | PublicInterpreterRequestBody,
  pool: InterpreterPoolSettings,
  kreisAgs: string | undefined,
  opts: { enforceLeadTime: boolean; now: Date },
): Appointment {
  if (isExcludedInterpretingTopic(input.topic)) {
    throw unprocessable('validation_failed', `Diese Anfrage können wir nicht annehmen. ${INTERPRETING_EXCLUSION_EXPLANATION_DE}`, {
      topic: 'Termine mit rechtlichen Folgen oder medizinischer Diagnose sind ausgeschlossen',
    });
  }
  if (!input.noLegalConsequences) {
    throw unprocessable('validation_failed', `Bitte bestätigen Sie, dass der Termin keine rechtlichen Folgen hat. ${INTERPRETING_EXCLUSION_EXPLANATION_DE}`, {
      noLegalConsequences: 'Bestätigung fehlt: Termine mit rechtlichen Folgen sind ausgeschlossen',
    });
  }
  if (!input.privacyAccepted) throw fieldError('privacyAccepted', 'Bitte bestätigen Sie den Datenschutzhinweis.');
  if (input.mode === 'in_person') {
    if (!input.ags) throw fieldError('ags', 'Für einen Termin vor Ort bitte die Gemeinde angeben.');
    if (!input.street) throw fieldError('street', 'Für einen Termin vor Ort bitte die Adresse angeben.');
  }
  for (const [field, ags] of [
    ['ags', input.ags],
    ['institutionAgs', 'institutionAgs' in input ? input.institutionAgs : undefined],
  ] as const) {
    if (!ags) continue;
    const gemeinde = gemeindeByAgs(ags);
    if (!gemeinde) throw fieldError(field, 'Diesen Gemeindeschlüssel gibt es in NRW nicht.');
    if (kreisAgs && gemeinde.kreisAgs !== kreisAgs) throw fieldError(field, 'Der Sprachmittlerpool vermittelt nur für Termine in den Kommunen des Kreises.');
  }
  const startsAt = berlinWallTimeToInstant(input.date, input.time);
  const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
  if (startsAt <= opts.now) {
    throw unprocessable('validation_failed', 'Der Termin liegt in der Vergangenheit. Bitte ein Datum in der Zukunft wählen.', { date: 'Datum liegt in der Vergangenheit' });
  }
  if (opts.enforceLeadTime) {
    const earliest = earliestAppointmentDate(berlinToday(opts.now), pool.leadTimeWorkdays, pool.closedDays);
    if (input.date < earliest) {
      const message =
        `Die Vorlaufzeit ist zu kurz: Anfragen brauchen mindestens ${pool.leadTimeWorkdays} Werktage Vorlauf ` +
        `(Wochenenden und Feiertage in NRW zählen nicht). Der früheste mögliche Termin ist ${formatDateLongDe(earliest)}.`;
      throw unprocessable('validation_failed', message, { date: `Frühestens am ${formatDateLongDe(earliest)}` });
    }
  }
  return { startsAt, endsAt };
}

async function notifyCoordinators(ctx: RequestContext, title: string, body: string, link: string) {
  for (const userId of await repo.coordinatorUserIds(ctx.tx)) {
    await notifyUser(ctx.tx, { userId, kind: 'interpreters', title, body, link });
  }
}

function requestColumns(input: CreateInterpreterRequestBody | PublicInterpreterRequestBody, appointment: Appointment) {
  return {
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    languageCode: input.languageCode,
    dialect: input.dialect?.trim() || null,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    durationMinutes: input.durationMinutes,
    mode: input.mode,
    street: input.mode === 'in_person' ? (input.street ?? null) : null,
    ags: input.mode === 'in_person' ? (input.ags ?? null) : null,
    topic: input.topic,
    genderPreference: input.genderPreference,
    note: input.note?.trim() || null,
  };
}

async function afterCreate(ctx: RequestContext, request: repo.RequestRow) {
  const when = berlinParts(request.startsAt);
  await notifyCoordinators(
    ctx,
    `Neue Sprachmittlungsanfrage ${request.reference}`,
    `${languageName(request.languageCode)} am ${formatDateLongDe(when.date)}, ${when.time} Uhr`,
    `/sprachmittlung/anfragen/${request.id}`,
  );
}

export function publicStatusUrl(config: Config, token: string) {
  return `${config.publicUrl}/sprachmittlung/anfrage/status/${token}`;
}

/** The public request form of an institution: no login; the answer carries the one link to follow the request. */
/**
 * The status token of a public request sent with an `Idempotency-Key`: an HMAC keyed with the key itself. Only the
 * submitter knows the key (the idempotency table keeps its SHA-256 hash), so a replay can hand out the same link
 * again while neither the token nor anything it can be computed from is stored.
 */
export function statusTokenFromIdempotencyKey(idempotencyKey: string): string {
  return createHmac('sha256', idempotencyKey).update('teilhabe:interpreter-request-status').digest('base64url');
}

/** What the idempotency table keeps of a public submission: no status token, no link. */
export interface StoredPublicSubmission {
  reference: string;
  status: InterpreterRequestStatus;
}

/** Turns the stored replay back into the answer; the token is derived again and checked against the request. */
export async function replayPublicSubmission(ctx: RequestContext, config: Config, stored: StoredPublicSubmission, idempotencyKey: string) {
  const token = statusTokenFromIdempotencyKey(idempotencyKey);
  const request = await repo.findRequestByStatusToken(ctx.tx, hashToken(token));
  if (!request || request.reference !== stored.reference) throw notFound('Diese Anfrage gibt es nicht mehr.');
  return { reference: request.reference, statusToken: token, statusUrl: publicStatusUrl(config, token), status: request.status as InterpreterRequestStatus };
}

export async function submitPublicRequest(ctx: RequestContext, config: Config, input: PublicInterpreterRequestBody, idempotencyKey?: string) {
  if (input.website) throw fieldError('website', 'Dieses Feld muss leer bleiben.');
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const kreis = await repo.tenantKreis(ctx.tx);
  const now = new Date();
  const appointment = checkRequestRules(input, pool, kreis?.ags, { enforceLeadTime: true, now });
  const institution = await repo.findOrCreateInstitution(ctx.tx, { name: input.institutionName, kind: input.institutionKind, ags: input.institutionAgs });
  const token = idempotencyKey ? statusTokenFromIdempotencyKey(idempotencyKey) : newToken();
  const request = await repo.insertRequest(ctx.tx, {
    ...requestColumns(input, appointment),
    reference: await repo.nextRequestReference(ctx.tx, Number(berlinToday(now).slice(0, 4))),
    channel: 'public',
    institutionId: institution.id,
    statusTokenHash: hashToken(token),
  });
  await afterCreate(ctx, request);
  const statusUrl = publicStatusUrl(config, token);
  await sendMail(config, {
    to: request.contactEmail,
    subject: `Ihre Anfrage ${request.reference} an den Sprachmittlerpool`,
    text: `Guten Tag,\n\nwir haben Ihre Anfrage ${request.reference} erhalten. Den Stand, die Auftragsbestätigung und die Möglichkeit zur Absage finden Sie hier:\n\n${statusUrl}\n\nIhr Kommunales Integrationszentrum`,
  });
  await ctx.audit.record({
    action: 'interpreter_requests.create',
    subjectType: 'interpreter_request',
    subjectId: request.id,
    details: { channel: 'public', language: request.languageCode, institutionKind: institution.kind },
  });
  return { reference: request.reference, statusToken: token, statusUrl, status: request.status as InterpreterRequestStatus };
}

/** Requests of signed-in users: partner organisations, case managers (from a case contact) and the coordination. */
export async function createRequest(ctx: AuthedContext, input: CreateInterpreterRequestBody) {
  const manage = hasPermission(ctx.actor, 'interpreters.manage');
  const caseManager = ctx.actor.roles.includes('case_manager');
  const channel: InterpreterRequestChannel = manage ? 'coordinator' : caseManager ? 'case' : 'partner';
  if (input.caseId && !caseManager) throw fieldError('caseId', 'Nur Case Manager:innen können eine Anfrage mit einem Fall verknüpfen.');
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const kreis = await repo.tenantKreis(ctx.tx);
  // The coordination may book at short notice (its own discretion); institutions keep the lead time.
  const appointment = checkRequestRules(input, pool, kreis?.ags, { enforceLeadTime: !manage, now: new Date() });

  let institution: repo.InstitutionRow;
  let requesterOrganisationId: string | null = null;
  if (manage) {
    if (!input.institutionName) throw fieldError('institutionName', 'Bitte die anfragende Einrichtung angeben.');
    if (!input.institutionKind) throw fieldError('institutionKind', 'Bitte die Art der Einrichtung angeben.');
    institution = await repo.findOrCreateInstitution(ctx.tx, { name: input.institutionName, kind: input.institutionKind, ags: input.institutionAgs ?? null });
  } else {
    if (input.institutionName || input.institutionKind || input.institutionAgs) {
      throw fieldError('institutionName', 'Die anfragende Stelle ist Ihre eigene Organisation und kann nicht gewählt werden.');
    }
    const membership = ctx.actor.memberships.find((m) => m.role === 'case_manager' || m.role === 'partner') ?? ctx.actor.memberships[0];
    if (!membership) throw fieldError('institutionName', 'Ihr Zugang gehört zu keiner Organisation.');
    const org = await repo.organisationForRequest(ctx.tx, membership.organisationId);
    const kind: RequesterKind = caseManager ? 'kim' : ORGANISATION_TO_REQUESTER[org?.kind ?? ''] ?? 'sonstige';
    institution = await repo.findOrCreateInstitution(ctx.tx, { name: org?.name ?? membership.organisationName, kind, ags: org?.ags ?? null, organisationId: membership.organisationId });
    requesterOrganisationId = membership.organisationId;
  }
  const request = await repo.insertRequest(ctx.tx, {
    ...requestColumns(input, appointment),
    reference: await repo.nextRequestReference(ctx.tx, Number(berlinToday().slice(0, 4))),
    channel,
    institutionId: institution.id,
    requesterOrganisationId,
    requestedBy: ctx.actor.userId,
    caseId: input.caseId ?? null,
  });
  await afterCreate(ctx, request);
  const result = await view(ctx, request);
  await ctx.audit.record({
    action: 'interpreter_requests.create',
    subjectType: 'interpreter_request',
    subjectId: request.id,
    details: { channel, language: request.languageCode, institutionKind: institution.kind, caseLinked: !!input.caseId },
  });
  return result;
}

const ORGANISATION_TO_REQUESTER: Record<string, RequesterKind> = {
  schule: 'schule',
  kita: 'kita',
  kommune: 'kommune',
  amt: 'kommune',
  jobcenter: 'jobcenter',
  jugendamt: 'jugendamt',
  sozialamt: 'sozialamt',
  auslaenderbehoerde: 'kommune',
  wohlfahrtsverband: 'wohlfahrtsverband',
  beratungsstelle: 'beratungsstelle',
  migrantenorganisation: 'migrantenorganisation',
  team: 'sonstige',
};

// ── Reading ────────────────────────────────────────────────────────────────────────────────────────────────────

export async function listRequests(
  ctx: AuthedContext,
  query: { status: string; language?: string; from?: string; to?: string; limit: number; offset: number },
) {
  const { items, total } = await repo.listRequests(ctx.tx, requestScope(ctx.actor), {
    status: query.status,
    language: query.language,
    from: query.from ? berlinWallTimeToInstant(query.from, '00:00') : undefined,
    to: query.to ? new Date(berlinWallTimeToInstant(query.to, '00:00').getTime() + DAY_MS) : undefined,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: items.map(presentRequestListItem), total, limit: query.limit, offset: query.offset };
}

export async function getRequest(ctx: AuthedContext, id: string) {
  return view(ctx, await requireRequest(ctx, id));
}

// ── Matching ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Facts for every interpreter of the request's language (one query) and their ranking (pure function). */
export async function rankCandidatesFor(
  ctx: RequestContext,
  request: Pick<repo.RequestRow, 'id' | 'languageCode' | 'dialect' | 'startsAt' | 'endsAt' | 'mode' | 'ags' | 'genderPreference' | 'institutionId' | 'caseId'>,
  pool: InterpreterPoolSettings,
): Promise<RankedInterpreterCandidate[]> {
  const buffer = pool.travelBufferMinutes * 60_000;
  const start = berlinParts(request.startsAt);
  const month = berlinMonthRange(start.date.slice(0, 7));
  const rows = await repo.candidateFacts(ctx.tx, {
    languageCode: request.languageCode,
    requestId: request.id,
    windowStart: new Date(request.startsAt.getTime() - buffer),
    windowEnd: new Date(request.endsAt.getTime() + buffer),
    monthStart: month.from,
    monthEnd: month.to,
    institutionId: request.institutionId,
    caseId: request.caseId,
    excludeAssignmentOfRequest: request.id,
  });
  const facts: CandidateFacts[] = rows.map((r) => ({
    id: r.id,
    displayName: `${r.firstName} ${r.lastName}`,
    gender: r.gender as CandidateFacts['gender'],
    homeAgs: r.homeAgs,
    servedAgs: r.servedAgs,
    maxTravelKm: r.maxTravelKm,
    remoteOk: r.remoteOk,
    availability: r.availability,
    absences: r.absences,
    level: r.level,
    dialects: r.dialects,
    feeTier: feeTierOf(r.basicTrainingOn, r.advancedTrainingOn),
    confidentialitySigned: !!r.confidentialitySignedOn,
    minutesThisMonth: r.minutesThisMonth,
    overlapping: r.overlapStart && r.overlapEnd ? { startsAt: new Date(r.overlapStart), endsAt: new Date(r.overlapEnd) } : null,
    excluded: r.excluded,
    offerStatus: r.offerStatus,
  }));
  return matchInterpreters(
    {
      languageCode: request.languageCode,
      dialect: normaliseDialect(request.dialect) ? request.dialect : null,
      startsAt: request.startsAt,
      endsAt: request.endsAt,
      mode: request.mode as InterpretingMode,
      ags: request.ags,
      genderPreference: request.genderPreference as InterpreterGenderPreference,
    },
    facts,
    { distanceKm: gemeindeDistanceKm, gemeindeName: (ags) => gemeindeName(ags) ?? ags, travelBufferMinutes: pool.travelBufferMinutes },
  );
}

export async function candidates(ctx: AuthedContext, id: string) {
  const request = await requireRequest(ctx, id);
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  return { requestId: request.id, candidates: await rankCandidatesFor(ctx, request, pool) };
}

// ── Offering ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The coordination offers the request to one or several interpreters; each must be free and eligible now. */
export async function offerRequest(ctx: AuthedContext, id: string, interpreterIds: readonly string[]) {
  const request = await requireRequest(ctx, id, { lock: true });
  if (request.status !== 'open' && request.status !== 'offered') {
    throw conflict(`Die Anfrage ist ${INTERPRETER_REQUEST_STATUS_LABELS_DE[request.status as InterpreterRequestStatus].toLowerCase()} und kann nicht mehr angeboten werden.`);
  }
  if (request.startsAt <= new Date()) throw conflict('Der Termin hat bereits begonnen oder liegt in der Vergangenheit.');
  const unique = [...new Set(interpreterIds)];
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const ranked = new Map((await rankCandidatesFor(ctx, request, pool)).map((c) => [c.interpreterId, c]));
  unique.forEach((interpreterId, i) => {
    const candidate = ranked.get(interpreterId);
    if (!candidate) throw fieldError(`interpreterIds.${i}`, `Diese Person gibt es nicht, sie ist inaktiv oder spricht nicht ${languageName(request.languageCode)}.`);
    if (candidate.offerStatus) throw conflict(`${candidate.displayName} wurde für diese Anfrage bereits angefragt.`, { [`interpreterIds.${i}`]: 'Bereits angefragt' });
    if (!candidate.eligible) {
      const why = candidate.reasons.filter((r) => r.blocking).map((r) => r.text).join('; ');
      throw conflict(`${candidate.displayName} kann nicht angefragt werden: ${why}.`, { [`interpreterIds.${i}`]: why });
    }
  });
  await repo.insertOffers(ctx.tx, request.id, unique, ctx.actor.userId);
  const updated = await repo.updateRequest(ctx.tx, request.id, { status: 'offered' });
  const when = berlinParts(request.startsAt);
  for (const interpreterId of unique) {
    const interpreter = await repo.findInterpreter(ctx.tx, interpreterId);
    if (interpreter?.userId) {
      await notifyUser(ctx.tx, {
        userId: interpreter.userId,
        kind: 'interpreters',
        title: 'Neue Einsatzanfrage',
        body: `${languageName(request.languageCode)} am ${formatDateLongDe(when.date)}, ${when.time} Uhr – bitte annehmen oder ablehnen`,
        link: '/meine-einsaetze',
      });
    }
  }
  const result = await view(ctx, updated);
  await ctx.audit.record({ action: 'interpreter_requests.offer', subjectType: 'interpreter_request', subjectId: request.id, details: { interpreterIds: unique } });
  return result;
}

// ── Cancelling and closing ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Cancels the active assignment of a request, if any. A cancellation by the requester or the KI less than the notice
 * period before the start is still paid (base fee, no travel); one by the interpreter is not.
 */
export async function cancelAssignment(
  ctx: RequestContext,
  request: repo.RequestRow,
  by: InterpretingCancelledBy,
  reason: string,
  pool: InterpreterPoolSettings,
): Promise<repo.AssignmentRow | undefined> {
  const assignment = await repo.activeAssignmentOfRequest(ctx.tx, request.id, { lock: true });
  if (!assignment) return undefined;
  const now = new Date();
  const late = by !== 'interpreter' && isLateCancellation(assignment.startsAt, now, pool.lateCancellationHours);
  const allowance = late
    ? computeAllowance(pool.tariff, { tier: assignment.feeTier as InterpreterFeeTier, mode: request.mode as InterpretingMode, minutes: request.durationMinutes, travelKm: 0, travelMinutes: 0 })
    : null;
  const updated = await repo.updateAssignment(ctx.tx, assignment.id, null, {
    status: 'cancelled',
    cancelledAt: now,
    cancelledBy: by,
    cancelReason: reason,
    lateCancellation: late,
    payable: late,
    feeCents: allowance?.feeCents ?? null,
    travelCents: allowance?.travelCents ?? null,
    totalCents: allowance?.totalCents ?? null,
    tariff: late ? pool.tariff : null,
  });
  if (by !== 'interpreter') {
    const interpreter = await repo.findInterpreter(ctx.tx, assignment.interpreterId);
    if (interpreter?.userId) {
      const when = berlinParts(assignment.startsAt);
      await notifyUser(ctx.tx, {
        userId: interpreter.userId,
        kind: 'interpreters',
        title: 'Einsatz abgesagt',
        body: `Der Einsatz am ${formatDateLongDe(when.date)}, ${when.time} Uhr wurde abgesagt.${late ? ' Die Absage kam kurzfristig: Die Pauschale wird trotzdem gezahlt.' : ''}`,
        link: '/meine-einsaetze',
      });
    }
  }
  return updated;
}

async function cancelWholeRequest(ctx: RequestContext, request: repo.RequestRow, by: InterpretingCancelledBy, reason: string) {
  if (!['open', 'offered', 'assigned'].includes(request.status)) {
    throw conflict(`Die Anfrage ist ${INTERPRETER_REQUEST_STATUS_LABELS_DE[request.status as InterpreterRequestStatus].toLowerCase()} und kann nicht mehr abgesagt werden.`);
  }
  if (request.startsAt <= new Date()) throw conflict('Der Termin hat bereits begonnen; eine Absage ist nicht mehr möglich. Bitte melden Sie sich bei der Koordination.');
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const assignment = await cancelAssignment(ctx, request, by, reason, pool);
  await repo.withdrawPendingOffers(ctx.tx, request.id);
  const updated = await repo.updateRequest(ctx.tx, request.id, { status: 'cancelled', cancelledAt: new Date(), cancelledBy: by, cancelReason: reason });
  if (by === 'requester') await notifyCoordinators(ctx, `Anfrage ${request.reference} abgesagt`, 'Die anfragende Stelle hat den Termin abgesagt.', `/sprachmittlung/anfragen/${request.id}`);
  return { updated, assignment };
}

export async function cancelRequest(ctx: AuthedContext, id: string, reason: string) {
  const request = await requireRequest(ctx, id, { lock: true });
  // The coordination cancels for the KI unless it is the requester itself.
  const by: InterpretingCancelledBy = hasPermission(ctx.actor, 'interpreters.manage') && request.requestedBy !== ctx.actor.userId ? 'coordinator' : 'requester';
  const { updated, assignment } = await cancelWholeRequest(ctx, request, by, reason);
  const result = await view(ctx, updated);
  await ctx.audit.record({
    action: 'interpreter_requests.cancel',
    subjectType: 'interpreter_request',
    subjectId: id,
    details: { by, assignmentId: assignment?.id ?? null, late: assignment?.lateCancellation ?? false },
  });
  return result;
}

export async function markUnfilled(ctx: AuthedContext, id: string, reason: string) {
  const request = await requireRequest(ctx, id, { lock: true });
  if (request.status !== 'open' && request.status !== 'offered') throw conflict('Nur offene oder angebotene Anfragen können als „nicht vermittelt“ geschlossen werden.');
  await repo.withdrawPendingOffers(ctx.tx, request.id);
  const updated = await repo.updateRequest(ctx.tx, request.id, { status: 'unfilled', cancelReason: reason, cancelledAt: new Date(), cancelledBy: 'coordinator' });
  const result = await view(ctx, updated);
  await ctx.audit.record({ action: 'interpreter_requests.unfilled', subjectType: 'interpreter_request', subjectId: id });
  return result;
}

// ── Confirmation (Auftragsbestätigung) ─────────────────────────────────────────────────────────────────────────

async function confirmationFor(ctx: RequestContext, request: repo.RequestRow): Promise<Buffer> {
  if (request.status !== 'assigned' && request.status !== 'completed') {
    throw conflict('Eine Auftragsbestätigung gibt es erst, wenn eine Sprachmittler:in zugesagt hat.');
  }
  const [institution, assignment, kreis] = await Promise.all([
    repo.findInstitution(ctx.tx, request.institutionId),
    assignmentWithName(ctx, request.id),
    repo.tenantKreis(ctx.tx),
  ]);
  const when = berlinParts(request.startsAt);
  return renderConfirmation({
    issuer: kreis?.name ?? 'Kreis',
    reference: request.reference,
    institution: institution!.name,
    contactName: request.contactName,
    dateText: formatDateLongDe(when.date),
    timeText: when.time,
    durationMinutes: request.durationMinutes,
    place: placeText(request),
    language: `${languageName(request.languageCode)}${request.dialect ? ` (${request.dialect})` : ''}`,
    interpreterName: assignment ? shortName(assignment.interpreterFirstName, assignment.interpreterLastName) : '–',
    statusNote: request.status === 'completed' ? 'Durchgeführt' : 'Bestätigt',
  });
}

export async function confirmationPdf(ctx: AuthedContext, id: string) {
  const request = await requireRequest(ctx, id);
  const pdf = await confirmationFor(ctx, request);
  await ctx.audit.record({ action: 'interpreter_requests.confirmation', subjectType: 'interpreter_request', subjectId: id });
  return { pdf, filename: `Auftragsbestaetigung-${request.reference}.pdf` };
}

// ── The requester's status link (public) ───────────────────────────────────────────────────────────────────────

async function byToken(ctx: RequestContext, token: string, opts: { lock?: boolean } = {}) {
  const row = await repo.findRequestByStatusToken(ctx.tx, hashToken(token.replace(/\.ics$/, '')), opts);
  if (!row) throw notFound('Diese Anfrage gibt es nicht oder der Link ist ungültig.');
  return row;
}

export async function publicStatus(ctx: RequestContext, token: string): Promise<PublicInterpreterRequestStatus> {
  const request = await byToken(ctx, token);
  const [institution, assignment] = await Promise.all([repo.findInstitution(ctx.tx, request.institutionId), repo.activeAssignmentOfRequest(ctx.tx, request.id)]);
  const interpreter = assignment ? await repo.findInterpreter(ctx.tx, assignment.interpreterId) : undefined;
  const when = berlinParts(request.startsAt);
  const now = new Date();
  const active = ['open', 'offered', 'assigned'].includes(request.status);
  return {
    reference: request.reference,
    status: request.status as InterpreterRequestStatus,
    institutionName: institution!.name,
    languageName: languageName(request.languageCode),
    dialect: request.dialect,
    date: when.date,
    time: when.time,
    durationMinutes: request.durationMinutes,
    place: { mode: request.mode as InterpretingMode, street: request.street, ags: request.ags, gemeinde: gemeindeName(request.ags) },
    interpreterName: interpreter ? shortName(interpreter.firstName, interpreter.lastName) : null,
    cancelReason: request.status === 'cancelled' || request.status === 'unfilled' ? request.cancelReason : null,
    feedbackGiven: !!request.requesterFeedback,
    can: {
      cancel: active && request.startsAt > now,
      confirmation: request.status === 'assigned' || request.status === 'completed',
      feedback: (request.status === 'assigned' || request.status === 'completed') && request.startsAt <= now && !request.requesterFeedback,
    },
  };
}

export async function publicCancel(ctx: RequestContext, token: string, reason: string) {
  const request = await byToken(ctx, token, { lock: true });
  const { assignment } = await cancelWholeRequest(ctx, request, 'requester', reason);
  const status = await publicStatus(ctx, token);
  await ctx.audit.record({
    action: 'interpreter_requests.cancel',
    subjectType: 'interpreter_request',
    subjectId: request.id,
    details: { by: 'requester', channel: 'status_link', late: assignment?.lateCancellation ?? false },
  });
  return status;
}

/** The requester confirms the appointment took place (or not) and may rate it. */
export async function publicFeedback(ctx: RequestContext, token: string, input: { tookPlace: boolean; rating?: number; comment?: string }) {
  const request = await byToken(ctx, token, { lock: true });
  if (request.status !== 'assigned' && request.status !== 'completed') throw conflict('Rückmeldungen sind nur zu vermittelten Terminen möglich.');
  if (request.startsAt > new Date()) throw conflict('Eine Rückmeldung ist erst ab Beginn des Termins möglich.');
  if (request.requesterFeedback) throw conflict('Zu diesem Termin liegt bereits eine Rückmeldung vor.');
  await repo.updateRequest(ctx.tx, request.id, { requesterFeedback: { ...input, at: new Date().toISOString() } });
  if (!input.tookPlace) {
    await notifyCoordinators(ctx, `Termin ${request.reference} hat laut anfragender Stelle nicht stattgefunden`, 'Bitte mit der Sprachmittler:in klären.', `/sprachmittlung/anfragen/${request.id}`);
  }
  const status = await publicStatus(ctx, token);
  await ctx.audit.record({ action: 'interpreter_requests.feedback', subjectType: 'interpreter_request', subjectId: request.id, details: { tookPlace: input.tookPlace } });
  return status;
}

export async function publicConfirmationPdf(ctx: RequestContext, token: string) {
  const request = await byToken(ctx, token);
  return { pdf: await confirmationFor(ctx, request), filename: `Auftragsbestaetigung-${request.reference}.pdf` };
}

export async function publicFormInfo(ctx: RequestContext): Promise<PublicInterpreterFormInfo> {
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const kreis = await repo.tenantKreis(ctx.tx);
  const earliest = earliestAppointmentDate(berlinToday(), pool.leadTimeWorkdays, pool.closedDays);
  return {
    gemeinden: kreis ? gemeindenOfKreis(kreis.ags).map((g) => ({ ags: g.ags, name: g.name })) : [],
    earliestDate: earliest,
    earliestDateText: formatDateLongDe(earliest),
    leadTimeWorkdays: pool.leadTimeWorkdays,
  };
}
