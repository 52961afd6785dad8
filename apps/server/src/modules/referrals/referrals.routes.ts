import { z } from 'zod';
import {
  ChangeReferralStatusBody,
  CreateReferralBody,
  IdParams,
  Page,
  PageQuery,
  PartnerReferral,
  PartnerReferralCategory,
  PartnerReferralCategoryParams,
  PartnerReferralListItem,
  Referral,
} from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import * as service from './referrals.service.js';

const tags = ['Vermittlungen (KIM)'];
const partnerTags = ['Partnerstellen'];
const NotFoundBody = z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() });
const ErrorBody = z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional(), requestId: z.string().optional() });

export const referralsModule: Module = {
  name: 'referrals',
  register(app) {
    app.get(
      '/api/v1/cases/:id/referrals',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Vermittlungen eines Falls', params: IdParams, response: { 200: z.array(Referral) } } },
      async (request) => service.listReferrals(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/cases/:id/referrals',
      {
        config: { access: 'cases.write' },
        schema: { tags, summary: 'An eine Stelle vermitteln (nur mit gültiger Einwilligung für diese Stelle, sonst 422 consent_required)', params: IdParams, body: CreateReferralBody, response: { 201: Referral } },
      },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.createReferral(ctx, request.params.id, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.post(
      '/api/v1/referrals/:id/status',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Vermittlung abbrechen oder erledigen (If-Match: Version)', params: IdParams, body: ChangeReferralStatusBody, response: { 200: Referral } } },
      async (request) => service.changeReferralStatus(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );

    app.get(
      '/api/v1/partner/referrals',
      {
        config: { access: 'referrals.receive' },
        schema: { tags: partnerTags, summary: 'Vermittlungen an die eigene Stelle (nur solange eine Einwilligung sie deckt)', querystring: PageQuery, response: { 200: Page(PartnerReferralListItem) } },
      },
      async (request) => service.listForPartner(authed(request.ctx), request.query.limit, request.query.offset),
    );
    app.get(
      '/api/v1/partner/referrals/:id',
      {
        config: { access: 'referrals.receive' },
        schema: { tags: partnerTags, summary: 'Eine Vermittlung mit den freigegebenen Datenkategorien', params: IdParams, response: { 200: PartnerReferral, 404: NotFoundBody } },
      },
      async (request, reply) => {
        const result = await service.getForPartner(authed(request.ctx), request.params.id);
        // Answered, not thrown: the transaction commits, so the audit row of a denied attempt is kept.
        if (!result.found) {
          // Returned, not sent: the answer leaves only after the denied attempt's audit row has committed.
          reply.status(404);
          return notFound('Vermittlung nicht gefunden.').body(request.id);
        }
        return result.referral;
      },
    );
    app.get(
      '/api/v1/partner/referrals/:id/categories/:category',
      {
        config: { access: 'referrals.receive' },
        schema: {
          tags: partnerTags,
          summary:
            'Eine Datenkategorie einer Vermittlung (403 consent_required, wenn keine gültige Einwilligung sie freigibt oder die Stelle sie nicht benötigt; 404 ohne jede gültige Einwilligung)',
          params: PartnerReferralCategoryParams,
          response: { 200: PartnerReferralCategory, 403: ErrorBody, 404: NotFoundBody },
        },
      },
      async (request, reply) => {
        const result = await service.getCategoryForPartner(authed(request.ctx), request.params.id, request.params.category);
        // Refusals are answered, not thrown: the transaction commits with the denied attempt's audit row.
        if (!result.found) {
          reply.status(404);
          return notFound('Vermittlung nicht gefunden.').body(request.id);
        }
        if (result.refused) {
          reply.status(403);
          return result.refused.body(request.id);
        }
        return result.data;
      },
    );
    app.post(
      '/api/v1/partner/referrals/:id/status',
      {
        config: { access: 'referrals.receive' },
        schema: { tags: partnerTags, summary: 'Vermittlung annehmen, ablehnen, erledigen oder abbrechen, mit Rückmeldung (If-Match: Version)', params: IdParams, body: ChangeReferralStatusBody, response: { 200: PartnerReferral } },
      },
      async (request) => {
        const result = await service.changeStatusAsPartner(authed(request.ctx), request.params.id, requiredVersion(request), request.body);
        if (!result.found) throw notFound('Vermittlung nicht gefunden.');
        return result.referral;
      },
    );
  },
};
