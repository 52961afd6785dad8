import type { Access } from '@teilhabe/shared';
import type { Actor } from '../access/actor.js';
import type { AuditWriter } from '../audit/audit.js';
import type { Tx } from '../db/client.js';

/** All a handler gets: who acts, the request's transaction, and the audit writer bound to both. */
export interface RequestContext {
  actor: Actor | null;
  tx: Tx;
  audit: AuditWriter;
  requestId: string;
  ip: string;
}

/** A context for a signed-in user; handlers of non-public routes receive this. */
export interface AuthedContext extends RequestContext {
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: a permission, `authenticated` or `public`. The app refuses to boot otherwise. */
    access?: Access;
    /** Routes an admin or lead may use before they have set up their second factor. */
    allowDuringTotpSetup?: boolean;
    /** Routes that run without the request transaction (health checks, static files). */
    noTransaction?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    actor: Actor | null;
    csrfToken: string | null;
  }
}

export function authed(ctx: RequestContext): AuthedContext {
  if (!ctx.actor) throw new Error('authed() called on a public route');
  return ctx as AuthedContext;
}
