/**
 * Bad inputs (research-security §6.1, B-01…B-31 as far as the existing routes take them), sent to every mutating route
 * as the role that may call it, plus a fast-check property. Every answer is a 4xx with `code` and a German `message`,
 * never a 5xx, and nothing is written: the stored data is fingerprinted before and after (audit rows aside, of which
 * none may record a success). The fast-check property is in bad-input-property.int.test.ts (a file of its own so the two
 * halves run in parallel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES } from '@teilhabe/shared';
import { createTestApp, type TestApp } from './harness.js';
import { dataFingerprint, expectGermanError, expectPrototypeClean, fillParams, maxAuditSeq, send, unique } from './helpers.js';
import { MUTATING_METHODS, ROUTE_SAMPLES, type SuccessCase } from './route-samples.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MUTATING_KEYS = Object.keys(ROUTE_SAMPLES).filter((k) => MUTATING_METHODS.has(k.split(' ')[0]!));
async function successAuditRowsSince(seq: number) {
  const { rows } = await t.database.pool.query<{ action: string }>(
    `SELECT action FROM audit_events WHERE seq > $1 AND outcome = 'success'`,
    [seq],
  );
  return rows.map((r) => r.action);
}

interface BadCase {
  name: string;
  payload: unknown;
  headers?: Record<string, string>;
  status: number;
  code?: string;
  /** The field path the answer must name in `fields`. */
  field?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Leaf paths of a body: `email`, `memberships.0.role`, … */
function leaves(value: Json, path: string[] = []): { path: string[]; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

/** Paths of the objects in a body (the body itself is `[]`). */
function objectPaths(value: Json, path: string[] = []): string[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...path, String(i)]));
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
  return [];
}

function setAt(body: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
  return copy as Json;
}

/** The JSON schema of a route's body, from the app's own OpenAPI document (so nullable fields are known). */
type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
};
function bodySchema(method: string, url: string): JsonSchema | undefined {
  const doc = t.app.swagger() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  };
  return doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
}

