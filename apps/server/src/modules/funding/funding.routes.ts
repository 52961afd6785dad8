import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  Booking,
  BookingResult,
  BudgetOverview,
  BudgetOverviewQuery,
  BudgetYear,
  Calloff,
  CalloffSuggestion,
  CalloffSuggestionQuery,
  CheckOnwardGrantBody,
  CoverageQuery,
  CoverageReport,
  CreateAllocationBody,
  CreateAmendmentBody,
  CreateBookingBody,
  CreateCalloffBody,
  CreateGrantBody,
  CreateOnwardGrantBody,
  CreateProgrammeBody,
  DeadlineList,
  DeadlinesQuery,
  FundingSettings,
  Grant,
  GrantListQuery,
  GrantSummary,
  IdParams,
  OnwardGrant,
  OnwardGrantResult,
  Programme,
  ProgrammeVersionInput,
  ReportParams,
  UpdateAllocationBody,
  UpdateBookingBody,
  UpdateCalloffBody,
  UpdateFundingSettingsBody,
  UpdateGrantDraftBody,
  UpdateOnwardGrantBody,
  UpdateProgrammeBody,
  UpdateProgrammeVersionBody,
  UpdateReportBody,
  UseOfFundsReport,
} from '@teilhabe/shared';
import type { App, Module } from '../../platform/http/app.js';
import { authed, type AuthedContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import { registerDocumentRoutes } from '../documents/documents.routes.js';
import * as coverage from './coverage.service.js';
import * as deadlines from './deadlines.service.js';
import * as exportsService from './exports.service.js';
import type { ExportFile } from './exports.service.js';
import { findGrantRow } from './grants.repository.js';
import * as grants from './grants.service.js';
import * as overview from './overview.service.js';
import * as programmes from './programmes.service.js';
import * as reports from './reports.service.js';

const tags = ['Förderung'];
const BASE = '/api/v1/funding';
const YearQuery = z.strictObject({ year: BudgetYear.optional() });

/** Sets the download headers and returns the payload; the platform sends it after the transaction commits. */
function fileBody(reply: FastifyReply, file: ExportFile): Buffer {
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store');
  return file.body;
}

function programmeRoutes(app: App) {
  app.get(
    `${BASE}/programmes`,
    {
      config: { access: 'funding.read' },
      schema: {
        tags,
        summary: 'Programmkatalog mit Fassungen (Rechtsgrundlage, Pauschalen, Fristen)',
        response: { 200: z.array(Programme) },
      },
    },
    async (request) => programmes.listProgrammes(authed(request.ctx)),
  );
  app.get(
    `${BASE}/programmes/:id`,
    { config: { access: 'funding.read' }, schema: { tags, summary: 'Ein Förderprogramm', params: IdParams, response: { 200: Programme } } },
    async (request) => programmes.getProgramme(authed(request.ctx), request.params.id),
  );
  app.post(
    `${BASE}/programmes`,
    {
      config: { access: 'funding.write' },
      schema: { tags, summary: 'Förderprogramm oder Baustein anlegen', body: CreateProgrammeBody, response: { 201: Programme } },
    },
    async (request, reply) => {
      reply.status(201);
      return programmes.createProgramme(authed(request.ctx), request.body);
    },
  );
  app.patch(
    `${BASE}/programmes/:id`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Förderprogramm ändern (If-Match)',
        params: IdParams,
        body: UpdateProgrammeBody,
        response: { 200: Programme },
      },
    },
    async (request) => programmes.updateProgramme(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );
  app.post(
    `${BASE}/programmes/:id/versions`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Neue Fassung ab einem Datum (Rechtsgrundlage, Pauschale, Fristen)',
        params: IdParams,
        body: ProgrammeVersionInput,
        response: { 201: Programme },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return programmes.addProgrammeVersion(authed(request.ctx), request.params.id, request.body);
    },
  );
  app.patch(
    `${BASE}/programme-versions/:id`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Fassung korrigieren (If-Match)',
        params: IdParams,
        body: UpdateProgrammeVersionBody,
        response: { 200: Programme },
      },
    },
    async (request) => programmes.updateProgrammeVersion(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );
}

