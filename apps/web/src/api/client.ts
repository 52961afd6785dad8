import type { z } from 'zod';
import { translate } from '../i18n';

/** All JSON endpoints live below this prefix (see docs/api-foundation.md). */
export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

/** An error answer of the API (`{code, message, fields, requestId}`), or a network/format problem on our side. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
    readonly requestId?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

// The CSRF token lives only in memory: it comes with the login answer and with GET /auth/session.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when an authenticated request answers 401 (session ended or expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  /** The record's `version` for optimistic locking. */
  ifMatch?: number;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** false for calls where 401 is an expected answer (login, session probe). */
  redirectOn401?: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `/api/v1` + path + query string; empty and undefined query values are left out. */
export function apiUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** A key for `Idempotency-Key`; crypto.randomUUID is missing on plain-http LAN addresses, getRandomValues is not. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isErrorBody(value: unknown): value is { code: string; message: string; fields?: unknown; requestId?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const result: Record<string, string> = {};
  for (const [key, message] of Object.entries(value)) {
    if (typeof message === 'string') result[key] = message;
  }
  return result;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (isErrorBody(body)) {
    return new ApiError(
      response.status,
      body.code,
      body.message,
      stringRecord(body.fields),
      typeof body.requestId === 'string' ? body.requestId : undefined,
      retryAfterSeconds,
    );
  }
  const fallback =
    response.status >= 500 ? translate('error.server') : translate('error.http', { status: response.status });
  return new ApiError(response.status, 'http_error', fallback, {}, undefined, retryAfterSeconds);
}

/**
 * Calls the API and checks the answer against `schema`, so that what the UI renders has the shape the contract
 * promises. Throws ApiError for every non-2xx answer. The schema may still be loading (a Promise): the shell loads
 * Zod lazily, so the request starts at once and the check waits for it.
 */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S | Promise<S>,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (MUTATING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = String(options.ifMatch);
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', translate('error.network'));
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && options.redirectOn401 !== false) unauthorizedHandler?.();
    throw error;
  }

  const body = await readJson(response);
  const parsed = (await schema).safeParse(body);
  if (!parsed.success) {
    console.error(`Unerwartete Antwort von ${method} ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'invalid_response', translate('error.invalidResponse'));
  }
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S | Promise<S>, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest(path, schema, { ...options, method: 'GET' }),
  post: <S extends z.ZodType>(path: string, schema: S | Promise<S>, body: unknown = {}, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest(path, schema, { ...options, method: 'POST', body }),
  patch: <S extends z.ZodType>(path: string, schema: S | Promise<S>, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest(path, schema, { ...options, method: 'PATCH', body }),
};