/** The JSON types a field accepts (`undefined` when the schema does not say). */
function fieldTypes(schema: JsonSchema | undefined, path: string[]): Set<string> | undefined {
  let node = schema;
  for (const segment of path) {
    const branches = node?.anyOf ?? node?.oneOf ?? (node ? [node] : []);
    const container = branches.find((b) => (/^\d+$/.test(segment) ? b.items : b.properties?.[segment]));
    node = /^\d+$/.test(segment) ? container?.items : container?.properties?.[segment];
  }
  if (!node) return undefined;
  const types = new Set<string>();
  for (const branch of node.anyOf ?? node.oneOf ?? [node]) {
    if (branch.type === undefined) return undefined;
    for (const type of [branch.type].flat()) types.add(type === 'integer' ? 'number' : type);
  }
  return types;
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A value of a JSON type the field does not accept (no numbers-as-strings that a coercing schema could take). */
function wrongType(v: Json, accepted: Set<string> | undefined): Json | undefined {
  const candidates: Json[] = [typeof v === 'string' ? 12345 : 'zwölf', true, ['health'], { x: 1 }, 'zwölf', 12345];
  return candidates.find((c) => (accepted ? !accepted.has(jsonType(c)) : jsonType(c) !== jsonType(v)));
}

// The large payloads are the same for every route: built once.
const TWO_MB = `{"filler":"${'x'.repeat(2 * 1024 * 1024)}"}`;
const MANY_KEYS = JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 1])));
const BIG_ARRAY = JSON.stringify(new Array(50_000).fill(0));
const DEEP = '{"x":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
/** The body with one more top-level member, spliced in as raw JSON text. */
const withRawMember = (json: string, member: string) => (json === '{}' ? `{${member}}` : json.replace(/^\{/, `{${member},`));

const MASS_ASSIGNMENT = [
  'role',
  'roles',
  'version',
  'createdAt',
  'deletedAt',
  'ownerId',
  'agencyId',
  'organisationId',
  'id',
  'isAdmin',
  'active',
  'passwordHash',
];

function corpus(body: Json, secretFields: string[] = [], schema?: JsonSchema, method = 'POST'): BadCase[] {
  const json = JSON.stringify(body);
  const out: BadCase[] = [
    // B-02/B-05: not JSON, not an object
    { name: 'malformed JSON', payload: '{"email": "a@b.de", ', status: 400, code: 'validation_failed' },
    // (DELETE may come without a body.)
    ...(method === 'DELETE' ? [] : [{ name: 'empty body with JSON content type', payload: '', status: 400, code: 'validation_failed' }]),
    { name: 'top-level array', payload: '[]', status: 400 },
    { name: 'top-level string', payload: '"hallo"', status: 400 },
    // A DELETE with a JSON content type and no content arrives as null, which the platform accepts as "no body".
    ...(method === 'DELETE' ? [] : [{ name: 'top-level null', payload: 'null', status: 400 }]),
    { name: 'nesting 10,000 levels deep', payload: DEEP, status: 400 },
    { name: '5,000 unknown keys (the answer stays small)', payload: MANY_KEYS, status: 400, field: 'k0' },
    { name: 'array of 50,000 items', payload: withRawMember(json, `"items":${BIG_ARRAY}`), status: 400, field: 'items' },
    // B-03: prototype pollution
    { name: '__proto__', payload: '{"__proto__":{"isAdmin":true}}', status: 400 },
    { name: '__proto__ beside valid fields', payload: withRawMember(json, '"__proto__":{"isAdmin":true}'), status: 400 },
    { name: 'constructor.prototype', payload: '{"constructor":{"prototype":{"isAdmin":true}}}', status: 400 },
    // B-01: too large
    { name: '2 MB body', payload: TWO_MB, status: 413, code: 'payload_too_large' },
    // B-25: other content types
    { name: 'text/plain', payload: json, headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type' },
    {
      name: 'form post',
      payload: 'email=a%40b.de',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'multipart',
      payload: '--x\r\n\r\n--x--',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      status: 415,
      code: 'unsupported_media_type',
    },
  ];
  // B-04: mass assignment, at the top level and inside every nested object
  for (const objPath of objectPaths(body)) {
    for (const extra of objPath.length ? ['isAdmin', 'role2'] : MASS_ASSIGNMENT) {
      const target = objPath.reduce<Json>((node, p) => (node as Record<string, Json>)[p]!, body) as Record<string, Json>;
      if (extra in target) continue;
      const payload = setAt(body, [...objPath, extra], extra === 'version' ? 99 : extra === 'createdAt' ? '2020-01-01T00:00:00Z' : 'admin');
      out.push({
        name: `unknown field ${[...objPath, extra].join('.')}`,
        payload,
        status: 400,
        code: 'validation_failed',
        field: [...objPath, extra].join('.'),
      });
    }
  }
  // B-05/B-06/B-07: wrong types, null, NUL bytes and lone surrogates in every field
  for (const { path, value } of leaves(body)) {
    const field = path.join('.');
    const accepted = fieldTypes(schema, path);
    const wrong = wrongType(value, accepted);
    if (wrong !== undefined)
      out.push({
        name: `${field}: wrong type ${JSON.stringify(wrong)}`,
        payload: setAt(body, path, wrong),
        status: 400,
        code: 'validation_failed',
        field,
      });
    if (!accepted?.has('null'))
      out.push({ name: `${field}: null`, payload: setAt(body, path, null), status: 400, code: 'validation_failed', field });
    if (typeof value === 'string' && !secretFields.includes(field)) {
      out.push({ name: `${field}: NUL byte`, payload: setAt(body, path, `${value}\u0000`), status: 400, code: 'validation_failed', field });
      const raw = JSON.stringify(setAt(body, path, '@@SURROGATE@@')).replace('@@SURROGATE@@', 'ab\\ud800cd');
      out.push({ name: `${field}: lone surrogate`, payload: raw, status: 400, code: 'validation_failed', field });
      out.push({
        name: `${field}: 100,000 characters`,
        payload: setAt(body, path, 'x'.repeat(100_000)),
        status: 400,
        code: 'validation_failed',
        field,
      });
    }
  }
  return out;
}

/** Uploads take the file itself as body: what is not an allowed file is refused by content, not by name or header. */
const RAW_BODY_CORPUS: BadCase[] = [
  { name: 'JSON instead of a file', payload: '{"file":"x"}', headers: { 'content-type': 'application/json' }, status: 415, code: 'unsupported_media_type' },
  { name: 'malformed JSON', payload: '{"email": "a@b.de", ', headers: { 'content-type': 'application/json' }, status: 400, code: 'validation_failed' },
  { name: 'an executable', payload: Buffer.from('MZ\x90\x00 not a document'), status: 415, code: 'unsupported_media_type' },
  { name: 'plain text', payload: 'hallo', headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type' },
  { name: 'a ZIP that is no DOCX', payload: Buffer.from('PK\x03\x04 broken archive'), status: 415, code: 'unsupported_media_type' },
  { name: 'empty file', payload: Buffer.alloc(0), status: 400 },
];

describe('bad bodies on every mutating route', () => {
  it.each(MUTATING_KEYS)('%s: 4xx with a German error, nothing written', async (key) => {
    const method = key.split(' ')[0]!;
    const sample = ROUTE_SAMPLES[key]!;
    const ok = await sample.success!(t);
    const schema = bodySchema(method, key.slice(method.length + 1));
    if (!sample.rawBody) expect(schema, 'the route has a body schema in the OpenAPI document').toBeDefined();
    const cases = sample.rawBody ? RAW_BODY_CORPUS : corpus(ok.body as Json, sample.secretFields, schema, method);
    const before = await dataFingerprint(t);
    const seq = await maxAuditSeq(t);
    for (const c of cases) {
      const res = await send(t, { method, url: ok.url, payload: c.payload, agent: ok.agent, headers: { ...ok.headers, ...c.headers } });
      const body = expectGermanError(res, c.status, `${key} — ${c.name}`);
      if (c.code) expect(body.code, c.name).toBe(c.code);
      if (c.field) expect(Object.keys(body.fields ?? {}), `${c.name}: ${res.body.slice(0, 300)}`).toContain(c.field);
      expect(res.body.length, c.name).toBeLessThan(16_384);
    }
    expectPrototypeClean();
    expect(await dataFingerprint(t)).toEqual(before);
    expect(await successAuditRowsSince(seq)).toEqual([]);
    // The valid request still works afterwards: the corpus was refused for what it is, not for who sent it.
    const res = await send(t, { method, url: ok.url, payload: ok.body, agent: ok.agent, headers: ok.headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(ok.status ?? 200);
  });
});

describe('bad parameters, headers and query strings', () => {
  it('answers bad ids in the path with 400 (or 414 when over-long), never 404 or 500', async () => {
    const BAD_IDS = [
      'abc',
      '12345',
      '-1',
      'ffffffff-ffff-ffff-ffff-fffffffffffg',
      "1'%20OR%20'1'%3D'1",
      '..%2F..%2Fetc%2Fpasswd',
      '%00',
      '%E0%A4%A',
      '%',
      'x'.repeat(300),
    ];
    const routes = t.app.routeRegistry.filter((r) => /\/:(id|\w+Id)\b/.test(r.url) && r.access !== 'public');
    expect(routes.length).toBeGreaterThanOrEqual(6);
    // As a role that may call the route, so the answer is about the id and not about the caller.
    const roleOf = (access: string) =>
      access === 'authenticated' ? 'case_manager' : ROLES.find((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(access))!;
    const agents = new Map(await Promise.all(ROLES.map(async (r) => [r, await t.as(r)] as const)));
    const before = await dataFingerprint(t);
    for (const route of routes) {
      const role = roleOf(route.access!);
      const agent = agents.get(role)!;
      const sample = ROUTE_SAMPLES[`${route.method} ${route.url}`];
      for (const bad of BAD_IDS) {
        const url = fillParams(route.url.replace(/:(id|\w+Id)\b/, bad), sample?.params);
        const res = await send(t, {
          method: route.method,
          url,
          payload: MUTATING_METHODS.has(route.method) ? sample?.body?.(t) : undefined,
          agent,
          headers: sample?.headers,
        });
        const body = expectGermanError(res, bad.length > 200 ? 414 : 400, `${role} ${route.method} ${url}`);
        expect(body.code, `${route.method} ${url}`).toBe('validation_failed');
      }
    }
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('answers malformed set-up tokens with 400 and unknown ones with 404', async () => {
    for (const method of ['GET', 'POST']) {
      const payload = method === 'POST' ? { password: 'Ein-gutes-langes-Passwort-1' } : undefined;
      for (const bad of ['kurz', 'x'.repeat(101), '%E0%A4%A']) {
        const res = await send(t, { method, url: `/api/v1/auth/setup/${bad}`, payload });
        expectGermanError(res, 400);
      }
      expect(expectGermanError(await send(t, { method, url: fillParams('/api/v1/auth/setup/:token'), payload }), 404).code).toBe(
        'not_found',
      );
    }
  });

  it('refuses out-of-range, duplicate and unknown query parameters on every list with 400 naming the parameter (B-18, B-31)', async () => {
    const admin = await t.as('admin');
    // [query, the parameter the answer must name (null: a 400 is enough)]
    const lists: Record<string, [string, string | null][]> = {
      '/api/v1/users': [
        ['limit=100000', 'limit'],
        ['limit=0', 'limit'],
        ['limit=-5', 'limit'],
        ['offset=-1', 'offset'],
        ['limit=1e309', 'limit'],
        ['limit=abc', 'limit'],
        ['limit=2.5', 'limit'],
        ['limit=10&limit=20', 'limit'],
        ['q=a&q=b', 'q'],
        [`q=${'x'.repeat(201)}`, 'q'],
        ['sort=name', 'sort'],
        ['q[]=a', 'q[]'],
        ['q=%00', null], // NUL cannot be searched in PostgreSQL text (B-06): 400, not 500
      ],
      '/api/v1/audit-events': [
        ['limit=100000', 'limit'],
        ['offset=-1', 'offset'],
        ['limit=10&limit=20', 'limit'],
        ['actorId=abc', 'actorId'],
        ['from=gestern', 'from'],
        ['to=2026-13-45T00:00:00Z', 'to'],
        ["action=users.create'%20OR%201%3D1", 'action'],
        ['subjectType=user;DROP', 'subjectType'],
        ['unknown=1', 'unknown'],
        ['subjectId=%00', null],
      ],
      '/api/v1/audit-events/export.csv': [
        ['actorId=abc', 'actorId'],
        ['limit=10', 'limit'],
      ],
      '/api/v1/organisations': [
        ['kind=kommune&kind=amt', 'kind'],
        ['kind=gemeinde', 'kind'],
        ['limit=5', 'limit'],
      ],
    };
    const before = await dataFingerprint(t);
    for (const [path, cases] of Object.entries(lists)) {
      for (const [query, field] of cases) {
        const res = await admin.get(`${path}?${query}`);
        const body = expectGermanError(res, 400, `${path}?${query}`);
        if (field) expect(Object.keys(body.fields ?? {}), `${path}?${query}: ${res.body.slice(0, 300)}`).toContain(field);
      }
    }
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('searches SQL-like text literally (B-11)', async () => {
    const admin = await t.as('admin');
    for (const q of ["' OR 1=1 --", '"; DROP TABLE users; --', '$1', "\\'", "') OR ('a'='a"]) {
      const res = await admin.get(`/api/v1/users?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json(), q).toMatchObject({ items: [], total: 0 });
    }
    const all = await admin.get('/api/v1/users');
    expect(all.json().total).toBeGreaterThanOrEqual(9);
  });

  it('refuses a missing or garbled If-Match with 428 / 400 and changes nothing (B-26)', async () => {
    const admin = await t.as('admin');
    const target = ROUTE_SAMPLES['PATCH /api/v1/users/:id']!;
    const ok = await target.success!(t);
    const org = (await ROUTE_SAMPLES['PATCH /api/v1/organisations/:id']!.success!(t)) as SuccessCase;
    const before = await dataFingerprint(t);
    for (const c of [ok, org]) {
      const missing = await send(t, { method: 'PATCH', url: c.url, payload: c.body, agent: admin });
      expect(expectGermanError(missing, 428).code).toBe('precondition_required');
      for (const garbage of ['abc', '1.5', '-1', '9999999999', '*']) {
        const res = await send(t, { method: 'PATCH', url: c.url, payload: c.body, agent: admin, headers: { 'if-match': garbage } });
        const body = expectGermanError(res, 400);
        expect(body.fields, garbage).toHaveProperty('If-Match');
      }
    }
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('refuses malformed Idempotency-Keys with 400 before creating anything (B-27)', async () => {
    const ok = await ROUTE_SAMPLES['POST /api/v1/users']!.success!(t);
    const before = await dataFingerprint(t);
    for (const key of ['x'.repeat(10_000), 'kurz', 'mit leerzeichen 123', 'ü'.repeat(20)]) {
      const res = await send(t, { method: 'POST', url: ok.url, payload: ok.body, agent: ok.agent, headers: { 'idempotency-key': key } });
      expect(expectGermanError(res, 400).fields).toHaveProperty('Idempotency-Key');
    }
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('ignores X-HTTP-Method-Override (B-19)', async () => {
    const ok = await ROUTE_SAMPLES['POST /api/v1/notifications/:id/read']!.success!(t);
    const res = await send(t, {
      method: 'GET',
      url: '/api/v1/notifications',
      agent: ok.agent,
      headers: { 'x-http-method-override': 'DELETE' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().unread).toBe(1);
  });
});

describe('text that looks like code is stored as text', () => {
  const NASTY = [
    "'; DROP TABLE users; --",
    "Robert'); DROP TABLE organisations;--",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x")',
    "$1 \\' %s %n {{7*7}} ${7*7}",
    'Verein für Zuwanderer \u202Egnp.exe', // B-08: right-to-left override is a real character
    'جمعية الجالية العربية',
    'Nguyễn\u200DFamily', // zero-width joiner
  ];

  it('round-trips organisation names exactly (B-08, B-11, B-12)', async () => {
    const admin = await t.as('admin');
    for (const name of NASTY) {
      const res = await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'verein', name });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const id = res.json().id as string;
      const read = await admin.get(`/api/v1/organisations/${id}`);
      expect(read.json().name).toBe(name);
      const { rows } = await t.database.pool.query('SELECT name FROM organisations WHERE id = $1', [id]);
      expect(rows[0].name).toBe(name);
    }
    const { rows } = await t.database.pool.query('SELECT count(*)::int AS n FROM users');
    expect(rows[0].n).toBeGreaterThanOrEqual(9);
  });

  it('round-trips user names, normalised to NFC (B-09)', async () => {
    const admin = await t.as('admin');
    const nfd = 'Nguye\u0302\u0303n Thi\u0323 Hoa';
    for (const [input, stored] of [
      ...NASTY.map((n) => [n, n]),
      [nfd, nfd.normalize('NFC')],
      ['  O’Brien-Özdemir  ', 'O’Brien-Özdemir'],
    ] as [string, string][]) {
      const res = await admin.post('/api/v1/users', {
        email: `${unique('nasty')}@test.example`,
        displayName: input,
        memberships: [{ organisationId: t.tree.ki.id, role: 'finance' }],
      });
      expect(res.statusCode, `${input}: ${res.body}`).toBe(201);
      const read = await admin.get(`/api/v1/users/${res.json().user.id}`);
      expect(read.json().displayName).toBe(stored);
    }
    expect(nfd.normalize('NFC')).not.toBe(nfd);
  });
});
