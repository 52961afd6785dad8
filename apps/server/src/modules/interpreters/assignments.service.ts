import type { CompleteInterpreterAssignmentBody, InterpreterFeeTier, InterpretingMode, OwnInterpreterOverview } from '@teilhabe/shared';
import { languageName } from '@teilhabe/shared/interpreters/languages';
import { berlinParts, formatDateLongDe } from '@teilhabe/shared/interpreters/workdays';
import type { Config } from '../../config.js';
import type { AuthedContext, RequestContext } from '../../platform/http/context.js';
import { conflict, notFound, versionConflict } from '../../platform/http/errors.js';
import { sendMail } from '../../platform/mail.js';
import { notifyUser } from '../notifications/notifications.service.js';
import { computeAllowance, feeTierOf } from './fees.js';
import { renderCalendar } from './ical.js';
import * as repo from './interpreters.repository.js';
import { placeText, presentOwnAssignment, presentOwnOffer, shortName } from './interpreters.presenter.js';
import { hashToken, ownInterpreter, ownProfile } from './interpreters.service.js';
import { cancelAssignment } from './requests.service.js';

const DAY_MS = 86_400_000;

async function notifyCoordinators(ctx: RequestContext, title: string, body: string, link: string) {
  for (const userId of await repo.coordinatorUserIds(ctx.tx)) await notifyUser(ctx.tx, { userId, kind: 'interpreters', title, body, link });
}

const when = (d: Date) => {
  const p = berlinParts(d);
  return `${formatDateLongDe(p.date)}, ${p.time} Uhr`;
};

// ── The interpreter's own view ─────────────────────────────────────────────────────────────────────────────────

export async function ownOverview(ctx: AuthedContext): Promise<OwnInterpreterOverview> {
  const me = await ownInterpreter(ctx);
  const now = new Date();
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const [profile, offers, assignments] = await Promise.all([
    ownProfile(ctx, me, pool),
    repo.ownOffers(ctx.tx, me.id, now),
    repo.ownAssignments(ctx.tx, me.id, { from: new Date(now.getTime() - 45 * DAY_MS) }),
  ]);
  return { profile, offers: offers.map((o) => presentOwnOffer(o, now)), assignments: assignments.map((a) => presentOwnAssignment(a, now)) };
}

/** One of the interpreter's own assignments; another interpreter's assignment is "not found". */
export async function ownAssignmentView(ctx: AuthedContext, assignmentId: string) {
  const me = await ownInterpreter(ctx);
  const row = await repo.ownAssignment(ctx.tx, me.id, assignmentId);
  if (!row) throw notFound('Einsatz nicht gefunden.');
  return presentOwnAssignment(row, new Date());
}

