import { z } from 'zod';
import {
  LoginBody,
  LoginResponse,
  OkResponse,
  PasswordChangeBody,
  SessionInfo,
  SessionResponse,
  SetupCompleteBody,
  SetupTokenInfo,
  TotpConfirmBody,
  TotpDisableBody,
  TotpSetupResponse,
} from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { presentMe } from './auth.presenter.js';
import * as auth from './auth.service.js';

const ErrorBody = z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional(), requestId: z.string().optional() });
const TokenParams = z.strictObject({ token: z.string().min(10).max(100) });
const tags = ['Anmeldung'];

export const authModule: Module = {
  name: 'auth',
  register(app, { config }) {
    app.post(
      '/api/v1/auth/login',
      {
        config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Anmelden (E-Mail, Passwort, ggf. TOTP-Code)',
          body: LoginBody,
          response: { 200: LoginResponse, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const outcome = await auth.login(request.ctx, request.body, { userAgent: request.headers['user-agent'] }, config);
        switch (outcome.kind) {
          case 'ok':
            setSessionCookie(reply, config, outcome.token);
            return { status: 'ok' as const, csrfToken: outcome.csrfToken, user: outcome.user };
          case 'totp_required':
            return { status: 'totp_required' as const };
          case 'failed':
            // Returned, not thrown: the failed attempt and its audit row must be committed.
            reply.status(401);
            return { code: 'unauthenticated', message: outcome.message, requestId: request.id };
          case 'throttled':
            reply.status(429).header('retry-after', String(outcome.retryAfterSeconds));
            return {
              code: 'too_many_requests',
              message: `Zu viele fehlgeschlagene Anmeldeversuche. Bitte in ${Math.ceil(outcome.retryAfterSeconds / 60)} Minuten erneut versuchen.`,
              requestId: request.id,
            };
        }
      },
    );

    app.get(
      '/api/v1/auth/session',
      {
        config: { access: 'authenticated', allowDuringTotpSetup: true },
        schema: { tags, summary: 'Aktuelle Sitzung und Benutzer:in', response: { 200: SessionResponse } },
      },
      async (request) => ({ csrfToken: request.csrfToken!, user: presentMe(authed(request.ctx).actor) }),
    );

    app.post(
      '/api/v1/auth/logout',
      { config: { access: 'authenticated', allowDuringTotpSetup: true }, schema: { tags, summary: 'Abmelden', response: { 200: OkResponse } } },
      async (request, reply) => {
        await auth.logout(authed(request.ctx));
        clearSessionCookie(reply, config);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/v1/auth/logout-all',
      {
        config: { access: 'authenticated', allowDuringTotpSetup: true },
        schema: { tags, summary: 'Alle eigenen Sitzungen beenden', response: { 200: z.object({ ok: z.literal(true), ended: z.number() }) } },
      },
      async (request, reply) => {
        const ended = await auth.logoutEverywhere(authed(request.ctx));
        clearSessionCookie(reply, config);
        return { ok: true as const, ended };
      },
    );

    app.get(
      '/api/v1/auth/sessions',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Eigene Sitzungen', response: { 200: z.array(SessionInfo) } } },
      async (request) => auth.listOwnSessions(authed(request.ctx)),
    );

    app.post(
      '/api/v1/auth/password',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Passwort ändern', body: PasswordChangeBody, response: { 200: OkResponse } } },
      async (request) => {
        await auth.changePassword(authed(request.ctx), request.body.currentPassword, request.body.newPassword);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/v1/auth/totp/setup',
      {
        config: { access: 'authenticated', allowDuringTotpSetup: true },
        schema: { tags, summary: 'Zwei-Faktor-Anmeldung (TOTP) einrichten: Geheimnis und QR-Code', response: { 200: TotpSetupResponse } },
      },
      async (request) => auth.startTotpSetup(authed(request.ctx)),
    );

    app.post(
      '/api/v1/auth/totp/confirm',
      {
        config: { access: 'authenticated', allowDuringTotpSetup: true },
        schema: { tags, summary: 'TOTP-Einrichtung mit einem Code bestätigen', body: TotpConfirmBody, response: { 200: OkResponse } },
      },
      async (request) => {
        await auth.confirmTotp(authed(request.ctx), request.body.code);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/v1/auth/totp/disable',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'TOTP abschalten', body: TotpDisableBody, response: { 200: OkResponse } } },
      async (request) => {
        await auth.disableTotp(authed(request.ctx), request.body.password);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/v1/auth/setup/:token',
      {
        config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Einrichtungslink prüfen', params: TokenParams, response: { 200: SetupTokenInfo } },
      },
      async (request) => auth.describeSetupToken(request.ctx, request.params.token),
    );

    app.post(
      '/api/v1/auth/setup/:token',
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Eigenes Passwort über den Einrichtungslink setzen', params: TokenParams, body: SetupCompleteBody, response: { 200: OkResponse } },
      },
      async (request) => {
        await auth.completeSetup(request.ctx, request.params.token, request.body.password);
        return { ok: true as const };
      },
    );
  },
};
