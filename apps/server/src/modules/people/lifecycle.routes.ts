import { z } from 'zod';
import {
  DecideBody,
  ErasureRequest,
  IdParams,
  PendingApprovals,
  Person,
  PersonLifecycle,
  PersonMerge,
  RecordClassParams,
  RequestErasureBody,
  RequestMergeBody,
  RetentionRule,
  SetLegalHoldBody,
  UpdateRetentionRuleBody,
  Uuid,
} from '@teilhabe/shared';
import type { App } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { requiredVersion } from '../../platform/http/preconditions.js';
import { deleteRelation } from './lifecycle.repository.js';
import * as erasure from './people.erasure.js';
import * as merge from './people.merge.js';
import { getPersonUnaudited, requirePersonForWrite } from './people.service.js';
import * as retention from './retention.js';

const tags = ['Personen (KIM)'];

/** Merge of duplicates, erasure (Art. 17), legal hold and retention rules; registered by the people module. */
export function registerLifecycleRoutes(app: App) {
  app.get(
    '/api/v1/people/:id/lifecycle',
    { config: { access: 'persons.read' }, schema: { tags, summary: 'Zusammenführungen, Löschanträge, rechtliche Sperre und Empfänger früherer Weitergaben', params: IdParams, response: { 200: PersonLifecycle } } },
    async (request) => erasure.lifecycle(authed(request.ctx), request.params.id),
  );
  app.post(
    '/api/v1/people/:id/merges',
    { config: { access: 'persons.write' }, schema: { tags, summary: 'Doppelung in diese Person zusammenführen (Antrag, Vier-Augen-Prinzip)', params: IdParams, body: RequestMergeBody, response: { 201: PersonMerge } } },
    async (request, reply) => {
      reply.status(201);
      return merge.requestMerge(authed(request.ctx), request.params.id, request.body);
    },
  );
  app.post(
    '/api/v1/person-merges/:id/decision',
    { config: { access: 'persons.lifecycle' }, schema: { tags, summary: 'Zusammenführung freigeben oder ablehnen (If-Match: Version; nicht durch die antragstellende Person)', params: IdParams, body: DecideBody, response: { 200: PersonMerge } } },
    async (request) => merge.decideMerge(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );
  app.post(
    '/api/v1/person-merges/:id/undo',
    { config: { access: 'persons.lifecycle' }, schema: { tags, summary: 'Zusammenführung rückgängig machen (If-Match: Version)', params: IdParams, response: { 200: PersonMerge } } },
    async (request) => merge.undoMerge(authed(request.ctx), request.params.id, requiredVersion(request)),
  );
  app.get(
    '/api/v1/person-approvals',
    { config: { access: 'persons.lifecycle' }, schema: { tags, summary: 'Offene Anträge auf Zusammenführung und Löschung', response: { 200: PendingApprovals } } },
    async (request) => erasure.pendingApprovals(authed(request.ctx)),
  );
  app.post(
    '/api/v1/people/:id/erasure-requests',
    { config: { access: 'persons.write' }, schema: { tags, summary: 'Löschung/Anonymisierung beantragen (Art. 17 DSGVO, Vier-Augen-Prinzip)', params: IdParams, body: RequestErasureBody, response: { 201: ErasureRequest } } },
    async (request, reply) => {
      reply.status(201);
      return erasure.requestErasure(authed(request.ctx), request.params.id, request.body);
    },
  );
  app.post(
    '/api/v1/erasure-requests/:id/decision',
    { config: { access: 'persons.lifecycle' }, schema: { tags, summary: 'Löschantrag freigeben (anonymisiert sofort) oder ablehnen (If-Match: Version)', params: IdParams, body: DecideBody, response: { 200: ErasureRequest } } },
    async (request) => erasure.decideErasure(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
  );
  app.put(
    '/api/v1/people/:id/legal-hold',
    { config: { access: 'persons.lifecycle' }, schema: { tags, summary: 'Rechtliche Sperre setzen (verhindert Anonymisierung)', params: IdParams, body: SetLegalHoldBody, response: { 200: PersonLifecycle } } },
    async (request) => erasure.setLegalHold(authed(request.ctx), request.params.id, request.body.reason),
  );
  app.delete(
    '/api/v1/people/:id/legal-hold',
    { config: { access: 'persons.lifecycle' }, schema: { tags, summary: 'Rechtliche Sperre aufheben', params: IdParams, response: { 200: PersonLifecycle } } },
    async (request) => erasure.clearLegalHold(authed(request.ctx), request.params.id),
  );
  app.get(
    '/api/v1/retention-rules',
    { config: { access: 'retention.manage' }, schema: { tags, summary: 'Aufbewahrungsregeln je Datensatzklasse', response: { 200: z.array(RetentionRule) } } },
    async (request) => retention.listRetentionRules(authed(request.ctx)),
  );
  app.put(
    '/api/v1/retention-rules/:recordClass',
    { config: { access: 'retention.manage' }, schema: { tags, summary: 'Aufbewahrungsregel ändern (If-Match: Version, 0 solange die Vorgabe gilt)', params: RecordClassParams, body: UpdateRetentionRuleBody, response: { 200: RetentionRule } } },
    async (request) => retention.updateRetentionRule(authed(request.ctx), request.params.recordClass, requiredVersion(request), request.body),
  );
  app.delete(
    '/api/v1/people/:id/relations/:relationId',
    { config: { access: 'persons.write' }, schema: { tags, summary: 'Haushalts- oder Familienverknüpfung lösen', params: z.strictObject({ id: Uuid, relationId: Uuid }), response: { 200: Person } } },
    async (request) => {
      const ctx = authed(request.ctx);
      await requirePersonForWrite(ctx, request.params.id);
      if (!(await deleteRelation(ctx.tx, request.params.id, request.params.relationId))) throw notFound('Verknüpfung nicht gefunden.');
      await ctx.audit.record({ action: 'persons.relation_remove', subjectType: 'person', subjectId: request.params.id, details: { personId: request.params.id, relationId: request.params.relationId } });
      return getPersonUnaudited(ctx, request.params.id, false);
    },
  );
}