/** Accepting is the moment of truth: the request must still be open and the interpreter still free (incl. buffer). */
export async function acceptOffer(ctx: AuthedContext, config: Config, offerId: string) {
  const me = await ownInterpreter(ctx);
  const offer = await repo.findOfferOf(ctx.tx, offerId, me.id);
  if (!offer) throw notFound('Angebot nicht gefunden.');
  if (offer.status !== 'pending') throw conflict('Dieses Angebot ist nicht mehr offen (schon beantwortet oder von der Koordination zurückgezogen).');
  const request = (await repo.findRequest(ctx.tx, offer.requestId, { kind: 'all' }, { lock: true }))!;
  if (request.status !== 'offered' && request.status !== 'open') {
    throw conflict(request.status === 'assigned' ? 'Der Einsatz wurde bereits an eine andere Person vergeben.' : 'Die Anfrage wurde inzwischen abgesagt oder geschlossen.');
  }
  if (request.startsAt <= new Date()) throw conflict('Der Termin hat bereits begonnen.');
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const tier = feeTierOf(me.basicTrainingOn, me.advancedTrainingOn);
  if (!tier) throw conflict('Ohne abgeschlossene Basisschulung können noch keine Einsätze übernommen werden.');
  await repo.lockInterpreter(ctx.tx, me.id);
  const buffer = pool.travelBufferMinutes * 60_000;
  const overlap = await repo.overlappingAssignment(ctx.tx, me.id, new Date(request.startsAt.getTime() - buffer), new Date(request.endsAt.getTime() + buffer));
  if (overlap) {
    const a = berlinParts(overlap.startsAt);
    const b = berlinParts(overlap.endsAt);
    throw conflict(
      `Sie haben zu dieser Zeit bereits einen Einsatz (${a.time}–${b.time} Uhr; mit ${pool.travelBufferMinutes} Minuten Wegepuffer überschneidet er sich). Bitte lehnen Sie dieses Angebot ab.`,
    );
  }
  const assignment = await repo.insertAssignment(ctx.tx, {
    requestId: request.id,
    interpreterId: me.id,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    feeTier: tier,
  });
  await repo.updateOffer(ctx.tx, offer.id, { status: 'accepted', respondedAt: new Date() });
  await repo.withdrawPendingOffers(ctx.tx, request.id, offer.id);
  await repo.updateRequest(ctx.tx, request.id, { status: 'assigned' });
  await notifyCoordinators(ctx, `Zusage für ${request.reference}`, `${shortName(me.firstName, me.lastName)} übernimmt den Einsatz am ${when(request.startsAt)}.`, `/sprachmittlung/anfragen/${request.id}`);
  // The requester hears about it by e-mail when SMTP is configured; otherwise the status page and PDF show it.
  await sendMail(config, {
    to: request.contactEmail,
    subject: `Auftragsbestätigung Sprachmittlung ${request.reference}`,
    text:
      `Guten Tag,\n\nfür Ihren Termin am ${when(request.startsAt)} (${languageName(request.languageCode)}, ${placeText(request)}) ` +
      `hat ${shortName(me.firstName, me.lastName)} zugesagt.\n\nBitte denken Sie daran: Die Fachkraft führt das Gespräch; Absagen bitte frühzeitig.\n\nIhr Kommunales Integrationszentrum`,
  });
  const view = presentOwnAssignment((await repo.ownAssignment(ctx.tx, me.id, assignment.id))!, new Date());
  await ctx.audit.record({ action: 'interpreter_offers.accept', subjectType: 'interpreter_offer', subjectId: offer.id, details: { requestId: request.id, assignmentId: assignment.id } });
  return view;
}

export async function declineOffer(ctx: AuthedContext, offerId: string, reason: string | undefined) {
  const me = await ownInterpreter(ctx);
  const offer = await repo.findOfferOf(ctx.tx, offerId, me.id);
  if (!offer) throw notFound('Angebot nicht gefunden.');
  if (offer.status !== 'pending') throw conflict('Dieses Angebot ist nicht mehr offen (schon beantwortet oder von der Koordination zurückgezogen).');
  await repo.updateOffer(ctx.tx, offer.id, { status: 'declined', respondedAt: new Date(), declineReason: reason ?? null });
  const request = (await repo.findRequest(ctx.tx, offer.requestId, { kind: 'all' }, { lock: true }))!;
  if (request.status === 'offered' && (await repo.pendingOfferCount(ctx.tx, request.id)) === 0) await repo.updateRequest(ctx.tx, request.id, { status: 'open' });
  await notifyCoordinators(ctx, `Absage für ${request.reference}`, `${shortName(me.firstName, me.lastName)} kann den Einsatz am ${when(request.startsAt)} nicht übernehmen.`, `/sprachmittlung/anfragen/${request.id}`);
  await ctx.audit.record({ action: 'interpreter_offers.decline', subjectType: 'interpreter_offer', subjectId: offer.id, details: { requestId: request.id } });
  return { ok: true as const };
}

// ── Completion ─────────────────────────────────────────────────────────────────────────────────────────────────

