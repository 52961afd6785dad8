import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  Akteur,
  AkteurListItem,
  AkteurListQuery,
  AkteurProfileInput,
  ContactPerson,
  ContactPersonInput,
  CoverageMatrix,
  CreateAkteurBody,
  CreateOfferBody,
  DirectorySettings,
  GemeindeFeatureCollection,
  HANDLUNGSFELDER,
  IdParams,
  LanguageCode,
  Offer,
  OfferCounts,
  OfferListItem,
  OfferListQuery,
  OkResponse,
  Page,
  PublicDetailQuery,
  PublicOffer,
  PublicOfferPage,
  PublicOfferQuery,
  TARGET_GROUPS,
  TRANSLATION_LANGS,
  RTL_LANGS,
  UpdateContactPersonBody,
  UpdateDirectorySettingsBody,
  UpdateOfferBody,
  type PublicLang,
} from '@teilhabe/shared';
import type { App, Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import { gemeindeByAgs } from '../../seed/geo.js';
import { coverageMatrix, coveragePdf, coverageXlsx } from './coverage.service.js';
import { gemeindeShapes } from './directory.geo.js';
import { offerCalendar } from './directory.ical.js';
import { openDataCsv, openDataJson } from './directory.opendata.js';
import * as service from './directory.service.js';

const tags = ['Netzwerk und Angebote'];
const publicTags = ['Öffentliches Angebotsverzeichnis'];
const coverageTags = ['Angebotsabdeckung'];
const Created = z.object({ ok: z.literal(true), notified: z.number().int() });

/** Public read endpoints: generous for people browsing, tight enough that nobody scrapes the directory in a loop. */
const PUBLIC_RATE = { max: 300, timeWindow: '1 minute' };
const EXPORT_RATE = { max: 30, timeWindow: '1 minute' };

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');
const PUBLIC_PAGE_PREFIXES: { prefix: string; lang: PublicLang }[] = [
  { prefix: '/angebote', lang: 'de' },
  { prefix: '/leichte-sprache/angebote', lang: 'de-LS' },
  ...TRANSLATION_LANGS.filter((l) => l !== 'de-LS').map((l) => ({ prefix: `/${l}/angebote`, lang: l as PublicLang })),
];

let pageCache: { mtime: number; html: string } | undefined;

/** The public directory's own HTML entry (built by Vite as angebote.html), with `lang` and `dir` set on the server. */
function publicPageHtml(lang: PublicLang): string | null {
  const file = path.join(WEB_DIST, 'angebote.html');
  if (!fs.existsSync(file)) return null;
  const mtime = fs.statSync(file).mtimeMs;
  if (!pageCache || pageCache.mtime !== mtime) pageCache = { mtime, html: fs.readFileSync(file, 'utf8') };
  const htmlLang = lang === 'de-LS' ? 'de' : lang;
  const dir = RTL_LANGS.includes(lang) ? 'rtl' : 'ltr';
  return pageCache.html.replace(/<html[^>]*>/, `<html lang="${htmlLang}" dir="${dir}">`);
}

function registerPublicPages(app: App) {
  for (const { prefix, lang } of PUBLIC_PAGE_PREFIXES) {
    for (const url of [prefix, `${prefix}/:id`]) {
      app.get(url, { config: { access: 'public', noTransaction: true, rateLimit: PUBLIC_RATE } }, async (_request, reply) => {
        const html = publicPageHtml(lang);
        if (!html) return reply.status(404).send({ code: 'not_found', message: 'Die Weboberfläche ist nicht gebaut (npm run build:web).' });
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      });
    }
  }
}

const MapQuery = z.strictObject({
  q: z.string().max(200).optional(),
  handlungsfeld: z.enum(HANDLUNGSFELDER, { message: 'Unbekanntes Handlungsfeld' }).optional(),
  language: LanguageCode.optional(),
  targetGroup: z.enum(TARGET_GROUPS, { message: 'Unbekannte Zielgruppe' }).optional(),
});

export const directoryModule: Module = {
  name: 'directory',
  register(app, { config }) {
    // Precomputed once at start: the simplified Gemeinde shapes for the public map.
    gemeindeShapes();
    const baseUrl = config.publicUrl.replace(/\/$/, '');
    const host = new URL(baseUrl).hostname;

    // ── Offers (staff) ───────────────────────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/directory/offers',
      {
        config: { access: 'directory.read' },
        schema: { tags, summary: 'Angebote suchen und filtern (veröffentlichte und eigene)', querystring: OfferListQuery, response: { 200: Page(OfferListItem) } },
      },
      async (request) => service.listOffers(authed(request.ctx), request.query),
    );
    app.get(
      '/api/v1/directory/offers/by-gemeinde',
      {
        config: { access: 'directory.read' },
        schema: { tags, summary: 'Anzahl der gefundenen Angebote je Gemeinde (für die Karte)', querystring: OfferListQuery, response: { 200: OfferCounts } },
      },
      async (request) => service.countOffersByGemeinde(authed(request.ctx), request.query),
    );
    app.get(
      '/api/v1/directory/offers/:id',
      { config: { access: 'directory.read' }, schema: { tags, summary: 'Ein Angebot', params: IdParams, response: { 200: Offer } } },
      async (request) => service.getOffer(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/directory/offers',
      {
        config: { access: 'directory.write' },
        schema: { tags, summary: 'Angebot anlegen (als Entwurf; Idempotency-Key empfohlen)', body: CreateOfferBody, response: { 201: Offer } },
      },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.createOffer(ctx, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.patch(
      '/api/v1/directory/offers/:id',
      {
        config: { access: 'directory.write' },
        schema: { tags, summary: 'Angebot ändern (If-Match: Version)', params: IdParams, body: UpdateOfferBody, response: { 200: Offer } },
      },
      async (request) => service.updateOffer(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/directory/offers/:id/publish',
      {
        config: { access: 'directory.publish' },
        schema: { tags, summary: 'Angebot veröffentlichen (If-Match: Version; Vier-Augen-Prinzip, wenn eingeschaltet)', params: IdParams, body: z.strictObject({}), response: { 200: Offer } },
      },
      async (request) => service.publishOffer(authed(request.ctx), request.params.id, requiredVersion(request)),
    );
    app.post(
      '/api/v1/directory/offers/:id/archive',
      {
        config: { access: 'directory.write' },
        schema: { tags, summary: 'Angebot archivieren (If-Match: Version)', params: IdParams, body: z.strictObject({}), response: { 200: Offer } },
      },
      async (request) => service.archiveOffer(authed(request.ctx), request.params.id, requiredVersion(request)),
    );
    app.post(
      '/api/v1/directory/offers/:id/review',
      {
        config: { access: 'directory.write' },
        schema: { tags, summary: 'Angaben als geprüft bestätigen (If-Match: Version)', params: IdParams, body: z.strictObject({}), response: { 200: Offer } },
      },
      async (request) => service.markOfferReviewed(authed(request.ctx), request.params.id, requiredVersion(request)),
    );
    app.post(
      '/api/v1/directory/offers/:id/request-publication',
      {
        config: { access: 'directory.write' },
        schema: { tags, summary: 'Entwurf der Koordination zur Veröffentlichung vorlegen', params: IdParams, body: z.strictObject({}), response: { 200: Created } },
      },
      async (request) => service.requestPublication(authed(request.ctx), request.params.id),
    );
    app.get(
      '/api/v1/directory/settings',
      { config: { access: 'directory.read' }, schema: { tags, summary: 'Einstellungen des Verzeichnisses (Vier-Augen-Prinzip)', response: { 200: DirectorySettings } } },
      async (request) => service.getSettings(authed(request.ctx)),
    );
    app.put(
      '/api/v1/directory/settings',
      {
        config: { access: 'settings.manage' },
        schema: { tags, summary: 'Vier-Augen-Prinzip für Veröffentlichungen ein-/ausschalten (If-Match: Version, 0 beim ersten Mal)', body: UpdateDirectorySettingsBody, response: { 200: DirectorySettings } },
      },
      async (request) => service.updateSettings(authed(request.ctx), requiredVersion(request), request.body),
    );

    // ── Akteure ──────────────────────────────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/directory/akteure',
      { config: { access: 'directory.read' }, schema: { tags, summary: 'Akteure des Netzwerks', querystring: AkteurListQuery, response: { 200: Page(AkteurListItem) } } },
      async (request) => service.listAkteure(authed(request.ctx), request.query),
    );
    app.get(
      '/api/v1/directory/akteure/:id',
      { config: { access: 'directory.read' }, schema: { tags, summary: 'Ein Akteur mit Profil und Kontaktpersonen', params: IdParams, response: { 200: Akteur } } },
      async (request) => service.getAkteur(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/directory/akteure',
      { config: { access: 'directory.write' }, schema: { tags, summary: 'Akteur anlegen (Organisation mit Profil)', body: CreateAkteurBody, response: { 201: Akteur } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.createAkteur(ctx, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.put(
      '/api/v1/directory/akteure/:id/profile',
      {
        config: { access: 'directory.write' },
        schema: { tags, summary: 'Profil eines Akteurs speichern (If-Match: Version, 0 für ein neues Profil)', params: IdParams, body: AkteurProfileInput, response: { 200: Akteur } },
      },
      async (request) => service.saveAkteurProfile(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/directory/akteure/:id/contacts',
      { config: { access: 'directory.write' }, schema: { tags, summary: 'Kontaktperson hinzufügen', params: IdParams, body: ContactPersonInput, response: { 201: ContactPerson } } },
      async (request, reply) => {
        reply.status(201);
        return service.addContact(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.patch(
      '/api/v1/directory/contacts/:id',
      {
        config: { access: 'directory.write' },
        schema: { tags, summary: 'Kontaktperson ändern (If-Match: Version)', params: IdParams, body: UpdateContactPersonBody, response: { 200: ContactPerson } },
      },
      async (request) => service.updateContact(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.delete(
      '/api/v1/directory/contacts/:id',
      {
        config: { access: 'directory.write' },
        // An explicit `{}` body: the platform default for DELETE would also accept a literal `null` (see the report).
        schema: { tags, summary: 'Kontaktperson löschen (If-Match: Version; Inhalt: {})', params: IdParams, body: z.strictObject({}), response: { 200: OkResponse } },
      },
      async (request) => service.deleteContact(authed(request.ctx), request.params.id, requiredVersion(request)),
    );

    // ── Coverage ─────────────────────────────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/coverage/matrix',
      { config: { access: 'coverage.read' }, schema: { tags: coverageTags, summary: 'Abdeckung Gemeinde × Handlungsfeld', response: { 200: CoverageMatrix } } },
      async (request) => coverageMatrix(authed(request.ctx)),
    );
    app.get(
      '/api/v1/coverage/matrix.xlsx',
      { config: { access: 'coverage.read' }, schema: { tags: coverageTags, summary: 'Abdeckung als Excel-Datei' } },
      async (request, reply) => {
        const buffer = await coverageXlsx(authed(request.ctx), await service.issuerName(request.ctx));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="angebotsabdeckung.xlsx"')
          .send(buffer);
      },
    );
    app.get(
      '/api/v1/coverage/matrix.pdf',
      { config: { access: 'coverage.read' }, schema: { tags: coverageTags, summary: 'Abdeckung als PDF' } },
      async (request, reply) => {
        const buffer = await coveragePdf(authed(request.ctx), await service.issuerName(request.ctx));
        return reply.type('application/pdf').header('content-disposition', 'attachment; filename="angebotsabdeckung.pdf"').send(buffer);
      },
    );

    // ── Public directory ─────────────────────────────────────────────────────────────────────────────────────────
    app.get(
      '/api/v1/public/offers',
      {
        config: { access: 'public', rateLimit: PUBLIC_RATE },
        schema: { tags: publicTags, summary: 'Veröffentlichte Angebote suchen (ohne Anmeldung)', querystring: PublicOfferQuery, response: { 200: PublicOfferPage } },
      },
      async (request, reply) => {
        const page = await service.listPublicOffers(request.ctx, request.query);
        // Only successful answers may be cached: a 404 for a draft must not outlive its publication.
        reply.header('cache-control', 'public, max-age=60');
        return page;
      },
    );
    app.get(
      '/api/v1/public/offers/:id',
      {
        config: { access: 'public', rateLimit: PUBLIC_RATE },
        schema: { tags: publicTags, summary: 'Ein veröffentlichtes Angebot', params: IdParams, querystring: PublicDetailQuery, response: { 200: PublicOffer } },
      },
      async (request, reply) => {
        const offer = await service.getPublicOffer(request.ctx, request.params.id, request.query.lang);
        reply.header('cache-control', 'public, max-age=60');
        return offer;
      },
    );
    app.get(
      '/api/v1/public/offers/:id/calendar.ics',
      { config: { access: 'public', rateLimit: PUBLIC_RATE }, schema: { tags: publicTags, summary: 'Termine eines Angebots als iCalendar (RFC 5545)', params: IdParams } },
      async (request, reply) => {
        const row = await service.publicOfferRow(request.ctx, request.params.id);
        const first = row.locations[0];
        const place = first ? [first.label, first.street, [first.postalCode, first.city ?? gemeindeByAgs(first.ags)?.name].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null;
        const ics = offerCalendar(
          {
            id: row.id,
            title: row.title,
            description: row.description,
            schedule: row.schedule,
            location: place,
            validFrom: row.validFrom,
            validTo: row.validTo,
            updatedAt: row.updatedAt,
            createdAt: row.createdAt,
            url: `${baseUrl}/angebote/${row.id}`,
            provider: row.providerName,
          },
          host,
        );
        if (!ics) throw notFound('Für dieses Angebot gibt es keine Termine.');
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="angebot-${row.id}.ics"`)
          .header('cache-control', 'public, max-age=300')
          .send(ics);
      },
    );
    app.get(
      '/api/v1/public/gemeinden.geojson',
      {
        config: { access: 'public', rateLimit: PUBLIC_RATE },
        schema: { tags: publicTags, summary: 'Die Gemeinden des Kreises als GeoJSON mit Anzahl der Angebote', querystring: MapQuery, response: { 200: GemeindeFeatureCollection } },
      },
      async (request, reply) => {
        const collection = await service.gemeindenGeoJson(request.ctx, request.query);
        reply.header('cache-control', 'public, max-age=300');
        return collection;
      },
    );
    app.get(
      '/api/v1/public/open-data/angebote.json',
      { config: { access: 'public', rateLimit: EXPORT_RATE }, schema: { tags: publicTags, summary: 'Offene Daten: alle veröffentlichten Angebote (HSDS-JSON)' } },
      async (request, reply) => {
        const rows = await service.allPublicOffers(request.ctx);
        return reply
          .type('application/json; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .header('content-disposition', 'inline; filename="angebote.json"')
          .send(JSON.stringify(openDataJson(rows, baseUrl)));
      },
    );
    app.get(
      '/api/v1/public/open-data/angebote.csv',
      { config: { access: 'public', rateLimit: EXPORT_RATE }, schema: { tags: publicTags, summary: 'Offene Daten: alle veröffentlichten Angebote (CSV, UTF-8)' } },
      async (request, reply) => {
        const rows = await service.allPublicOffers(request.ctx);
        return reply
          .type('text/csv; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .header('content-disposition', 'attachment; filename="angebote.csv"')
          .send(openDataCsv(rows, baseUrl));
      },
    );

    registerPublicPages(app);
  },
};
