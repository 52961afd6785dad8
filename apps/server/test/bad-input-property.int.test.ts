/**
 * fast-check property over every mutating route (research-security §6.1): arbitrary JSON — random objects, nearly valid
 * bodies with one field replaced, bare values — never causes a server error, and every refusal has `code` and `message`.
 * numRuns is kept modest for CI time; a failure prints the shrunk counterexample.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { expectPrototypeClean, send } from './helpers.js';
import { MUTATING_METHODS, ROUTE_SAMPLES } from './route-samples.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MUTATING_KEYS = Object.keys(ROUTE_SAMPLES).filter((k) => MUTATING_METHODS.has(k.split(' ')[0]!));

describe('property: arbitrary JSON never causes a server error', () => {
  const value = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });
  const key = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('role', 'version', '__proto__', 'constructor', 'email', 'name', 'password', 'id'),
  );

  it.each(MUTATING_KEYS)('%s', async (routeKey) => {
    const method = routeKey.split(' ')[0]!;
    const sample = ROUTE_SAMPLES[routeKey]!;
    let ok = await sample.success!(t);
    const valid = ok.body as Record<string, unknown>;
    const nearlyValid = fc.record(
      Object.fromEntries(
        Object.entries(valid).map(([k, v]) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: value })]),
      ),
      { requiredKeys: [] },
    );
    const body = fc.oneof(fc.dictionary(key, value, { maxKeys: 6 }), nearlyValid, value);
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await send(t, {
          method,
          url: ok.url,
          payload: JSON.stringify(payload) ?? 'null',
          agent: ok.agent,
          headers: ok.headers,
        });
        expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const error = res.json();
          expect(typeof error.code).toBe('string');
          expect(typeof error.message).toBe('string');
        } else {
          ok = await sample.success!(t); // it worked (e.g. `{}` to logout): start the next run from a fresh case
        }
      }),
      { numRuns: 30 },
    );
    expectPrototypeClean();
  });
});