function grantRoutes(app: App) {
  app.get(
    `${BASE}/grants`,
    {
      config: { access: 'funding.read' },
      schema: { tags, summary: 'Zuwendungsbescheide', querystring: GrantListQuery, response: { 200: z.array(GrantSummary) } },
    },
    async (request) => grants.listGrants(authed(request.ctx), request.query),
  );
  app.get(
    `${BASE}/grants/:id`,
    {
      config: { access: 'funding.read' },
      schema: { tags, summary: 'Ein Bescheid mit Fassungen, Soll und Ist', params: IdParams, response: { 200: Grant } },
    },
    async (request) => grants.getGrant(authed(request.ctx), request.params.id),
  );
  app.post(
    `${BASE}/grants`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Zuwendungsbescheid erfassen (Entwurf; Freigabe durch die KI-Leitung)',
        body: CreateGrantBody,
        response: { 201: Grant },
      },
    },
    async (request, reply) => {
      const ctx = authed(request.ctx);
      const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({
        status: 201,
        body: await grants.createGrant(ctx, request.body),
      }));
      reply.status(201);
      return result.body;
    },
  );
  app.patch(
    `${BASE}/grants/:id`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Entwurf eines Bescheids ändern (If-Match)',
        params: IdParams,
        body: UpdateGrantDraftBody,
        response: { 200: Grant },
      },
    },
    async (request) => grants.updateGrantDraft(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );
  app.post(
    `${BASE}/grants/:id/amendments`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Änderungsbescheid als neue Fassung erfassen (If-Match)',
        params: IdParams,
        body: CreateAmendmentBody,
        response: { 201: Grant },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return grants.createAmendment(authed(request.ctx), request.params.id, requiredVersion(request), request.body);
    },
  );
  app.post(
    `${BASE}/grants/:id/approve`,
    {
      config: { access: 'funding.approve' },
      schema: { tags, summary: 'Bescheid freigeben (Vier-Augen-Prinzip, If-Match)', params: IdParams, response: { 200: Grant } },
    },
    async (request) => grants.approveGrant(authed(request.ctx), request.params.id, requiredVersion(request)),
  );

  // spending
  app.get(
    `${BASE}/grants/:id/bookings`,
    {
      config: { access: 'funding.read' },
      schema: {
        tags,
        summary: 'Buchungen (Ist und Mittelbindungen)',
        params: IdParams,
        querystring: YearQuery,
        response: { 200: z.array(Booking) },
      },
    },
    async (request) => grants.listBookings(authed(request.ctx), request.params.id, request.query.year),
  );
  app.post(
    `${BASE}/grants/:id/bookings`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Ausgabe oder Mittelbindung buchen',
        params: IdParams,
        body: CreateBookingBody,
        response: { 201: BookingResult },
      },
    },
    async (request, reply) => {
      const ctx = authed(request.ctx);
      const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({
        status: 201,
        body: await grants.createBooking(ctx, request.params.id, request.body),
      }));
      reply.status(201);
      return result.body;
    },
  );
  app.patch(
    `${BASE}/bookings/:id`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Buchung ändern, stornieren oder Bindung erledigen (If-Match)',
        params: IdParams,
        body: UpdateBookingBody,
        response: { 200: BookingResult },
      },
    },
    async (request) => grants.updateBooking(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );

  // Mittelabruf
  app.get(
    `${BASE}/grants/:id/calloffs`,
    {
      config: { access: 'funding.read' },
      schema: { tags, summary: 'Mittelabrufe', params: IdParams, response: { 200: z.array(Calloff) } },
    },
    async (request) => grants.listCalloffs(authed(request.ctx), request.params.id),
  );
  app.get(
    `${BASE}/grants/:id/calloff-suggestion`,
    {
      config: { access: 'funding.read' },
      schema: {
        tags,
        summary: 'Vorschlag für einen Mittelabruf',
        params: IdParams,
        querystring: CalloffSuggestionQuery,
        response: { 200: CalloffSuggestion },
      },
    },
    async (request) => grants.suggestCalloff(authed(request.ctx), request.params.id, request.query.budgetYear, request.query.callDate),
  );
  app.post(
    `${BASE}/grants/:id/calloffs`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Mittelabruf erfassen (höchstens die noch abrufbaren Mittel)',
        params: IdParams,
        body: CreateCalloffBody,
        response: { 201: Calloff },
      },
    },
    async (request, reply) => {
      const ctx = authed(request.ctx);
      const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({
        status: 201,
        body: await grants.createCalloff(ctx, request.params.id, request.body),
      }));
      reply.status(201);
      return result.body;
    },
  );
  app.patch(
    `${BASE}/calloffs/:id`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Mittelabruf ändern oder Eingang erfassen (If-Match)',
        params: IdParams,
        body: UpdateCalloffBody,
        response: { 200: Calloff },
      },
    },
    async (request) => grants.updateCalloff(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );

  // Weiterleitung an Dritte
  app.get(
    `${BASE}/grants/:id/onward-grants`,
    {
      config: { access: 'funding.read' },
      schema: { tags, summary: 'Weiterleitungen an Dritte', params: IdParams, response: { 200: z.array(OnwardGrant) } },
    },
    async (request) => grants.listOnwardGrants(authed(request.ctx), request.params.id),
  );
  app.post(
    `${BASE}/grants/:id/onward-grants`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Weiterleitungsvertrag erfassen',
        params: IdParams,
        body: CreateOnwardGrantBody,
        response: { 201: OnwardGrantResult },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return grants.createOnwardGrant(authed(request.ctx), request.params.id, request.body);
    },
  );
  app.patch(
    `${BASE}/onward-grants/:id`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Weiterleitung ändern, Eingang des Nachweises erfassen (If-Match)',
        params: IdParams,
        body: UpdateOnwardGrantBody,
        response: { 200: OnwardGrantResult },
      },
    },
    async (request) => grants.updateOnwardGrant(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );
  app.post(
    `${BASE}/onward-grants/:id/check`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Verwendungsnachweis des Dritten geprüft (erste Unterschrift, If-Match)',
        params: IdParams,
        body: CheckOnwardGrantBody,
        response: { 200: OnwardGrant },
      },
    },
    async (request) => grants.checkOnwardGrant(authed(request.ctx), request.params.id, requiredVersion(request), request.body.note),
  );
  app.post(
    `${BASE}/onward-grants/:id/confirm`,
    {
      config: { access: 'funding.approve' },
      schema: {
        tags,
        summary: 'Ordnungsgemäße Verwendung bestätigen (Vier-Augen-Prinzip, If-Match)',
        params: IdParams,
        response: { 200: OnwardGrant },
      },
    },
    async (request) => grants.confirmOnwardGrant(authed(request.ctx), request.params.id, requiredVersion(request)),
  );
}

