import { z } from 'zod';
import { CreateOrganisationBody, IdParams, Organisation, ORGANISATION_KINDS, UpdateOrganisationBody } from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { requiredVersion } from '../../platform/http/preconditions.js';
import * as service from './organisations.service.js';

const tags = ['Organisationen'];

export const organisationsModule: Module = {
  name: 'organisations',
  register(app) {
    app.get(
      '/api/v1/organisations',
      {
        config: { access: 'organisations.read' },
        schema: { tags, summary: 'Alle Organisationen (Baum als flache Liste)', querystring: z.strictObject({ kind: z.enum(ORGANISATION_KINDS).optional() }), response: { 200: z.array(Organisation) } },
      },
      async (request) => service.listOrganisations(authed(request.ctx), request.query.kind),
    );
    app.get(
      '/api/v1/organisations/:id',
      { config: { access: 'organisations.read' }, schema: { tags, summary: 'Eine Organisation', params: IdParams, response: { 200: Organisation } } },
      async (request) => service.getOrganisation(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/organisations',
      { config: { access: 'organisations.manage' }, schema: { tags, summary: 'Organisation anlegen', body: CreateOrganisationBody, response: { 201: Organisation } } },
      async (request, reply) => {
        reply.status(201);
        return service.createOrganisation(authed(request.ctx), request.body);
      },
    );
    app.patch(
      '/api/v1/organisations/:id',
      {
        config: { access: 'organisations.manage' },
        schema: { tags, summary: 'Organisation ändern (If-Match: Version)', params: IdParams, body: UpdateOrganisationBody, response: { 200: Organisation } },
      },
      async (request) => service.updateOrganisation(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
  },
};
