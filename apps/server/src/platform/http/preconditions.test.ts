import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { requiredVersion } from './preconditions.js';

const req = (ifMatch?: string) => ({ headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } }) as unknown as FastifyRequest;

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('did not throw');
}

describe('requiredVersion (If-Match)', () => {
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    [' 12 ', 12],
    ['999999999', 999_999_999],
  ])('reads %j as version %d', (header, version) => {
    expect(requiredVersion(req(header))).toBe(version);
  });

  it('answers a missing header with 428 precondition_required and a German message', () => {
    const error = errorOf(() => requiredVersion(req()));
    expect(error).toBeInstanceOf(AppError);
    expect(error.statusCode).toBe(428);
    expect(error.code).toBe('precondition_required');
    expect(error.message).toMatch(/If-Match.*fehlt/);
  });

  it.each(['', 'abc', '1.5', '-1', '*', '"', '1,2', '9999999999', 'W/abc'])('answers the garbled %j with 400 naming If-Match', (header) => {
    const error = errorOf(() => requiredVersion(req(header)));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toHaveProperty('If-Match');
  });
});