function reportRoutes(app: App) {
  app.get(
    `${BASE}/grants/:id/reports/:year`,
    {
      config: { access: 'funding.read' },
      schema: { tags, summary: 'Verwendungsnachweis eines Haushaltsjahres', params: ReportParams, response: { 200: UseOfFundsReport } },
    },
    async (request) => reports.getReport(authed(request.ctx), request.params.id, request.params.year),
  );
  app.put(
    `${BASE}/grants/:id/reports/:year`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Sachbericht speichern (If-Match; 0 beim ersten Speichern)',
        params: ReportParams,
        body: UpdateReportBody,
        response: { 200: UseOfFundsReport },
      },
    },
    async (request) =>
      reports.updateNarrative(
        authed(request.ctx),
        request.params.id,
        request.params.year,
        requiredVersion(request),
        request.body.narrative,
      ),
  );
  app.post(
    `${BASE}/grants/:id/reports/:year/finalise`,
    {
      config: { access: 'funding.approve' },
      schema: {
        tags,
        summary: 'Verwendungsnachweis abschließen (KI-Leitung, If-Match)',
        params: ReportParams,
        response: { 200: UseOfFundsReport },
      },
    },
    async (request) => reports.finaliseReport(authed(request.ctx), request.params.id, request.params.year, requiredVersion(request)),
  );
  for (const kind of ['statement.xlsx', 'statement.pdf', 'narrative.pdf'] as const) {
    app.get(
      `${BASE}/grants/:id/reports/:year/${kind}`,
      {
        config: { access: 'funding.read' },
        schema: {
          tags,
          summary:
            kind === 'narrative.pdf'
              ? 'Sachbericht (Entwurf) als PDF'
              : `Zahlenmäßiger Nachweis als ${kind.endsWith('xlsx') ? 'XLSX' : 'PDF'}`,
          params: ReportParams,
        },
      },
      async (request, reply) =>
        fileBody(reply, await exportsService.exportReport(authed(request.ctx), request.params.id, request.params.year, kind)),
    );
  }
}

