import { z } from 'zod';
import {
  BudgetYear,
  ContractAlert,
  CreateOccupancyBody,
  CreatePayGradeCostBody,
  CreatePostBody,
  CreatePostFundingBody,
  IdParams,
  PayGradeCost,
  PayGradeQuery,
  Post,
  PostList,
  PostListQuery,
  UpdateOccupancyBody,
  UpdatePayGradeCostBody,
  UpdatePostBody,
  UpdatePostFundingBody,
} from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import * as service from './staffing.service.js';

const tags = ['Stellenplan'];
const BASE = '/api/v1/staffing';

export const staffingModule: Module = {
  name: 'staffing',
  register(app) {
    app.get(
      `${BASE}/posts`,
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary: 'Stellenplan mit Kosten und Förderung eines Jahres',
          querystring: PostListQuery,
          response: { 200: PostList },
        },
      },
      async (request) => service.listPosts(authed(request.ctx), request.query),
    );
    app.get(
      `${BASE}/posts/:id`,
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary: 'Eine Stelle',
          params: IdParams,
          querystring: z.strictObject({ year: BudgetYear.optional() }),
          response: { 200: Post },
        },
      },
      async (request) => service.getPost(authed(request.ctx), request.params.id, request.query.year),
    );
    app.post(
      `${BASE}/posts`,
      { config: { access: 'staffing.write' }, schema: { tags, summary: 'Stelle anlegen', body: CreatePostBody, response: { 201: Post } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({
          status: 201,
          body: await service.createPost(ctx, request.body),
        }));
        reply.status(201);
        return result.body;
      },
    );
    app.patch(
      `${BASE}/posts/:id`,
      {
        config: { access: 'staffing.write' },
        schema: { tags, summary: 'Stelle ändern (If-Match)', params: IdParams, body: UpdatePostBody, response: { 200: Post } },
      },
      async (request) => service.updatePost(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      `${BASE}/posts/:id/fundings`,
      {
        config: { access: 'staffing.write' },
        schema: {
          tags,
          summary: 'Förderung zuordnen (Pauschale je VZÄ)',
          params: IdParams,
          body: CreatePostFundingBody,
          response: { 201: Post },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return service.addFunding(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.patch(
      `${BASE}/fundings/:id`,
      {
        config: { access: 'staffing.write' },
        schema: {
          tags,
          summary: 'Förderzuordnung ändern oder beenden (If-Match)',
          params: IdParams,
          body: UpdatePostFundingBody,
          response: { 200: Post },
        },
      },
      async (request) => service.updateFunding(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      `${BASE}/posts/:id/occupancies`,
      {
        config: { access: 'staffing.write' },
        schema: { tags, summary: 'Besetzung mit Vertrag erfassen', params: IdParams, body: CreateOccupancyBody, response: { 201: Post } },
      },
      async (request, reply) => {
        reply.status(201);
        return service.addOccupancy(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.patch(
      `${BASE}/occupancies/:id`,
      {
        config: { access: 'staffing.write' },
        schema: {
          tags,
          summary: 'Besetzung ändern, z. B. Vertrag verlängern (If-Match)',
          params: IdParams,
          body: UpdateOccupancyBody,
          response: { 200: Post },
        },
      },
      async (request) => service.updateOccupancy(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.get(
      `${BASE}/pay-grades`,
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary: 'Personalkosten je Entgeltgruppe und Jahr',
          querystring: PayGradeQuery,
          response: { 200: z.array(PayGradeCost) },
        },
      },
      async (request) => service.listPayGradeCosts(authed(request.ctx), request.query.year),
    );
    app.post(
      `${BASE}/pay-grades`,
      {
        config: { access: 'staffing.write' },
        schema: { tags, summary: 'Kostensatz einer Entgeltgruppe anlegen', body: CreatePayGradeCostBody, response: { 201: PayGradeCost } },
      },
      async (request, reply) => {
        reply.status(201);
        return service.createPayGradeCost(authed(request.ctx), request.body);
      },
    );
    app.patch(
      `${BASE}/pay-grades/:id`,
      {
        config: { access: 'staffing.write' },
        schema: {
          tags,
          summary: 'Kostensatz ändern (If-Match)',
          params: IdParams,
          body: UpdatePayGradeCostBody,
          response: { 200: PayGradeCost },
        },
      },
      async (request) =>
        service.updatePayGradeCost(authed(request.ctx), request.params.id, requiredVersion(request), request.body.annualCostCents),
    );
    app.get(
      `${BASE}/alerts`,
      {
        config: { access: 'staffing.read' },
        schema: { tags, summary: 'Auslaufende Verträge (6 und 3 Monate vorher)', response: { 200: z.array(ContractAlert) } },
      },
      async (request) => service.contractAlerts(authed(request.ctx)),
    );
  },
};