async function complete(ctx: AuthedContext, assignment: repo.AssignmentRow, version: number | null, input: CompleteInterpreterAssignmentBody) {
  if (assignment.status !== 'confirmed') throw conflict(assignment.status === 'completed' ? 'Dieser Einsatz ist bereits abgeschlossen.' : 'Dieser Einsatz wurde abgesagt.');
  if (assignment.startsAt > new Date()) throw conflict('Ein Einsatz kann erst ab seinem Beginn als durchgeführt gemeldet werden.');
  const request = (await repo.findRequest(ctx.tx, assignment.requestId, { kind: 'all' }, { lock: true }))!;
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const inPerson = request.mode === 'in_person';
  const allowance = computeAllowance(pool.tariff, {
    tier: assignment.feeTier as InterpreterFeeTier,
    mode: request.mode as InterpretingMode,
    minutes: input.actualMinutes,
    travelKm: inPerson ? input.travelKm : 0,
    travelMinutes: inPerson ? input.travelMinutes : 0,
  });
  const updated = await repo.updateAssignment(ctx.tx, assignment.id, version, {
    status: 'completed',
    outcome: input.outcome,
    actualMinutes: input.actualMinutes,
    travelKm: inPerson ? input.travelKm : 0,
    travelMinutes: inPerson ? input.travelMinutes : 0,
    feedback: input.feedback?.trim() || null,
    completedAt: new Date(),
    completedBy: ctx.actor.userId,
    ...allowance,
    payable: true,
    tariff: pool.tariff,
  });
  if (!updated) throw versionConflict();
  await repo.updateRequest(ctx.tx, request.id, { status: 'completed' });
  return updated;
}

export async function completeOwnAssignment(ctx: AuthedContext, assignmentId: string, input: CompleteInterpreterAssignmentBody) {
  const me = await ownInterpreter(ctx);
  const own = await repo.ownAssignment(ctx.tx, me.id, assignmentId);
  if (!own) throw notFound('Einsatz nicht gefunden.');
  const assignment = (await repo.findAssignment(ctx.tx, assignmentId, { lock: true }))!;
  const updated = await complete(ctx, assignment, null, input);
  const view = presentOwnAssignment((await repo.ownAssignment(ctx.tx, me.id, assignmentId))!, new Date());
  await ctx.audit.record({
    action: 'interpreter_assignments.complete',
    subjectType: 'interpreter_assignment',
    subjectId: assignmentId,
    details: { by: 'interpreter', totalCents: updated.totalCents, outcome: input.outcome },
  });
  return view;
}

/** The coordination records a completion from the paper Abrechnung (If-Match: the assignment's version). */
export async function completeAssignmentByCoordinator(ctx: AuthedContext, assignmentId: string, version: number, input: CompleteInterpreterAssignmentBody) {
  const assignment = await repo.findAssignment(ctx.tx, assignmentId, { lock: true });
  if (!assignment) throw notFound('Einsatz nicht gefunden.');
  const updated = await complete(ctx, assignment, version, input);
  await ctx.audit.record({
    action: 'interpreter_assignments.complete',
    subjectType: 'interpreter_assignment',
    subjectId: assignmentId,
    details: { by: 'coordinator', totalCents: updated.totalCents, outcome: input.outcome },
  });
  return { id: updated.id, status: updated.status, totalCents: updated.totalCents, version: updated.version };
}

// ── Cancellation of an assignment (the request reopens for a new match) ────────────────────────────────────────