function overviewRoutes(app: App) {
  app.get(
    `${BASE}/budget-overview`,
    {
      config: { access: 'funding.read' },
      schema: {
        tags,
        summary: 'Haushaltsübersicht je Programm (wie die Anlage zum Haushalt)',
        querystring: BudgetOverviewQuery,
        response: { 200: BudgetOverview },
      },
    },
    async (request) => overview.budgetOverview(authed(request.ctx), request.query.year, request.query.organisationId),
  );
  for (const kind of ['xlsx', 'pdf'] as const) {
    app.get(
      `${BASE}/budget-overview.${kind}`,
      {
        config: { access: 'funding.read' },
        schema: { tags, summary: `Haushaltsübersicht als ${kind.toUpperCase()}`, querystring: BudgetOverviewQuery },
      },
      async (request, reply) =>
        fileBody(reply, await exportsService.exportOverview(authed(request.ctx), request.query.year, request.query.organisationId, kind)),
    );
  }
  app.get(
    `${BASE}/coverage`,
    {
      config: { access: 'funding.read' },
      schema: {
        tags,
        summary: 'Deckung der Personalkosten geförderter Stellen',
        querystring: CoverageQuery,
        response: { 200: CoverageReport },
      },
    },
    async (request) => coverage.coverageReport(authed(request.ctx), request.query.year),
  );
  app.post(
    `${BASE}/coverage/allocations`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Integrationspauschale zur Deckung zuordnen',
        body: CreateAllocationBody,
        response: { 201: CoverageReport },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return coverage.createAllocation(authed(request.ctx), request.body);
    },
  );
  app.patch(
    `${BASE}/coverage/allocations/:id`,
    {
      config: { access: 'funding.write' },
      schema: {
        tags,
        summary: 'Zuordnung ändern oder aufheben (If-Match)',
        params: IdParams,
        body: UpdateAllocationBody,
        response: { 200: CoverageReport },
      },
    },
    async (request) => coverage.updateAllocation(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );
  app.get(
    `${BASE}/deadlines`,
    {
      config: { access: 'funding.read' },
      schema: {
        tags,
        summary: 'Fristen: Mittelabrufe, Verwendungsfristen, Nachweise, Vertragsenden',
        querystring: DeadlinesQuery,
        response: { 200: DeadlineList },
      },
    },
    async (request) => deadlines.listDeadlines(authed(request.ctx), request.query),
  );
  app.get(
    `${BASE}/settings`,
    {
      config: { access: 'funding.read' },
      schema: { tags, summary: 'Einstellungen der Haushaltsüberwachung', response: { 200: FundingSettings } },
    },
    async (request) => grants.readFundingSettings(authed(request.ctx)),
  );
  app.put(
    `${BASE}/settings`,
    {
      config: { access: 'funding.approve' },
      schema: {
        tags,
        summary: 'Überschreitung einer Position: warnen oder ablehnen (If-Match; 0 beim ersten Speichern)',
        body: UpdateFundingSettingsBody,
        response: { 200: FundingSettings },
      },
    },
    async (request) => grants.updateFundingSettings(authed(request.ctx), requiredVersion(request), request.body),
  );
}

/** The Bescheid (and its annexes) as documents of the grant: finance and the KI-Leitung upload, the coordination reads. */
async function grantOrganisation(ctx: AuthedContext, id: string) {
  const row = await findGrantRow(ctx.tx, ctx.actor, id);
  if (!row) throw notFound('Zuwendungsbescheid nicht gefunden.');
  return { organisationId: row.organisationId };
}

export const fundingModule: Module = {
  name: 'funding',
  async register(app) {
    programmeRoutes(app);
    grantRoutes(app);
    reportRoutes(app);
    overviewRoutes(app);
    await registerDocumentRoutes(app, {
      base: `${BASE}/grants/:id`,
      ownerType: 'grant',
      readAccess: 'funding.read',
      writeAccess: 'funding.write',
      tags,
      resolveRead: grantOrganisation,
      resolveWrite: grantOrganisation,
    });
  },
};
