import { z } from 'zod';
import {
  AssignedSurvey,
  CreateSurveyBody,
  CreateSurveyFromTemplateBody,
  IdParams,
  SaveResponseBody,
  SendSurveyBody,
  Survey,
  SurveyResponse,
  SurveyResponseStatusRow,
  SurveySummary,
  SurveyTemplate,
  UpdateSurveyBody,
  Uuid,
} from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import { issuerName } from '../directory/directory.service.js';
import { summaryPdf, summaryXlsx } from './surveys.export.js';
import * as service from './surveys.service.js';

const tags = ['Abfragen der Kommunen'];
const ResponseParams = z.strictObject({ id: Uuid, organisationId: Uuid });
const Reminded = z.object({ ok: z.literal(true), notified: z.number().int() });

export const surveysModule: Module = {
  name: 'surveys',
  register(app) {
    app.get(
      '/api/v1/surveys',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Alle Abfragen', response: { 200: z.array(Survey) } } },
      async (request) => service.listSurveys(authed(request.ctx)),
    );
    app.get(
      '/api/v1/surveys/templates',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Vorlagen für Abfragen', response: { 200: z.array(SurveyTemplate) } } },
      async () => service.templates(),
    );
    app.get(
      '/api/v1/surveys/assigned',
      { config: { access: 'surveys.answer' }, schema: { tags, summary: 'Abfragen an die eigene Kommune', response: { 200: z.array(AssignedSurvey) } } },
      async (request) => service.assigned(authed(request.ctx)),
    );
    app.post(
      '/api/v1/surveys',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Abfrage anlegen (Entwurf)', body: CreateSurveyBody, response: { 201: Survey } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.createSurvey(ctx, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.post(
      '/api/v1/surveys/from-template',
      {
        config: { access: 'surveys.manage' },
        schema: { tags, summary: 'Abfrage aus einer Vorlage anlegen', body: CreateSurveyFromTemplateBody, response: { 201: Survey } },
      },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({
          status: 201,
          body: await service.createFromTemplate(ctx, request.body.template),
        }));
        reply.status(201);
        return result.body;
      },
    );
    app.get(
      '/api/v1/surveys/:id',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Eine Abfrage', params: IdParams, response: { 200: Survey } } },
      async (request) => service.getSurvey(authed(request.ctx), request.params.id),
    );
    app.patch(
      '/api/v1/surveys/:id',
      {
        config: { access: 'surveys.manage' },
        schema: { tags, summary: 'Entwurf ändern (If-Match: Version)', params: IdParams, body: UpdateSurveyBody, response: { 200: Survey } },
      },
      async (request) => service.updateSurvey(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/surveys/:id/send',
      {
        config: { access: 'surveys.manage' },
        schema: { tags, summary: 'An alle Kommunen versenden (If-Match: Version)', params: IdParams, body: SendSurveyBody, response: { 200: Survey } },
      },
      async (request) => service.sendSurvey(authed(request.ctx), request.params.id, requiredVersion(request), request.body.deadline),
    );
    app.post(
      '/api/v1/surveys/:id/remind',
      {
        config: { access: 'surveys.manage' },
        schema: { tags, summary: 'Kommunen ohne Antwort erinnern', params: IdParams, body: z.strictObject({}), response: { 200: Reminded } },
      },
      async (request) => service.remindSurvey(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/surveys/:id/close',
      {
        config: { access: 'surveys.manage' },
        schema: { tags, summary: 'Abfrage abschließen (If-Match: Version)', params: IdParams, body: z.strictObject({}), response: { 200: Survey } },
      },
      async (request) => service.closeSurvey(authed(request.ctx), request.params.id, requiredVersion(request)),
    );
    app.get(
      '/api/v1/surveys/:id/responses',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Rücklauf je Kommune', params: IdParams, response: { 200: z.array(SurveyResponseStatusRow) } } },
      async (request) => service.responseStatus(authed(request.ctx), request.params.id),
    );
    app.get(
      '/api/v1/surveys/:id/summary',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Zusammenfassende Darstellung', params: IdParams, response: { 200: SurveySummary } } },
      async (request) => service.summary(authed(request.ctx), request.params.id),
    );
    app.get(
      '/api/v1/surveys/:id/summary.pdf',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Zusammenfassende Darstellung als PDF', params: IdParams } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const buffer = await summaryPdf(await service.summary(ctx, request.params.id), await issuerName(ctx));
        return reply.type('application/pdf').header('content-disposition', 'attachment; filename="abfrage-zusammenfassung.pdf"').send(buffer);
      },
    );
    app.get(
      '/api/v1/surveys/:id/summary.xlsx',
      { config: { access: 'surveys.manage' }, schema: { tags, summary: 'Zusammenfassende Darstellung als Excel-Datei', params: IdParams } },
      async (request, reply) => {
        const buffer = await summaryXlsx(await service.summary(authed(request.ctx), request.params.id));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="abfrage-zusammenfassung.xlsx"')
          .send(buffer);
      },
    );
    app.get(
      '/api/v1/surveys/:id/responses/:organisationId',
      { config: { access: 'surveys.answer' }, schema: { tags, summary: 'Antwort der eigenen Kommune', params: ResponseParams, response: { 200: SurveyResponse } } },
      async (request) => service.getResponse(authed(request.ctx), request.params.id, request.params.organisationId),
    );
    app.put(
      '/api/v1/surveys/:id/responses/:organisationId',
      {
        config: { access: 'surveys.answer' },
        schema: {
          tags,
          summary: 'Antwort der eigenen Kommune speichern oder abgeben (If-Match: Version)',
          params: ResponseParams,
          body: SaveResponseBody,
          response: { 200: SurveyResponse },
        },
      },
      async (request) =>
        service.saveResponse(authed(request.ctx), request.params.id, request.params.organisationId, requiredVersion(request), request.body),
    );
  },
};