export async function cancelOwnAssignment(ctx: AuthedContext, assignmentId: string, reason: string) {
  const me = await ownInterpreter(ctx);
  const own = await repo.ownAssignment(ctx.tx, me.id, assignmentId);
  if (!own) throw notFound('Einsatz nicht gefunden.');
  if (own.status !== 'confirmed') throw conflict('Nur bestätigte Einsätze können abgesagt werden.');
  if (own.startsAt <= new Date()) throw conflict('Der Einsatz hat bereits begonnen; bitte rufen Sie die Koordination an.');
  const request = (await repo.findRequest(ctx.tx, own.requestId, { kind: 'all' }, { lock: true }))!;
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  await cancelAssignment(ctx, request, 'interpreter', reason, pool);
  await repo.updateRequest(ctx.tx, request.id, { status: 'open' });
  await notifyCoordinators(
    ctx,
    `Sprachmittler:in hat ${request.reference} abgesagt`,
    `${shortName(me.firstName, me.lastName)} kann den Einsatz am ${when(request.startsAt)} nicht wahrnehmen. Bitte neu vermitteln.`,
    `/sprachmittlung/anfragen/${request.id}`,
  );
  const view = presentOwnAssignment((await repo.ownAssignment(ctx.tx, me.id, assignmentId))!, new Date());
  await ctx.audit.record({ action: 'interpreter_assignments.cancel', subjectType: 'interpreter_assignment', subjectId: assignmentId, details: { by: 'interpreter' } });
  return view;
}

/** The coordination takes an interpreter off a request (e.g. to send someone else); a late cancellation is still paid. */
export async function cancelAssignmentByCoordinator(ctx: AuthedContext, assignmentId: string, reason: string) {
  const assignment = await repo.findAssignment(ctx.tx, assignmentId);
  if (!assignment) throw notFound('Einsatz nicht gefunden.');
  if (assignment.status !== 'confirmed') throw conflict('Nur bestätigte Einsätze können abgesagt werden.');
  if (assignment.startsAt <= new Date()) throw conflict('Der Einsatz hat bereits begonnen.');
  const request = (await repo.findRequest(ctx.tx, assignment.requestId, { kind: 'all' }, { lock: true }))!;
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const cancelled = (await cancelAssignment(ctx, request, 'coordinator', reason, pool))!;
  await repo.updateRequest(ctx.tx, request.id, { status: 'open' });
  await ctx.audit.record({
    action: 'interpreter_assignments.cancel',
    subjectType: 'interpreter_assignment',
    subjectId: assignmentId,
    details: { by: 'coordinator', late: cancelled.lateCancellation },
  });
  return { id: cancelled.id, status: cancelled.status, lateCancellation: cancelled.lateCancellation, totalCents: cancelled.totalCents, version: cancelled.version };
}

// ── Private calendar feed ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The iCalendar feed behind a private, revocable link: time, place, institution and language of the interpreter's
 * assignments — nothing about the client or the case. Not audited per poll (calendar apps fetch it every hour).
 */
export async function calendarFeed(ctx: RequestContext, config: Config, token: string): Promise<string> {
  const interpreter = await repo.findInterpreterByCalendarHash(ctx.tx, hashToken(token.replace(/\.ics$/, '')));
  if (!interpreter) throw notFound('Diesen Kalender gibt es nicht (mehr). Bitte einen neuen Link in Teilhabe erzeugen.');
  const rows = await repo.feedAssignments(ctx.tx, interpreter.id, new Date(Date.now() - 60 * DAY_MS));
  const host = new URL(config.publicUrl).hostname || 'teilhabe';
  return renderCalendar({
    name: 'Sprachmittlung – meine Einsätze',
    productId: '-//Teilhabe//Sprachmittlerpool//DE',
    events: rows.map((r) => ({
      uid: `${r.id}@${host}`,
      stamp: r.updatedAt,
      start: r.startsAt,
      end: r.endsAt,
      summary: `Sprachmittlung ${languageName(r.languageCode)}${r.dialect ? ` (${r.dialect})` : ''} – ${r.institutionName}`,
      location: placeText(r),
      description: `Einrichtung: ${r.institutionName}\nSprache: ${languageName(r.languageCode)}${r.dialect ? ` (${r.dialect})` : ''}\nOrt: ${placeText(r)}`,
      status: r.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
      sequence: r.version - 1,
    })),
  });
}
