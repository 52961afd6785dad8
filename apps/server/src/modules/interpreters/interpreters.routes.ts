import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AddInterpreterExclusionBody,
  CompleteInterpreterAssignmentBody,
  CreateInterpreterBody,
  CreateInterpreterRequestBody,
  IdParams,
  InterpreterBudgetView,
  InterpreterCalendarFeedResponse,
  InterpreterCandidatesResponse,
  InterpreterDeclineBody,
  InterpreterDetail,
  InterpreterExclusionParams,
  InterpreterInstitutionOption,
  InterpreterListQuery,
  InterpreterMarkUnfilledBody,
  InterpreterMonthQuery,
  InterpreterOfferBody,
  InterpreterPayoutExportQuery,
  InterpreterPayoutList,
  InterpreterPoolSettings,
  InterpreterPoolSettingsView,
  InterpreterRequestListItem,
  InterpreterRequestListQuery,
  InterpreterRequestView,
  InterpreterRequesterFeedbackBody,
  InterpreterStatistics,
  InterpreterSummary,
  InterpreterTokenParams,
  InterpreterYearQuery,
  InterpretingCancelBody,
  OkResponse,
  OwnInterpreterAssignmentView,
  OwnInterpreterOverview,
  OwnInterpreterProfile,
  Page,
  PublicInterpreterFormInfo,
  PublicInterpreterRequestBody,
  PublicInterpreterRequestCreated,
  PublicInterpreterRequestStatus,
  UpdateInterpreterBody,
  UpdateOwnInterpreterBody,
} from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import { registerDocumentRoutes } from '../documents/documents.routes.js';
import * as assignments from './assignments.service.js';
import * as pool from './interpreters.service.js';
import * as payouts from './payouts.service.js';
import * as requests from './requests.service.js';

const tags = ['Sprachmittlerpool'];
const publicTags = ['Sprachmittlerpool (öffentlich)'];
/** Idempotency keys of anonymous submitters share one key space; the keys are random per form. */
const PUBLIC_ACTOR = '00000000-0000-0000-0000-000000000000';
const MonthParams = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Monat im Format JJJJ-MM erwartet' }) });
const InstitutionQuery = z.strictObject({ q: z.string().max(100).optional() });
const AssignmentSummaryResponse = z.object({ id: z.string(), status: z.string(), totalCents: z.number().nullable(), version: z.number(), lateCancellation: z.boolean().optional() });
/** Public forms: a handful per address and quarter hour is plenty for an institution, and little for a bot. */
const PUBLIC_FORM_LIMIT = { max: 10, timeWindow: '15 minutes' };

/** The raw `Idempotency-Key` of a public submission; it keys the status token, so it must carry enough randomness. */
function publicIdempotencyKey(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\w-]{16,100}$/.test(key)) {
    throw new AppError(400, 'validation_failed', 'Die Kopfzeile „Idempotency-Key“ muss 16–100 Zeichen aus Buchstaben, Ziffern, - und _ haben.', {
      'Idempotency-Key': 'Ungültiger Schlüssel',
    });
  }
  return key;
}

function download(reply: FastifyReply, file: { body: Buffer | string; contentType: string; filename: string }, inline = false) {
  const ascii = file.filename.normalize('NFKD').replace(/[^\w.-]/g, '_');
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store');
  // Returned, not sent: the platform commits the transaction before the payload leaves.
  return file.body;
}

const pdf = (result: { pdf: Buffer; filename: string }) => ({ body: result.pdf, contentType: 'application/pdf', filename: result.filename });

