import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '@teilhabe/shared';
import { makeUser } from '../src/seed/factories.js';
import { sessionCookieName } from '../src/platform/http/app.js';
import { Agent, TEST_PASSWORD, type TestApp, type TestUser } from './harness.js';

let counter = 0;
/** A unique suffix for e-mails and names within one test file. */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${counter}-${randomBytes(3).toString('hex')}`;
}

/** A distinct client address per call, so login throttles and rate limits of one test never leak into another. */
export function freshIp(): string {
  const n = Math.floor(Math.random() * 0xfffffe) + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** A user of its own (password TEST_PASSWORD), for tests that change passwords, lock accounts or end sessions. */
export async function freshUser(
  t: TestApp,
  role: Role = 'case_manager',
  opts: { totpSecret?: string; active?: boolean; password?: string | null; organisationId?: string } = {},
): Promise<TestUser> {
  const email = `${unique(role.replaceAll('_', '-'))}@test.example`;
  const organisationId = opts.organisationId ?? t.users[role].organisationId;
  const row = await makeUser(t.database.db, {
    email,
    displayName: `Test ${email}`,
    password: opts.password === undefined ? TEST_PASSWORD : opts.password,
    memberships: [{ organisationId, role }],
    totpSecret: opts.totpSecret,
    active: opts.active,
  });
  return { id: row.id, email: row.email, role, organisationId, totpSecret: opts.totpSecret };
}

/** Replaces `:id` with a random UUID and `:token` with a random, well-formed set-up token. */
export function fillParams(url: string, values: Record<string, string> = {}): string {
  return url.replace(
    /:(\w+)/g,
    (_m, name: string) => values[name] ?? (name === 'token' ? randomBytes(32).toString('base64url') : randomUUID()),
  );
}

export interface RawRequest {
  method: string;
  url: string;
  /** A string or Buffer is sent as is; anything else as JSON. */
  payload?: unknown;
  headers?: Record<string, string>;
  agent?: Agent;
  remoteAddress?: string;
}

/** One request through the app, with the agent's cookie and CSRF token, full control over body and headers. */
export function send(t: TestApp, r: RawRequest): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (r.agent?.cookie) headers.cookie = r.agent.cookie;
  if (r.agent?.csrfToken && r.method !== 'GET') headers['x-csrf-token'] = r.agent.csrfToken;
  let payload: string | Buffer | undefined;
  if (r.payload !== undefined) {
    if (typeof r.payload === 'string' || Buffer.isBuffer(r.payload)) payload = r.payload;
    else payload = JSON.stringify(r.payload);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, r.headers ?? {});
  return t.app.inject({
    method: r.method as 'GET',
    url: r.url,
    headers,
    payload,
    remoteAddress: r.remoteAddress ?? freshIp(),
  });
}

// German words and typography that appear in the app's and Zod's German messages.
const GERMAN =
  /[äöüÄÖÜß„“–]|\b(der|die|das|den|dem|des|und|oder|ist|sind|nur|ein|eine|einer|nicht|kein|keine|mit|aus|im|für|bei|bitte|wurde|kann|besteht|ungültig\w*|feld\w*|eingabe|anfrage|erwartet|erhalten|pflichtfeld|unbekannt\w*|zeichen|höchstens|mindestens|darf|enthält|zu|adresse)\b/i;
// Default texts of Fastify, Zod (English locale) and Node that must never reach a user.
const ENGLISH =
  /\b(Invalid input|Required|expected|must be|Bad Request|is not a valid|Unrecognized key|Too (big|small)|Unexpected token|Internal Server Error|Not Found|body\/)\b/;

/** The error body every API error has: `code`, a German `message`, optional German `fields`, and the request id. */
export function expectGermanError(res: LightMyRequestResponse, status?: number | ((s: number) => boolean), label = '') {
  const info = `${label ? `${label}: ` : ''}${res.statusCode} ${res.body.slice(0, 500)}`;
  if (typeof status === 'number') expect(res.statusCode, info).toBe(status);
  else if (typeof status === 'function') expect(status(res.statusCode), info).toBe(true);
  expect(res.statusCode, info).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, info).toBeLessThan(500);
  const body = res.json() as { code?: unknown; message?: unknown; fields?: Record<string, unknown>; requestId?: unknown };
  expect(typeof body.code, info).toBe('string');
  expect(body.code, info).toMatch(/^[a-z_]+$/);
  expect(typeof body.message, info).toBe('string');
  expect(body.message as string, info).toMatch(GERMAN);
  expect(body.message as string, info).not.toMatch(ENGLISH);
  // Field texts are short labels beside a form field ("Schon vergeben", "Zyklus"): present and not English.
  for (const [field, text] of Object.entries(body.fields ?? {})) {
    expect(typeof text, `${field}: ${info}`).toBe('string');
    expect((text as string).trim().length, `${field}: ${info}`).toBeGreaterThan(1);
    expect(text as string, `${field}: ${info}`).not.toMatch(ENGLISH);
  }
  expect(body.requestId, info).toBe(res.headers['x-request-id']);
  return body as { code: string; message: string; fields?: Record<string, string>; requestId: string };
}

/**
 * A fingerprint of everything the application stores, except the audit log and the sliding `last_seen_at` of sessions.
 * Two equal fingerprints mean no row was inserted, changed or deleted in between.
 */
export async function dataFingerprint(t: TestApp): Promise<Record<string, string>> {
  const { rows: tables } = await t.database.pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_events' ORDER BY 1`,
  );
  expect(tables.map((r) => r.name)).toContain('users');
  const query = tables
    .map(
      ({ name }) => `SELECT '${name}' AS name, count(*)::int AS n, md5(coalesce(string_agg(x, '|' ORDER BY x), '')) AS h
       FROM (SELECT (to_jsonb(r) - 'last_seen_at')::text AS x FROM "${name}" r) s`,
    )
    .join(' UNION ALL ');
  const { rows } = await t.database.pool.query<{ name: string; n: number; h: string }>(query);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.h}`]));
}

export async function maxAuditSeq(t: TestApp): Promise<number> {
  const { rows } = await t.database.pool.query<{ s: string | null }>('SELECT max(seq)::text AS s FROM audit_events');
  return Number(rows[0]!.s ?? 0);
}

/** Audit rows written for one request (matched by the `x-request-id` the response carries). */
export async function auditRowsOf(t: TestApp, res: LightMyRequestResponse) {
  const id = res.headers['x-request-id'];
  expect(typeof id).toBe('string');
  const { rows } = await t.database.pool.query<{ action: string; outcome: string; subject_id: string | null; details: unknown }>(
    'SELECT action, outcome, subject_id, details FROM audit_events WHERE request_id = $1 ORDER BY seq',
    [id],
  );
  return rows;
}

/** An agent signed in as the given user, but without the CSRF header. */
export function withoutCsrf(agent: Agent): Agent {
  return new Agent(agent.app, agent.cookie, undefined, agent.user);
}

/** Signs in through POST /api/v1/auth/login from a client address of its own (or the one given). */
export async function loginVia(
  t: TestApp,
  body: { email: string; password: string; totp?: string },
  ip: string = freshIp(),
  headers: Record<string, string> = {},
) {
  const res = await send(t, { method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress: ip, headers });
  const name = sessionCookieName(t.config);
  const cookie = res.cookies.find((c) => c.name === name && c.value);
  const csrf = res.statusCode === 200 ? (res.json() as { csrfToken?: string }).csrfToken : undefined;
  return { res, cookie, agent: cookie ? new Agent(t.app, `${name}=${cookie.value}`, csrf) : undefined };
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** Object.prototype is as it was: no `__proto__` payload polluted it (B-03). */
export function expectPrototypeClean() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'isAdmin')).toBe(false);
}
