import { z } from 'zod';
import { Consent, IdParams, RecordConsentBody, WithdrawConsentBody } from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import * as service from './consents.service.js';
import { consentFormPdf } from './consent-form.pdf.js';

const tags = ['Einwilligungen (KIM)'];

export const consentsModule: Module = {
  name: 'consents',
  register(app) {
    app.get(
      '/api/v1/people/:id/consents',
      { config: { access: 'persons.read' }, schema: { tags, summary: 'Einwilligungen einer Person (je Empfängerstelle)', params: IdParams, response: { 200: z.array(Consent) } } },
      async (request) => service.listConsents(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/people/:id/consents',
      {
        config: { access: 'persons.write' },
        schema: { tags, summary: 'Einwilligung erfassen: Zweck, Kategorien, Empfängerstelle, Rechtsgrundlage, Gültigkeit', params: IdParams, body: RecordConsentBody, response: { 201: Consent } },
      },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.recordConsent(ctx, request.params.id, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.post(
      '/api/v1/consents/:id/withdraw',
      {
        config: { access: 'persons.write' },
        schema: { tags, summary: 'Einwilligung widerrufen (wirkt ab der nächsten Anfrage; If-Match: Version)', params: IdParams, body: WithdrawConsentBody, response: { 200: Consent } },
      },
      async (request) => service.withdrawConsent(authed(request.ctx), request.params.id, requiredVersion(request)),
    );
    app.get(
      '/api/v1/consents/:id/form.pdf',
      { config: { access: 'persons.read' }, schema: { tags, summary: 'Einwilligungsformular als PDF (Deutsch und Formularsprache, zum Unterschreiben)', params: IdParams } },
      async (request, reply) => {
        const { pdf, filename } = await consentFormPdf(authed(request.ctx), request.params.id);
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`);
        return pdf;
      },
    );
  },
};
