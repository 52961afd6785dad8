import { z } from 'zod';
import {
  AddRelationBody,
  AddResidenceStatusBody,
  CreatePersonBody,
  IdParams,
  Page,
  Person,
  PersonDetailQuery,
  PersonListQuery,
  PersonSearchQuery,
  PersonSearchResult,
  PersonSummary,
  ResidenceStatusCatalogueEntry,
  UpdatePersonBody,
} from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import { registerLifecycleRoutes } from './lifecycle.routes.js';
import * as exports from './people.export.js';
import * as service from './people.service.js';
import { residenceStatusCatalogue } from './residence-catalogue.js';

const tags = ['Personen (KIM)'];

export const peopleModule: Module = {
  name: 'people',
  register(app) {
    registerLifecycleRoutes(app);
    app.get(
      '/api/v1/people/search',
      {
        config: { access: 'persons.read' },
        schema: {
          tags,
          summary: 'Suche vor dem Anlegen: findet Personen über Schreibweisen und Schriften hinweg (mit Gründen)',
          querystring: PersonSearchQuery,
          response: { 200: PersonSearchResult },
        },
      },
      async (request) => service.searchPersons(authed(request.ctx), request.query),
    );
    app.get(
      '/api/v1/people',
      { config: { access: 'persons.read' }, schema: { tags, summary: 'Personen im eigenen Zuständigkeitsbereich', querystring: PersonListQuery, response: { 200: Page(PersonSummary) } } },
      async (request) => service.listPersons(authed(request.ctx), request.query),
    );
    app.get(
      '/api/v1/people/residence-statuses',
      { config: { access: 'persons.read' }, schema: { tags, summary: 'Katalog der Aufenthaltsstatus', response: { 200: z.array(ResidenceStatusCatalogueEntry) } } },
      async () => residenceStatusCatalogue(),
    );
    app.get(
      '/api/v1/people/:id',
      {
        config: { access: 'persons.read' },
        schema: { tags, summary: 'Eine Person (reveal=identifiers zeigt AZR-Nummer und BAMF-Aktenzeichen, protokolliert)', params: IdParams, querystring: PersonDetailQuery, response: { 200: Person } },
      },
      async (request) => service.getPerson(authed(request.ctx), request.params.id, request.query.reveal === 'identifiers'),
    );
    app.post(
      '/api/v1/people',
      { config: { access: 'persons.write' }, schema: { tags, summary: 'Person anlegen (Idempotency-Key empfohlen)', body: CreatePersonBody, response: { 201: Person } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.createPerson(ctx, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.patch(
      '/api/v1/people/:id',
      { config: { access: 'persons.write' }, schema: { tags, summary: 'Person ändern, Berichtigung (If-Match: Version)', params: IdParams, body: UpdatePersonBody, response: { 200: Person } } },
      async (request) => service.updatePerson(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/people/:id/residence-statuses',
      { config: { access: 'persons.write' }, schema: { tags, summary: 'Aufenthaltsstatus eintragen (Historie)', params: IdParams, body: AddResidenceStatusBody, response: { 201: Person } } },
      async (request, reply) => {
        reply.status(201);
        return service.addResidenceStatus(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.post(
      '/api/v1/people/:id/relations',
      { config: { access: 'persons.write' }, schema: { tags, summary: 'Haushalt oder Familie verknüpfen', params: IdParams, body: AddRelationBody, response: { 201: Person } } },
      async (request, reply) => {
        reply.status(201);
        return service.addRelation(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.get(
      '/api/v1/people/:id/export.json',
      { config: { access: 'persons.read' }, schema: { tags, summary: 'Auskunft nach Art. 15 DSGVO als JSON', params: IdParams } },
      async (request, reply) => {
        const data = await exports.subjectAccessExport(authed(request.ctx), request.params.id);
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="auskunft-art15-${request.params.id}.json"`)
          .send(JSON.stringify(data, null, 2));
      },
    );
    app.get(
      '/api/v1/people/:id/export.pdf',
      { config: { access: 'persons.read' }, schema: { tags, summary: 'Auskunft nach Art. 15 DSGVO als PDF', params: IdParams } },
      async (request, reply) => {
        const pdf = await exports.subjectAccessPdf(authed(request.ctx), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="auskunft-art15-${request.params.id}.pdf"`)
          .send(pdf);
      },
    );
  },
};
