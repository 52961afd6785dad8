import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { json, mockFetch } from '../test/utils';
import { api, ApiError, apiUrl, setCsrfToken, setUnauthorizedHandler } from './client';

const Ok = z.object({ ok: z.literal(true) });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe('api client', () => {
  it('sends the CSRF token and If-Match on updates, same-origin credentials always', async () => {
    setCsrfToken('csrf-abc');
    const fetchMock = mockFetch({ 'PATCH /api/v1/users/u1': () => json({ ok: true }) });

    await api.patch('/users/u1', Ok, { displayName: 'Neu' }, { ifMatch: 7 });

    const init = fetchMock.mock.calls[0]?.[1];
    const headers = new Headers(init?.headers);
    expect(headers.get('x-csrf-token')).toBe('csrf-abc');
    expect(headers.get('if-match')).toBe('7');
    expect(headers.get('content-type')).toBe('application/json');
    expect(init?.credentials).toBe('same-origin');
  });

  it('does not send the CSRF token on reads', async () => {
    setCsrfToken('csrf-abc');
    const fetchMock = mockFetch({ 'GET /api/v1/users': () => json({ ok: true }) });
    await api.get('/users', Ok, { query: { q: 'anna', offset: 0, empty: '' } });
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('x-csrf-token')).toBeNull();
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/v1/users?q=anna&offset=0');
  });

  it('turns the error body into an ApiError with field messages', async () => {
    mockFetch({
      'POST /api/v1/users': () =>
        json({ code: 'validation_failed', message: 'Ungültige Eingabe', fields: { email: 'Keine gültige E-Mail-Adresse' }, requestId: 'req-9' }, 400),
    });
    const error = await api.post('/users', Ok, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', requestId: 'req-9', fields: { email: 'Keine gültige E-Mail-Adresse' } });
  });

  it('reports a 401 to the session handler, except where 401 is an expected answer', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    mockFetch({
      'GET /api/v1/users': () => json({ code: 'unauthenticated', message: 'Bitte melden Sie sich an.' }, 401),
      'POST /api/v1/auth/login': () => json({ code: 'unauthenticated', message: 'E-Mail-Adresse oder Passwort ist falsch.' }, 401),
    });

    await expect(api.post('/auth/login', Ok, {}, { redirectOn401: false })).rejects.toThrow('E-Mail-Adresse oder Passwort ist falsch.');
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(api.get('/users', Ok)).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('explains network failures and unexpected answers in German', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(api.get('/users', Ok)).rejects.toThrow(/Keine Verbindung zum Server/);

    mockFetch({ 'GET /api/v1/users': () => json({ unexpected: true }) });
    await expect(api.get('/users', Ok)).rejects.toMatchObject({ code: 'invalid_response' });

    mockFetch({ 'GET /api/v1/users': () => new Response('<html>Bad Gateway</html>', { status: 502 }) });
    await expect(api.get('/users', Ok)).rejects.toMatchObject({ status: 502, code: 'http_error' });
  });

  it('builds export links with only the filters that are set', () => {
    expect(apiUrl('/audit-events/export.csv', { action: 'auth.login', actorId: undefined, from: '' })).toBe(
      '/api/v1/audit-events/export.csv?action=auth.login',
    );
  });
});
