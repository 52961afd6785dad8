import { z } from 'zod';
import { CreateUserBody, CreateUserResponse, IdParams, Page, PendingRoleGrant, UpdateUserBody, User, UserListQuery } from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import * as service from './users.service.js';

const tags = ['Benutzer:innen'];
const SetupLink = z.object({ setupUrl: z.string(), setupExpiresAt: z.string(), emailSent: z.boolean() });

export const usersModule: Module = {
  name: 'users',
  register(app, { config }) {
    app.get(
      '/api/v1/users',
      { config: { access: 'users.read' }, schema: { tags, summary: 'Benutzer:innen suchen und auflisten', querystring: UserListQuery, response: { 200: Page(User) } } },
      async (request) => service.listUsers(authed(request.ctx), request.query.q, request.query.limit, request.query.offset),
    );
    app.get(
      '/api/v1/users/role-grants',
      { config: { access: 'users.manage' }, schema: { tags, summary: 'Offene Freigaben der Administrationsrolle (Vier-Augen-Prinzip)', response: { 200: z.array(PendingRoleGrant) } } },
      async (request) => service.listPendingGrants(authed(request.ctx)),
    );
    app.post(
      '/api/v1/users/role-grants/:id/approve',
      { config: { access: 'users.manage' }, schema: { tags, summary: 'Administrationsrolle freigeben (zweite Administrator:in)', params: IdParams, response: { 200: User } } },
      async (request) => service.decideGrant(authed(request.ctx), request.params.id, 'approved'),
    );
    app.post(
      '/api/v1/users/role-grants/:id/reject',
      { config: { access: 'users.manage' }, schema: { tags, summary: 'Beantragte Administrationsrolle ablehnen', params: IdParams, response: { 200: User } } },
      async (request) => service.decideGrant(authed(request.ctx), request.params.id, 'rejected'),
    );
    app.get(
      '/api/v1/users/:id',
      { config: { access: 'users.read' }, schema: { tags, summary: 'Ein:e Benutzer:in', params: IdParams, response: { 200: User } } },
      async (request) => service.getUser(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/users',
      {
        config: { access: 'users.manage' },
        schema: { tags, summary: 'Benutzer:in anlegen (liefert einen einmaligen Einrichtungslink)', body: CreateUserBody, response: { 201: CreateUserResponse } },
      },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({
          status: 201 as const,
          body: await service.createUser(ctx, config, request.body),
        }));
        reply.status(201);
        return result.body;
      },
    );
    app.patch(
      '/api/v1/users/:id',
      {
        config: { access: 'users.manage' },
        schema: { tags, summary: 'Benutzer:in ändern, Rollen setzen, deaktivieren (If-Match: Version)', params: IdParams, body: UpdateUserBody, response: { 200: User } },
      },
      async (request) => service.updateUser(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/users/:id/setup-link',
      { config: { access: 'users.manage' }, schema: { tags, summary: 'Neuen Einrichtungslink erzeugen', params: IdParams, response: { 200: SetupLink } } },
      async (request) => service.newSetupLink(authed(request.ctx), config, request.params.id),
    );
  },
};