export const interpretersModule: Module = {
  name: 'interpreters',
  async register(app, { config }) {
    // ── Public: request form, status link, calendar feed ──────────────────────────────────────────────────────
    app.get(
      '/api/v1/public/interpreter-form',
      { config: { access: 'public' }, schema: { tags: publicTags, summary: 'Angaben für das Anfrageformular (Gemeinden, frühester Termin)', response: { 200: PublicInterpreterFormInfo } } },
      async (request) => requests.publicFormInfo(request.ctx),
    );
    app.post(
      '/api/v1/public/interpreter-requests',
      {
        config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT },
        schema: {
          tags: publicTags,
          summary: 'Einsatzanfrage einer Einrichtung (ohne Anmeldung; Idempotency-Key empfohlen)',
          body: PublicInterpreterRequestBody,
          response: { 201: PublicInterpreterRequestCreated },
        },
      },
      async (request, reply) => {
        reply.status(201);
        const rawKey = publicIdempotencyKey(request);
        if (!rawKey) return requests.submitPublicRequest(request.ctx, config, request.body);
        // The status token is derived from the submitter's key; the idempotency table keeps neither of them.
        request.headers['idempotency-key'] = createHash('sha256').update(rawKey).digest('hex');
        const result = await idempotent<requests.StoredPublicSubmission>(request.ctx.tx, request, PUBLIC_ACTOR, async () => {
          const { reference, status } = await requests.submitPublicRequest(request.ctx, config, request.body, rawKey);
          return { status: 201, body: { reference, status } };
        });
        return requests.replayPublicSubmission(request.ctx, config, result.body, rawKey);
      },
    );
    app.get(
      '/api/v1/public/interpreter-requests/:token',
      { config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags: publicTags, summary: 'Stand einer Anfrage (Statuslink)', params: InterpreterTokenParams, response: { 200: PublicInterpreterRequestStatus } } },
      async (request) => requests.publicStatus(request.ctx, request.params.token),
    );
    app.get(
      '/api/v1/public/interpreter-requests/:token/confirmation',
      { config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags: publicTags, summary: 'Auftragsbestätigung als PDF (Statuslink)', params: InterpreterTokenParams } },
      async (request, reply) => download(reply, pdf(await requests.publicConfirmationPdf(request.ctx, request.params.token)), true),
    );
    app.post(
      '/api/v1/public/interpreter-requests/:token/cancel',
      {
        config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT },
        schema: { tags: publicTags, summary: 'Termin absagen (Statuslink)', params: InterpreterTokenParams, body: InterpretingCancelBody, response: { 200: PublicInterpreterRequestStatus } },
      },
      async (request) => requests.publicCancel(request.ctx, request.params.token, request.body.reason),
    );
    app.post(
      '/api/v1/public/interpreter-requests/:token/feedback',
      {
        config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT },
        schema: {
          tags: publicTags,
          summary: 'Rückmeldung der anfragenden Stelle: hat der Termin stattgefunden?',
          params: InterpreterTokenParams,
          body: InterpreterRequesterFeedbackBody,
          response: { 200: PublicInterpreterRequestStatus },
        },
      },
      async (request) => requests.publicFeedback(request.ctx, request.params.token, request.body),
    );
    app.get(
      '/api/v1/public/interpreter-calendar/:token',
      {
        // The secret token in the URL authorises; the route itself needs no session.
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags: publicTags, summary: 'Privater iCalendar-Feed einer Sprachmittler:in (Link mit Token, widerrufbar)', params: InterpreterTokenParams },
      },
      async (request, reply) => {
        const feed = await assignments.calendarFeed(request.ctx, config, request.params.token);
        reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300');
        return feed;
      },
    );

    // ── The interpreter's own area ────────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/interpreters/me',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Meine Einsätze, Angebote und mein Profil', response: { 200: OwnInterpreterOverview } } },
      async (request) => assignments.ownOverview(authed(request.ctx)),
    );
    app.patch(
      '/api/v1/interpreters/me',
      {
        config: { access: 'interpreters.self' },
        schema: { tags, summary: 'Eigene Verfügbarkeit und Abwesenheiten ändern (If-Match: Version)', body: UpdateOwnInterpreterBody, response: { 200: OwnInterpreterProfile } },
      },
      async (request) => pool.updateOwnAvailability(authed(request.ctx), requiredVersion(request), request.body),
    );
    app.get(
      '/api/v1/interpreters/me/assignments/:id',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Einer meiner Einsätze', params: IdParams, response: { 200: OwnInterpreterAssignmentView } } },
      async (request) => assignments.ownAssignmentView(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/interpreters/me/offers/:id/accept',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Angebot annehmen', params: IdParams, response: { 200: OwnInterpreterAssignmentView } } },
      async (request) => assignments.acceptOffer(authed(request.ctx), config, request.params.id),
    );
    app.post(
      '/api/v1/interpreters/me/offers/:id/decline',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Angebot ablehnen', params: IdParams, body: InterpreterDeclineBody, response: { 200: OkResponse } } },
      async (request) => assignments.declineOffer(authed(request.ctx), request.params.id, request.body.reason),
    );
    app.post(
      '/api/v1/interpreters/me/assignments/:id/complete',
      {
        config: { access: 'interpreters.self' },
        schema: { tags, summary: 'Einsatz als durchgeführt melden (Dauer, Fahrt, Rückmeldung)', params: IdParams, body: CompleteInterpreterAssignmentBody, response: { 200: OwnInterpreterAssignmentView } },
      },
      async (request) => assignments.completeOwnAssignment(authed(request.ctx), request.params.id, request.body),
    );
    app.post(
      '/api/v1/interpreters/me/assignments/:id/cancel',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Einsatz absagen (mit Grund)', params: IdParams, body: InterpretingCancelBody, response: { 200: OwnInterpreterAssignmentView } } },
      async (request) => assignments.cancelOwnAssignment(authed(request.ctx), request.params.id, request.body.reason),
    );
    app.post(
      '/api/v1/interpreters/me/calendar-token',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Neuen privaten Kalender-Link erzeugen (der alte wird ungültig)', response: { 200: InterpreterCalendarFeedResponse } } },
      async (request) => pool.issueOwnCalendarToken(authed(request.ctx), config),
    );
    app.post(
      '/api/v1/interpreters/me/calendar-token/revoke',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Kalender-Link widerrufen', response: { 200: OkResponse } } },
      async (request) => pool.revokeOwnCalendarToken(authed(request.ctx)),
    );
    app.get(
      '/api/v1/interpreters/me/statements/:month',
      { config: { access: 'interpreters.self' }, schema: { tags, summary: 'Meine Monatsabrechnung (PDF)', params: MonthParams } },
      async (request, reply) => download(reply, pdf(await payouts.ownStatementPdf(authed(request.ctx), request.params.month))),
    );

    // ── The pool (coordination) ───────────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/interpreters',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Sprachmittler:innen suchen', querystring: InterpreterListQuery, response: { 200: Page(InterpreterSummary) } } },
      async (request) => pool.listInterpreters(authed(request.ctx), request.query),
    );
    app.post(
      '/api/v1/interpreters',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Sprachmittler:in aufnehmen', body: CreateInterpreterBody, response: { 201: InterpreterDetail } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await pool.createInterpreter(ctx, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.get(
      '/api/v1/interpreters/:id',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Eine Sprachmittler:in (Kontaktdaten; Lesen wird protokolliert)', params: IdParams, response: { 200: InterpreterDetail } } },
      async (request) => pool.getInterpreter(authed(request.ctx), request.params.id),
    );
    app.patch(
      '/api/v1/interpreters/:id',
      {
        config: { access: 'interpreters.manage' },
        schema: { tags, summary: 'Sprachmittler:in ändern (If-Match: Version)', params: IdParams, body: UpdateInterpreterBody, response: { 200: InterpreterDetail } },
      },
      async (request) => pool.updateInterpreter(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/interpreters/:id/exclusions',
      {
        config: { access: 'interpreters.manage' },
        schema: {
          tags,
          summary: 'Ausschluss hinzufügen: Einrichtung oder Klient:in einer Anfrage, mit Grund',
          params: IdParams,
          body: AddInterpreterExclusionBody,
          response: { 201: InterpreterDetail },
        },
      },
      async (request, reply) => {
        const detail = await pool.addExclusion(authed(request.ctx), request.params.id, request.body);
        reply.status(201);
        return detail;
      },
    );
    app.delete(
      '/api/v1/interpreters/:id/exclusions/:exclusionId',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Ausschluss aufheben (Inhalt: {})', params: InterpreterExclusionParams, body: z.strictObject({}), response: { 200: InterpreterDetail } } },
      async (request) => pool.removeExclusion(authed(request.ctx), request.params.id, request.params.exclusionId),
    );
    app.post(
      '/api/v1/interpreters/:id/calendar-token',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Privaten Kalender-Link erzeugen', params: IdParams, response: { 200: InterpreterCalendarFeedResponse } } },
      async (request) => pool.issueCalendarToken(authed(request.ctx), config, request.params.id),
    );
    app.post(
      '/api/v1/interpreters/:id/calendar-token/revoke',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Kalender-Link widerrufen', params: IdParams, response: { 200: OkResponse } } },
      async (request) => pool.revokeCalendarToken(authed(request.ctx), request.params.id),
    );
    app.get(
      '/api/v1/interpreter-institutions',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Anfragende Einrichtungen (für Ausschlusslisten)', querystring: InstitutionQuery, response: { 200: z.array(InterpreterInstitutionOption) } } },
      async (request) => pool.listInstitutions(authed(request.ctx), request.query.q),
    );
    app.get(
      '/api/v1/interpreter-settings',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Regeln des Pools: Vorlauf, Tarife, Budget', response: { 200: InterpreterPoolSettingsView } } },
      async (request) => pool.getPoolSettings(authed(request.ctx)),
    );
    app.put(
      '/api/v1/interpreter-settings',
      {
        config: { access: 'interpreters.manage' },
        schema: { tags, summary: 'Regeln des Pools ändern (If-Match: Version, 0 = noch Standardwerte)', body: InterpreterPoolSettings, response: { 200: InterpreterPoolSettingsView } },
      },
      async (request) => pool.updatePoolSettings(authed(request.ctx), requiredVersion(request), request.body),
    );

    // ── Requests ──────────────────────────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/interpreter-requests',
      { config: { access: 'interpreters.request' }, schema: { tags, summary: 'Einsatzanfragen (Koordination: alle; sonst die eigenen)', querystring: InterpreterRequestListQuery, response: { 200: Page(InterpreterRequestListItem) } } },
      async (request) => requests.listRequests(authed(request.ctx), request.query),
    );
    app.post(
      '/api/v1/interpreter-requests',
      { config: { access: 'interpreters.request' }, schema: { tags, summary: 'Einsatzanfrage stellen (Partnerstelle, Case Management, Koordination)', body: CreateInterpreterRequestBody, response: { 201: InterpreterRequestView } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await requests.createRequest(ctx, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.get(
      '/api/v1/interpreter-requests/:id',
      { config: { access: 'interpreters.request' }, schema: { tags, summary: 'Eine Einsatzanfrage', params: IdParams, response: { 200: InterpreterRequestView } } },
      async (request) => requests.getRequest(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/interpreter-requests/:id/cancel',
      { config: { access: 'interpreters.request' }, schema: { tags, summary: 'Anfrage absagen (kurzfristig: Pauschale wird gezahlt)', params: IdParams, body: InterpretingCancelBody, response: { 200: InterpreterRequestView } } },
      async (request) => requests.cancelRequest(authed(request.ctx), request.params.id, request.body.reason),
    );
    app.get(
      '/api/v1/interpreter-requests/:id/confirmation',
      { config: { access: 'interpreters.request' }, schema: { tags, summary: 'Auftragsbestätigung (PDF)', params: IdParams } },
      async (request, reply) => download(reply, pdf(await requests.confirmationPdf(authed(request.ctx), request.params.id)), true),
    );
    app.get(
      '/api/v1/interpreter-requests/:id/candidates',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Passende Sprachmittler:innen mit Begründung, bestes Angebot zuerst', params: IdParams, response: { 200: InterpreterCandidatesResponse } } },
      async (request) => requests.candidates(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/interpreter-requests/:id/offers',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Anfrage einer oder mehreren Personen anbieten', params: IdParams, body: InterpreterOfferBody, response: { 200: InterpreterRequestView } } },
      async (request) => requests.offerRequest(authed(request.ctx), request.params.id, request.body.interpreterIds),
    );
    app.post(
      '/api/v1/interpreter-requests/:id/unfilled',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Als „nicht vermittelt“ schließen', params: IdParams, body: InterpreterMarkUnfilledBody, response: { 200: InterpreterRequestView } } },
      async (request) => requests.markUnfilled(authed(request.ctx), request.params.id, request.body.reason),
    );
    app.post(
      '/api/v1/interpreter-assignments/:id/complete',
      {
        config: { access: 'interpreters.manage' },
        schema: { tags, summary: 'Durchführung erfassen (If-Match: Version des Einsatzes)', params: IdParams, body: CompleteInterpreterAssignmentBody, response: { 200: AssignmentSummaryResponse } },
      },
      async (request) => assignments.completeAssignmentByCoordinator(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/interpreter-assignments/:id/cancel',
      { config: { access: 'interpreters.manage' }, schema: { tags, summary: 'Einsatz absagen, Anfrage wieder öffnen', params: IdParams, body: InterpretingCancelBody, response: { 200: AssignmentSummaryResponse } } },
      async (request) => assignments.cancelAssignmentByCoordinator(authed(request.ctx), request.params.id, request.body.reason),
    );

    // ── Payouts, budget, statistics ───────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/interpreter-payouts',
      { config: { access: 'interpreters.payouts' }, schema: { tags, summary: 'Auszahlungsliste eines Monats', querystring: InterpreterMonthQuery, response: { 200: InterpreterPayoutList } } },
      async (request) => payouts.payoutList(authed(request.ctx), request.query.month),
    );
    app.get(
      '/api/v1/interpreter-payouts/export',
      { config: { access: 'interpreters.payouts' }, schema: { tags, summary: 'Auszahlungsliste als CSV oder XLSX', querystring: InterpreterPayoutExportQuery } },
      async (request, reply) => download(reply, await payouts.exportPayouts(authed(request.ctx), request.query.month, request.query.format)),
    );
    app.get(
      '/api/v1/interpreter-payouts/budget',
      { config: { access: 'interpreters.payouts' }, schema: { tags, summary: 'Jahresbudget des Pools und Verbrauch', querystring: InterpreterYearQuery, response: { 200: InterpreterBudgetView } } },
      async (request) => payouts.budget(authed(request.ctx), request.query.year),
    );
    app.get(
      '/api/v1/interpreter-payouts/statements/:id',
      { config: { access: 'interpreters.payouts' }, schema: { tags, summary: 'Monatsabrechnung einer Sprachmittler:in (PDF)', params: IdParams, querystring: InterpreterMonthQuery } },
      async (request, reply) => download(reply, pdf(await payouts.statementPdf(authed(request.ctx), request.params.id, request.query.month))),
    );
    app.get(
      '/api/v1/interpreter-statistics',
      { config: { access: 'interpreters.payouts' }, schema: { tags, summary: 'Statistik: Anfragen, Vermittlungsquote, Stunden', querystring: InterpreterYearQuery, response: { 200: InterpreterStatistics } } },
      async (request) => payouts.statistics(authed(request.ctx), request.query.year),
    );
    app.get(
      '/api/v1/interpreter-statistics/export',
      { config: { access: 'interpreters.payouts' }, schema: { tags, summary: 'Statistik als XLSX', querystring: InterpreterYearQuery } },
      async (request, reply) => download(reply, await payouts.exportStatistics(authed(request.ctx), request.query.year)),
    );

    // ── Documents of an interpreter (signed confidentiality declaration, training certificates): coordination only ──
    await registerDocumentRoutes(app, {
      base: '/api/v1/interpreters/:id',
      ownerType: 'interpreter',
      readAccess: 'interpreters.manage',
      writeAccess: 'interpreters.manage',
      tags,
      resolveRead: pool.interpreterDocumentOwner,
      resolveWrite: pool.interpreterDocumentOwner,
    });
  },
};
