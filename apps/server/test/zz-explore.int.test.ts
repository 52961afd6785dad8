import { afterAll, beforeAll, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());
it('dump', async () => {
  console.log(JSON.stringify(t.app.routeRegistry));
  const a = await t.as('admin');
  for (const [m, u, b, h] of [
    ['POST', '/api/v1/organisations', '{bad', {}],
    ['POST', '/api/v1/organisations', JSON.stringify({ __proto__: 1 }), {}],
    ['POST', '/api/v1/organisations', '{"__proto__":{"isAdmin":true}}', {}],
    ['POST', '/api/v1/organisations', '{"constructor":{"prototype":{"isAdmin":true}}}', {}],
    ['POST', '/api/v1/organisations', JSON.stringify({ parentId: 5, kind: 'amt', name: null, role: 'x' }), {}],
    ['POST', '/api/v1/organisations', JSON.stringify({ parentId: t.tree.kreis.id, kind: 'amt', name: 'ab\u0000c' }), {}],
    ['POST', '/api/v1/organisations', '{"parentId":"' + t.tree.kreis.id + '","kind":"amt","name":"ab\\ud800c"}', {}],
    ['POST', '/api/v1/organisations', 'x', { 'content-type': 'text/plain' }],
    ['GET', '/api/v1/users?limit=100000', undefined, {}],
    ['GET', '/api/v1/users?limit=1e309', undefined, {}],
    ['GET', '/api/v1/users?q=a&q=b', undefined, {}],
    ['GET', '/api/v1/users/abc', undefined, {}],
    ['GET', '/api/v1/users/%E0%A4%A', undefined, {}],
    ['GET', '/api/v1/users/' + 'x'.repeat(300), undefined, {}],
    ['POST', '/api/v1/users/abc/setup-link', {}, {}],
    ['POST', '/api/v1/auth/logout-all', JSON.stringify({ role: 'admin' }), {}],
  ] as const) {
    const r = await a.request(m, u, b as never, { 'content-type': 'application/json', ...(h as object) } as never);
    console.log(m, u.slice(0, 60), r.statusCode, r.body.slice(0, 400));
  }
});
