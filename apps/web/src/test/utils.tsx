import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import type { Me } from '@teilhabe/shared';
import { setCsrfToken } from '../api/client';
import { createQueryClient } from '../api/queryClient';
import { AppProviders } from '../app/AppProviders';
import { clearSessionEnd, MeProvider, sessionQueryKey } from '../features/auth/session';
import type { Locale } from '../i18n';
import { resetPageFocusForTests } from '../ui/Page';

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'anna.admin@example.org',
    displayName: 'Anna Admin',
    locale: 'de',
    roles: ['admin'],
    permissions: ['users.read', 'users.manage', 'organisations.read', 'organisations.manage', 'audit.read', 'settings.manage'],
    memberships: [{ organisationId: '00000000-0000-4000-8000-0000000000a1', organisationName: 'Rhein-Sieg-Kreis', role: 'admin' }],
    totpEnabled: true,
    totpSetupRequired: false,
    ...overrides,
  };
}

export interface RenderOptions {
  /** Where the memory router starts. */
  path?: string;
  /** The route pattern of the element when it has parameters (e.g. `/vermittlungen/:id`); else `path` itself. */
  pattern?: string;
  /** Extra routes beside the one under test (e.g. the page a redirect leads to). */
  routes?: RouteObject[];
  locale?: Locale;
  /** Signed-in user for pages that call useMe(); null = nobody signed in. */
  me?: Me | null;
}

/** Renders `element` at `path` inside the app's providers (Mantine test env: no transitions, no portals). */
export function renderPage(element: ReactNode, { path = '/', pattern, routes = [], locale = 'de', me = null }: RenderOptions = {}) {
  resetPageFocusForTests();
  clearSessionEnd();
  setCsrfToken(me ? 'test-csrf' : null);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } });
  queryClient.setQueryData(sessionQueryKey, me ? { csrfToken: 'test-csrf', user: me } : null);
  const wrapped = me ? <MeProvider me={me}>{element}</MeProvider> : element;
  const router = createMemoryRouter([{ path: pattern ?? path.split('?')[0], element: wrapped }, ...routes], { initialEntries: [path] });
  const result = render(
    <AppProviders queryClient={queryClient} locale={locale} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, router, queryClient };
}

export type FetchHandler = (request: { method: string; path: string; url: URL; body: unknown; headers: Headers }) =>
  | Response
  | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * Replaces fetch with a router over "METHOD /api/v1/path" keys; unknown requests fail the test loudly.
 * Returns the mock so tests can inspect the calls.
 */
export function mockFetch(handlers: Record<string, FetchHandler>) {
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = `${method} ${url.pathname}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`Unerwarteter Aufruf im Test: ${key}`);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    return handler({ method, path: url.pathname, url, body, headers: new Headers(init?.headers) });
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}
