import fs from 'node:fs';
import path from 'node:path';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS, type Access, type Permission } from '@teilhabe/shared';
import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { AuditWriter, recordAudit } from '../audit/audit.js';
import { loadSession } from '../auth/sessions.js';
import { AppError } from './errors.js';
import { describeValidationError } from './validation.js';
import './context.js';

z.config(z.locales.de());

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** A feature module registers its routes on the app; modules never touch the database connection directly. */
export interface Module {
  name: string;
  register(app: App, deps: ModuleDeps): Promise<void> | void;
}

export interface ModuleDeps {
  config: Config;
  /** Only for module services that run outside a request (jobs, seeds) — through `systemContext`. */
  database: Database;
}

export interface BuildOptions {
  config: Config;
  database: Database;
  modules: Module[];
  logger?: boolean | object;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PERMISSION_SET = new Set<string>(PERMISSIONS);
/** Routes added by third-party plugins that serve only static documentation. */
const PUBLIC_PLUGIN_PREFIXES = ['/api/docs'];
const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

export const SESSION_COOKIE_SECURE = '__Host-teilhabe';
export const SESSION_COOKIE_PLAIN = 'teilhabe_session';

export function sessionCookieName(config: Config) {
  return config.secureCookies ? SESSION_COOKIE_SECURE : SESSION_COOKIE_PLAIN;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

function safeEqual(a: string, b: string) {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config, database } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Paths only: query strings can carry names typed into a search box.
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0] ?? '', id: req.id }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
          },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    // Router errors (bad percent-encoding, over-long path parameter) get the same German error body as all others.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as unknown as FastifyReply)
        .status(tooLong ? 414 : 400)
        .header('x-request-id', request.id)
        .send({
          code: 'validation_failed',
          message: tooLong ? 'Die Adresse ist zu lang.' : 'Die Adresse ist ungültig (fehlerhafte Kodierung).',
          requestId: request.id,
        });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON is the only body type of the API (uploads add multipart per route); text/plain would bypass CSRF defences.
  app.removeContentTypeParser('text/plain');

  const routes: { method: string; url: string; access: Access | undefined }[] = [];

  app.addHook('onRoute', (route) => {
    const config = (route.config ??= {} as never) as { access?: Access; noTransaction?: boolean };
    if (!config.access && PUBLIC_PLUGIN_PREFIXES.some((p) => route.url.startsWith(p))) {
      config.access = 'public';
      config.noTransaction = true;
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access: config.access });
    // A mutating route without a body schema takes `{}` or nothing, never unknown fields (B-03/B-04).
    if (methods.some((m) => MUTATING.has(m)) && !route.schema?.body) {
      // A DELETE sent with a JSON content type and no content arrives as null; elsewhere a literal null is refused.
      const empty = methods.includes('DELETE') ? z.strictObject({}).nullish() : z.strictObject({}).optional();
      route.schema = { ...route.schema, body: empty } as typeof route.schema;
    }
    if (route.url.startsWith('/api/v1') || route.url === '/healthz' || route.url === '/readyz') {
      route.schema = {
        ...route.schema,
        security: config.access === 'public' ? [] : [{ sessionCookie: [] }],
      } as typeof route.schema;
    } else {
      route.schema = { ...route.schema, hide: true } as typeof route.schema;
    }
    const original = route.handler;
    route.handler = async function handler(this: unknown, request: FastifyRequest, reply: FastifyReply) {
      const run = original as unknown as (this: unknown, req: FastifyRequest, rep: FastifyReply) => unknown;
      if (request.routeOptions.config.noTransaction) return run.call(this, request, reply);
      // Nothing leaves before COMMIT: a `reply.send()` inside the handler is held and sent once the transaction has
      // committed (a rollback discards it and the error handler answers instead). While held, the reply must not be
      // thenable – a promise resolved with it would wait for a response that only comes after the transaction.
      let held: { payload: unknown } | undefined;
      const instance = reply as unknown as Record<string, unknown>;
      instance.send = (payload?: unknown) => {
        held = { payload };
        return reply;
      };
      instance.then = undefined;
      let result: unknown;
      try {
        result = await database.db.transaction(async (tx) => {
          const origin = { actor: request.actor, requestId: request.id };
          request.ctx = { actor: request.actor, tx, audit: new AuditWriter(tx, origin), requestId: request.id, ip: request.ip };
          return run.call(this, request, reply);
        });
      } finally {
        delete instance.send;
        delete instance.then;
      }
      if (held) {
        reply.send(held.payload);
        return undefined;
      }
      return result === reply ? undefined : result;
    } as unknown as typeof route.handler;
  });

  // Boot fails when a route does not declare its access: there is no implicit default.
  app.addHook('onReady', async () => {
    const bad = routes.filter((r) => !r.access || !(r.access === 'public' || r.access === 'authenticated' || PERMISSION_SET.has(r.access)));
    if (bad.length) {
      throw new Error(`Routes without a valid access declaration: ${bad.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });
  app.decorate('routeRegistry', routes);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new AppError(429, 'too_many_requests', `Zu viele Anfragen. Bitte in ${Math.ceil(context.ttl / 1000)} Sekunden erneut versuchen.`, undefined, {
        'retry-after': String(Math.ceil(context.ttl / 1000)),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Teilhabe API',
        version: '1',
        description:
          'API des Kommunalen Integrationszentrums. Anmeldung mit POST /api/v1/auth/login; das Sitzungs-Cookie und der ' +
          '`csrfToken` aus der Antwort (als Kopfzeile `x-csrf-token` bei ändernden Anfragen) authentifizieren alle weiteren Aufrufe.',
      },
      components: {
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(fastifyStatic, { root: fs.existsSync(WEB_DIST) ? WEB_DIST : process.cwd(), serve: false });

  // Who is asking, and may they? Runs before the body is parsed, so an anonymous request is 401 whatever it sends.
  app.addHook('onRequest', async (request, reply) => {
    request.actor = null;
    request.csrfToken = null;
    reply.header('x-request-id', request.id);
    const access = request.routeOptions.config.access;
    if (!access) return; // not-found handler
    const token = request.cookies[sessionCookieName(config)];
    if (token && token.length < 200) {
      const session = await loadSession(database.db, token, {
        idleMinutes: config.sessionIdleMinutes,
        absoluteHours: config.sessionAbsoluteHours,
      });
      if (session) {
        request.actor = session.actor;
        request.csrfToken = session.csrfToken;
      } else if (access !== 'public') {
        clearSessionCookie(reply, config);
      }
    }
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError(401, 'unauthenticated', 'Bitte melden Sie sich an (keine oder abgelaufene Sitzung).');
    if (MUTATING.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
        throw new AppError(403, 'csrf_invalid', 'Sicherheitstoken (x-csrf-token) fehlt oder ist ungültig. Bitte die Seite neu laden.');
      }
    }
    if (actor.totpSetupRequired && !request.routeOptions.config.allowDuringTotpSetup) {
      throw new AppError(403, 'totp_setup_required', 'Für Ihre Rolle ist die Zwei-Faktor-Anmeldung Pflicht. Bitte richten Sie sie zuerst ein.');
    }
    if (access !== 'authenticated' && !actor.permissions.has(access as Permission)) {
      await recordAudit(database.db, { actor, requestId: request.id }, {
        action: 'access.denied',
        outcome: 'denied',
        details: { permission: access, method: request.method, route: request.routeOptions.url },
      });
      throw new AppError(403, 'forbidden', 'Dafür fehlt Ihnen die Berechtigung.');
    }
  });

  // Security events the request's own (rolled back) transaction cannot keep: refused CSRF tokens and invalid input of
  // signed-in users (G-04). Anonymous validation failures are not recorded, so the public forms cannot flood the log.
  const recordRefusal = async (request: FastifyRequest, action: string, details: Record<string, unknown>) => {
    if (!request.actor) return;
    try {
      await recordAudit(database.db, { actor: request.actor, requestId: request.id }, {
        action,
        outcome: 'denied',
        details: { method: request.method, route: request.routeOptions.url, ...details },
      });
    } catch (err) {
      request.log.error({ err: { message: (err as Error).message } }, 'audit unavailable');
    }
  };

  const fieldNames = (fields: Record<string, string> | undefined) => Object.keys(fields ?? {}).slice(0, 10).map((k) => k.slice(0, 60));

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const requestId = request.id;
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      if (error.code === 'csrf_invalid') await recordRefusal(request, 'request.csrf_rejected', {});
      if (error.code === 'validation_failed' && error.fields) await recordRefusal(request, 'request.validation_failed', { fields: fieldNames(error.fields) });
      if (error.statusCode >= 500) request.log.error({ err: { message: error.message, cause: (error.cause as Error | undefined)?.message } }, error.code);
      return reply.status(error.statusCode).send(error.body(requestId));
    }
    const validation = describeValidationError(error);
    if (validation) {
      await recordRefusal(request, 'request.validation_failed', { fields: fieldNames(validation.fields) });
      return reply.status(400).send({ code: 'validation_failed', ...validation, requestId });
    }
    // Drizzle wraps driver errors (DrizzleQueryError): the PostgreSQL code and message are on `cause`.
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const pgCode = (error as unknown as { code?: string }).code ?? (typeof cause?.code === 'string' ? cause.code : undefined);
    const known = mapKnownError(error, pgCode);
    if (known) {
      if (known.statusCode >= 500) request.log.warn({ code: pgCode }, 'service unavailable');
      return reply.status(known.statusCode).send(known.body(requestId));
    }
    request.log.error({ err: { message: error.message, stack: error.stack, code: pgCode } }, 'unhandled error');
    return reply.status(500).send({ code: 'internal_error', message: 'Interner Fehler. Bitte später erneut versuchen.', requestId });
  });

  app.setNotFoundHandler({}, (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && !url.startsWith('/api/') && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false });
    }
    return reply.status(404).send({ code: 'not_found', message: 'Diese Adresse gibt es nicht.', requestId: request.id });
  });

  app.get('/healthz', { config: { access: 'public', noTransaction: true }, schema: { tags: ['Betrieb'], summary: 'Prozess läuft' } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { access: 'public', noTransaction: true }, schema: { tags: ['Betrieb'], summary: 'Datenbank erreichbar' } }, async (_req, reply) => {
    try {
      await database.pool.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { config: { access: 'public', noTransaction: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/assets/*', { config: { access: 'public', noTransaction: true } }, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (!/^[\w.-]+$/.test(file) || !fs.existsSync(path.join(WEB_DIST, 'assets', file))) {
      return reply.status(404).send({ code: 'not_found', message: 'Datei nicht gefunden.' });
    }
    return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path.join('assets', file));
  });
  for (const file of ['favicon.svg', 'robots.txt']) {
    app.get(`/${file}`, { config: { access: 'public', noTransaction: true } }, async (_req, reply) =>
      fs.existsSync(path.join(WEB_DIST, file)) ? reply.sendFile(file) : reply.status(404).send({ code: 'not_found', message: 'Datei nicht gefunden.' }),
    );
  }

  for (const module of opts.modules) {
    await app.register(async (scope) => module.register(scope as App, { config, database }), { prefix: '' });
  }
  return app as App;
}

function mapKnownError(error: FastifyError, pgCode: string | undefined): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large', 'Die Anfrage ist zu groß (höchstens 1 MB).');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', 'Nicht unterstützter Inhaltstyp. Bitte JSON (application/json) senden.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'validation_failed', 'Leerer Inhalt: Bitte gültiges JSON senden.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(400, 'validation_failed', 'Ungültiges JSON im Inhalt der Anfrage.');
    case 'FST_ERR_VALIDATION':
      return new AppError(400, 'validation_failed', 'Ungültige Eingabe.');
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new AppError(400, 'validation_failed', 'Ungültige Anfrage: Der Inhalt konnte nicht gelesen werden (ungültiges JSON?).');
  }
  if (error.statusCode === 413) return new AppError(413, 'payload_too_large', 'Die Anfrage ist zu groß.');
  if (error.statusCode === 415) return new AppError(415, 'unsupported_media_type', 'Nicht unterstützter Inhaltstyp.');
  if (error.statusCode === 429) return new AppError(429, 'too_many_requests', 'Zu viele Anfragen. Bitte später erneut versuchen.');
  if (error.statusCode === 404) return new AppError(404, 'not_found', 'Nicht gefunden.');
  switch (pgCode) {
    case '23505':
      return new AppError(409, 'conflict', 'Ein Datensatz mit diesen Angaben existiert bereits.');
    case '23503':
      return new AppError(409, 'conflict', 'Der Datensatz verweist auf etwas, das es nicht (mehr) gibt, oder wird noch verwendet.');
    case '40001':
    case '40P01':
      return new AppError(409, 'conflict', 'Gleichzeitige Änderung erkannt. Bitte erneut versuchen.');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
    case '22021':
      return new AppError(400, 'validation_failed', 'Ungültiger Wert in der Anfrage.');
    case '57P01':
    case '57P03':
    case '53300':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
      return new AppError(503, 'service_unavailable', 'Die Datenbank ist gerade nicht erreichbar. Bitte gleich erneut versuchen.', undefined, {
        'retry-after': '5',
      });
  }
  const causeMessage = String((error as { cause?: { message?: unknown } }).cause?.message ?? '');
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(`${error.message} ${causeMessage}`)) {
    return new AppError(503, 'service_unavailable', 'Der Server ist ausgelastet. Bitte gleich erneut versuchen.', undefined, { 'retry-after': '5' });
  }
  return null;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeRegistry: { method: string; url: string; access: Access | undefined }[];
  }
}
