import {
  AKTEUR_KINDS,
  type AkteurProfileInput,
  type CreateOfferBody,
  type Handlungsfeld,
  type OfferListQuery,
  type OfferLocationInput,
  type OrganisationKind,
  type PublicLang,
  type TargetGroup,
  type UpdateOfferBody,
} from '@teilhabe/shared';
import type { AuthedContext, RequestContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import { DATA_ATTRIBUTION, gemeindeByAgs } from '../../seed/geo.js';
import * as organisationsService from '../organisations/organisations.service.js';
import { gemeindeShapes } from './directory.geo.js';
import { fourEyesViolation, statusAfterEdit } from './directory.policy.js';
import {
  gemeindeName,
  presentAkteur,
  presentAkteurListItem,
  presentContact,
  presentOffer,
  presentOfferListItem,
  presentPublicOffer,
} from './directory.presenter.js';
import * as repo from './directory.repository.js';

const OFFER_NOT_FOUND = 'Angebot nicht gefunden.';

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Places must lie in a Kommune of the Kreis; without coordinates the Gemeinde's centre stands in. */
async function resolveLocations(ctx: RequestContext, input: OfferLocationInput[]): Promise<repo.LocationValues[]> {
  const known = new Set((await repo.kommunen(ctx.tx)).map((k) => k.ags));
  return input.map((l, i) => {
    if (!known.has(l.ags)) throw fieldError(`locations.${i}.ags`, 'Diese Gemeinde gehört nicht zum Kreis.');
    const centroid = gemeindeByAgs(l.ags)?.centroid;
    const hasPoint = l.lat !== undefined && l.lon !== undefined;
    if (!hasPoint && !centroid) throw fieldError(`locations.${i}.lat`, 'Für diese Gemeinde ist kein Mittelpunkt bekannt; bitte Koordinaten angeben.');
    return {
      ags: l.ags,
      label: l.label || null,
      street: l.street || null,
      postalCode: l.postalCode ?? null,
      city: l.city || gemeindeName(l.ags),
      lat: hasPoint ? l.lat! : centroid!.lat,
      lon: hasPoint ? l.lon! : centroid!.lon,
      geocoded: hasPoint ? ('address' as const) : ('centroid' as const),
    };
  });
}

async function checkProvider(ctx: AuthedContext, organisationId: string) {
  const org = await repo.organisationEditable(ctx.tx, ctx.actor, organisationId);
  if (!org.exists || !org.editable) {
    throw fieldError('organisationId', 'Diese Organisation gibt es nicht oder sie liegt nicht in Ihrem Zuständigkeitsbereich.');
  }
}

async function checkContact(ctx: AuthedContext, contactPersonId: string | null | undefined) {
  if (!contactPersonId) return;
  const contact = await repo.findContact(ctx.tx, contactPersonId);
  const editable = contact ? (await repo.organisationEditable(ctx.tx, ctx.actor, contact.organisationId)).editable : false;
  if (!editable) throw fieldError('contactPersonId', 'Diese Kontaktperson gibt es nicht oder sie gehört zu keiner Ihrer Organisationen.');
}

function translationRows(input: UpdateOfferBody['translations']) {
  return Object.entries(input ?? {}).map(([lang, t]) => ({ lang, title: t!.title, description: t!.description }));
}

async function loadOffer(ctx: AuthedContext, id: string) {
  const row = await repo.findOffer(ctx.tx, ctx.actor, id);
  if (!row) throw notFound(OFFER_NOT_FOUND);
  // Sequential: the request's transaction is one connection.
  const translations = await repo.offerTranslationsOf(ctx.tx, id);
  const contact = row.contactPersonId ? await repo.findContact(ctx.tx, row.contactPersonId) : undefined;
  const fourEyes = await repo.readFourEyes(ctx.tx);
  return presentOffer(row, ctx.actor, { translations, contact, fourEyes: fourEyes.value });
}

/** The offer for a change: 404 when the actor may not see it or may not edit it (the existence of others' drafts stays hidden). */
async function editableOffer(ctx: AuthedContext, id: string) {
  const row = await repo.findOffer(ctx.tx, ctx.actor, id);
  if (!row || !row.inScope) throw notFound(OFFER_NOT_FOUND);
  return row;
}

// ── Offers (staff) ──────────────────────────────────────────────────────────────────────────────────────────────

export async function listOffers(ctx: AuthedContext, query: OfferListQuery) {
  const filter: repo.OfferFilter = {
    q: query.q?.trim() || undefined,
    ags: query.ags,
    handlungsfeld: query.handlungsfeld,
    language: query.language,
    targetGroup: query.targetGroup,
    statuses: query.status,
    organisationId: query.organisationId,
    reviewDue: query.reviewDue === undefined ? undefined : query.reviewDue === 'true',
  };
  const { items, total } = await repo.listOffers(ctx.tx, ctx.actor, filter, query.limit, query.offset);
  return { items: items.map((r) => presentOfferListItem(r, ctx.actor)), total, limit: query.limit, offset: query.offset };
}

export async function countOffersByGemeinde(ctx: AuthedContext, query: OfferListQuery) {
  const counts = await repo.countOffersByGemeinde(ctx.tx, ctx.actor, {
    q: query.q?.trim() || undefined,
    ags: query.ags,
    handlungsfeld: query.handlungsfeld,
    language: query.language,
    targetGroup: query.targetGroup,
    statuses: query.status,
    organisationId: query.organisationId,
  });
  const list = (await repo.kommunen(ctx.tx)).map((k) => ({ ags: k.ags, name: gemeindeName(k.ags) ?? k.name, count: counts.get(k.ags) ?? 0 }));
  return { total: list.reduce((s, k) => s + k.count, 0), byGemeinde: list };
}

export async function getOffer(ctx: AuthedContext, id: string) {
  return loadOffer(ctx, id);
}

export async function createOffer(ctx: AuthedContext, input: CreateOfferBody) {
  await checkProvider(ctx, input.organisationId);
  await checkContact(ctx, input.contactPersonId);
  const locations = await resolveLocations(ctx, input.locations);
  const { locations: _l, translations, ...fields } = input;
  const id = await repo.insertOffer(ctx.tx, {
    ...fields,
    status: 'draft',
    createdBy: ctx.actor.userId,
    updatedBy: ctx.actor.userId,
    lastReviewedAt: new Date(),
  });
  await repo.replaceLocations(ctx.tx, id, locations);
  await repo.replaceTranslations(ctx.tx, id, translationRows(translations));
  const view = await loadOffer(ctx, id);
  await ctx.audit.record({
    action: 'directory.offer_create',
    subjectType: 'offer',
    subjectId: id,
    details: { organisationId: input.organisationId, handlungsfelder: input.handlungsfelder, translations: Object.keys(translations) },
  });
  return view;
}

export async function updateOffer(ctx: AuthedContext, id: string, version: number, input: UpdateOfferBody) {
  const current = await editableOffer(ctx, id);
  if (input.organisationId && input.organisationId !== current.organisationId) await checkProvider(ctx, input.organisationId);
  if (input.contactPersonId) await checkContact(ctx, input.contactPersonId);
  // The merged ranges must still make sense when only one end is sent.
  const ageMin = input.ageMin !== undefined ? input.ageMin : current.ageMin;
  const ageMax = input.ageMax !== undefined ? input.ageMax : current.ageMax;
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) throw fieldError('ageMax', 'Höchstalter liegt unter dem Mindestalter');
  const validFrom = input.validFrom !== undefined ? input.validFrom : current.validFrom;
  const validTo = input.validTo !== undefined ? input.validTo : current.validTo;
  if (validFrom && validTo && validFrom > validTo) throw fieldError('validTo', '„Gültig bis“ liegt vor „Gültig ab“');
  const locations = input.locations ? await resolveLocations(ctx, input.locations) : undefined;
  const fourEyes = (await repo.readFourEyes(ctx.tx)).value;
  const status = statusAfterEdit(current.status, ctx.actor, fourEyes);
  const { locations: _l, translations, ...fields } = input;
  const ok = await repo.updateOffer(ctx.tx, id, version, {
    ...fields,
    status,
    ...(status !== current.status ? { publishedAt: null, publishedBy: null } : {}),
    updatedBy: ctx.actor.userId,
  });
  if (!ok) throw versionConflict();
  if (locations) await repo.replaceLocations(ctx.tx, id, locations);
  if (translations) await repo.replaceTranslations(ctx.tx, id, translationRows(translations));
  const view = await loadOffer(ctx, id);
  await ctx.audit.record({
    action: 'directory.offer_update',
    subjectType: 'offer',
    subjectId: id,
    details: { fields: Object.keys(input), ...(status !== current.status ? { status: { from: current.status, to: status } } : {}) },
  });
  return view;
}

export async function publishOffer(ctx: AuthedContext, id: string, version: number) {
  const current = await repo.findOffer(ctx.tx, ctx.actor, id);
  if (!current) throw notFound(OFFER_NOT_FOUND);
  if (current.status === 'published') throw conflict('Das Angebot ist bereits veröffentlicht.');
  if (current.validTo && current.validTo < new Date().toISOString().slice(0, 10)) {
    throw conflict('Das Angebot ist abgelaufen („Gültig bis“ liegt in der Vergangenheit) und kann nicht veröffentlicht werden.', { validTo: 'Abgelaufen' });
  }
  const fourEyes = (await repo.readFourEyes(ctx.tx)).value;
  if (fourEyesViolation({ fourEyes, actorId: ctx.actor.userId, lastEditorId: current.updatedBy, creatorId: current.createdBy })) {
    throw conflict('Vier-Augen-Prinzip: Wer das Angebot zuletzt bearbeitet hat, kann es nicht selbst veröffentlichen. Bitte eine zweite Person freigeben lassen.');
  }
  const ok = await repo.updateOffer(ctx.tx, id, version, { status: 'published', publishedAt: new Date(), publishedBy: ctx.actor.userId });
  if (!ok) throw versionConflict();
  const view = await loadOffer(ctx, id);
  await ctx.audit.record({ action: 'directory.offer_publish', subjectType: 'offer', subjectId: id, details: { from: current.status, fourEyes } });
  return view;
}

export async function archiveOffer(ctx: AuthedContext, id: string, version: number) {
  const current = await editableOffer(ctx, id);
  if (current.status === 'archived') throw conflict('Das Angebot ist bereits archiviert.');
  const ok = await repo.updateOffer(ctx.tx, id, version, { status: 'archived', updatedBy: ctx.actor.userId });
  if (!ok) throw versionConflict();
  const view = await loadOffer(ctx, id);
  await ctx.audit.record({ action: 'directory.offer_archive', subjectType: 'offer', subjectId: id, details: { from: current.status } });
  return view;
}

/** The provider confirms that the offer's data are still correct: the 6-month review clock starts again. */
export async function markOfferReviewed(ctx: AuthedContext, id: string, version: number) {
  const current = await editableOffer(ctx, id);
  if (current.status === 'archived') throw conflict('Archivierte Angebote werden nicht mehr geprüft.');
  const ok = await repo.updateOffer(ctx.tx, id, version, { lastReviewedAt: new Date(), reviewReminderSentAt: null });
  if (!ok) throw versionConflict();
  const view = await loadOffer(ctx, id);
  await ctx.audit.record({ action: 'directory.offer_review', subjectType: 'offer', subjectId: id });
  return view;
}

/** A Kommune or provider asks the KI to publish a draft: every coordinator and the lead are notified. */
export async function requestPublication(ctx: AuthedContext, id: string) {
  const current = await editableOffer(ctx, id);
  if (current.status !== 'draft') throw conflict('Nur Entwürfe können zur Veröffentlichung gegeben werden.');
  const recipients = (await repo.usersWithRole(ctx.tx, ['coordinator', 'lead'])).filter((u) => u !== ctx.actor.userId);
  await repo.notifyUsers(
    ctx.tx,
    recipients.map((userId) => ({
      userId,
      kind: 'directory.publication_requested',
      title: `Angebot zur Freigabe: ${current.title.slice(0, 120)}`,
      body: `${current.providerName} bittet um Veröffentlichung.`,
      link: `/netzwerk/angebote/${id}`,
    })),
  );
  await ctx.audit.record({ action: 'directory.offer_publication_requested', subjectType: 'offer', subjectId: id, details: { notified: recipients.length } });
  return { ok: true as const, notified: recipients.length };
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────────────────

export async function getSettings(ctx: AuthedContext) {
  const s = await repo.readFourEyes(ctx.tx);
  return { fourEyes: s.value, version: s.version };
}

export async function updateSettings(ctx: AuthedContext, version: number, input: { fourEyes: boolean }) {
  if (!(await repo.writeFourEyes(ctx.tx, input.fourEyes, version))) throw versionConflict();
  const s = await repo.readFourEyes(ctx.tx);
  await ctx.audit.record({ action: 'directory.settings_update', subjectType: 'setting', subjectId: repo.FOUR_EYES_KEY, details: { fourEyes: input.fourEyes } });
  return { fourEyes: s.value, version: s.version };
}

// ── Akteure ─────────────────────────────────────────────────────────────────────────────────────────────────────

export async function listAkteure(ctx: AuthedContext, q: { q?: string; kind?: OrganisationKind; ags?: string; limit: number; offset: number }) {
  const { items, total } = await repo.listAkteure(ctx.tx, ctx.actor, q, q.limit, q.offset);
  return { items: items.map((r) => presentAkteurListItem(r, ctx.actor)), total, limit: q.limit, offset: q.offset };
}

async function loadAkteur(ctx: AuthedContext, id: string) {
  const row = await repo.findAkteur(ctx.tx, ctx.actor, id);
  if (!row) throw notFound('Akteur nicht gefunden.');
  const profile = await repo.findProfile(ctx.tx, id);
  const contacts = await repo.contactsOf(ctx.tx, id);
  return presentAkteur(row, ctx.actor, profile, contacts);
}

export async function getAkteur(ctx: AuthedContext, id: string) {
  return loadAkteur(ctx, id);
}

function checkProfileAgs(ags: string | null) {
  if (ags && !gemeindeByAgs(ags)) throw fieldError('profile.ags', 'Diesen Gemeindeschlüssel gibt es in NRW nicht.');
}

/** A new Akteur of the network: an organisation below one the actor may edit, with its directory profile. */
export async function createAkteur(ctx: AuthedContext, input: { parentId: string; kind: OrganisationKind; name: string; profile: AkteurProfileInput }) {
  if (!(AKTEUR_KINDS as readonly string[]).includes(input.kind) || input.kind === 'kommune') {
    throw fieldError('kind', 'Kommunen und der Kreis stammen aus den amtlichen Daten und werden hier nicht angelegt.');
  }
  const parent = await repo.organisationEditable(ctx.tx, ctx.actor, input.parentId);
  if (!parent.exists || !parent.editable) throw fieldError('parentId', 'Diese Organisation gibt es nicht oder sie liegt nicht in Ihrem Zuständigkeitsbereich.');
  checkProfileAgs(input.profile.ags);
  const org = await organisationsService.createOrganisation(ctx, { parentId: input.parentId, kind: input.kind, name: input.name });
  await repo.saveProfile(ctx.tx, org.id, 0, input.profile);
  const view = await loadAkteur(ctx, org.id);
  await ctx.audit.record({ action: 'directory.akteur_create', subjectType: 'organisation', subjectId: org.id, details: { kind: input.kind } });
  return view;
}

async function editableAkteur(ctx: AuthedContext, id: string) {
  const row = await repo.findAkteur(ctx.tx, ctx.actor, id);
  if (!row || !row.editable) throw notFound('Akteur nicht gefunden.');
  return row;
}

export async function saveAkteurProfile(ctx: AuthedContext, id: string, version: number, input: AkteurProfileInput) {
  await editableAkteur(ctx, id);
  checkProfileAgs(input.ags);
  if (!(await repo.saveProfile(ctx.tx, id, version, input))) throw versionConflict();
  const view = await loadAkteur(ctx, id);
  await ctx.audit.record({ action: 'directory.akteur_profile_update', subjectType: 'organisation', subjectId: id, details: { created: version === 0 } });
  return view;
}

export async function addContact(
  ctx: AuthedContext,
  organisationId: string,
  input: { name: string; role: string; weeklyHours: number | null; email: string | null; phone: string | null; isPublic: boolean },
) {
  await editableAkteur(ctx, organisationId);
  const row = await repo.insertContact(ctx.tx, { ...input, organisationId });
  await ctx.audit.record({ action: 'directory.contact_create', subjectType: 'contact', subjectId: row.id, details: { organisationId, isPublic: row.isPublic } });
  return presentContact(row, true);
}

async function editableContact(ctx: AuthedContext, id: string) {
  const row = await repo.findContact(ctx.tx, id);
  if (!row || !(await repo.organisationEditable(ctx.tx, ctx.actor, row.organisationId)).editable) throw notFound('Kontaktperson nicht gefunden.');
  return row;
}

export async function updateContact(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: Partial<{ name: string; role: string; weeklyHours: number | null; email: string | null; phone: string | null; isPublic: boolean }>,
) {
  await editableContact(ctx, id);
  const row = await repo.updateContact(ctx.tx, id, version, input);
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'directory.contact_update', subjectType: 'contact', subjectId: id, details: { fields: Object.keys(input) } });
  return presentContact(row, true);
}

export async function deleteContact(ctx: AuthedContext, id: string, version: number) {
  const row = await editableContact(ctx, id);
  if (!(await repo.deleteContact(ctx.tx, id, version))) throw versionConflict();
  await ctx.audit.record({ action: 'directory.contact_delete', subjectType: 'contact', subjectId: id, details: { organisationId: row.organisationId } });
  return { ok: true as const };
}

// ── Public directory ────────────────────────────────────────────────────────────────────────────────────────────

export interface PublicQuery {
  q?: string;
  ags?: string;
  handlungsfeld?: Handlungsfeld;
  language?: string;
  targetGroup?: TargetGroup;
  lang: PublicLang;
  limit: number;
  offset: number;
}

function publicFilter(q: PublicQuery): repo.OfferFilter {
  return { q: q.q?.trim() || undefined, ags: q.ags, handlungsfeld: q.handlungsfeld, language: q.language, targetGroup: q.targetGroup };
}

export async function listPublicOffers(ctx: RequestContext, q: PublicQuery) {
  const filter = publicFilter(q);
  const { items, total, byGemeinde: counts } = await repo.listPublicOffers(ctx.tx, q.lang, filter, q.limit, q.offset);
  const list = await repo.kommunen(ctx.tx);
  return {
    items: items.map((r) => presentPublicOffer(r, q.lang)),
    total,
    limit: q.limit,
    offset: q.offset,
    byGemeinde: list.map((k) => ({ ags: k.ags, name: gemeindeName(k.ags) ?? k.name, count: counts.get(k.ags) ?? 0 })),
    attribution: DATA_ATTRIBUTION,
  };
}

export async function getPublicOffer(ctx: RequestContext, id: string, lang: PublicLang) {
  const row = await repo.findPublicOffer(ctx.tx, lang, id);
  if (!row) throw notFound(OFFER_NOT_FOUND);
  return presentPublicOffer(row, lang);
}

export async function publicOfferRow(ctx: RequestContext, id: string) {
  const row = await repo.findPublicOffer(ctx.tx, 'de', id);
  if (!row) throw notFound(OFFER_NOT_FOUND);
  return row;
}

export async function allPublicOffers(ctx: RequestContext) {
  return repo.allPublicOffers(ctx.tx);
}

/** The Kreis' Gemeinden as GeoJSON with the number of published offers (optionally of one Handlungsfeld). */
export async function gemeindenGeoJson(ctx: RequestContext, filter: { handlungsfeld?: Handlungsfeld; q?: string; language?: string; targetGroup?: TargetGroup }) {
  const list = await repo.kommunen(ctx.tx);
  const counts = await repo.countOffersByGemeinde(ctx.tx, null, { ...filter, q: filter.q?.trim() || undefined });
  const shapes = gemeindeShapes();
  const features = list.flatMap((k) => {
    const shape = shapes.get(k.ags);
    const g = gemeindeByAgs(k.ags);
    if (!shape || !g) return [];
    return [
      {
        type: 'Feature' as const,
        id: k.ags,
        properties: { ags: k.ags, name: g.name, population: g.population, offers: counts.get(k.ags) ?? 0 },
        geometry: { type: shape.type, coordinates: shape.coordinates as unknown[] },
      },
    ];
  });
  const boxes = list.map((k) => shapes.get(k.ags)?.bbox).filter((b): b is [number, number, number, number] => !!b);
  const bbox: [number, number, number, number] = boxes.length
    ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
    : [0, 0, 0, 0];
  return { type: 'FeatureCollection' as const, attribution: DATA_ATTRIBUTION, bbox, features };
}

/** "Kommunales Integrationszentrum <Kreis>" for the header of exports. */
export async function issuerName(ctx: RequestContext): Promise<string> {
  const kreis = await repo.kreisName(ctx.tx);
  return kreis ? `Kommunales Integrationszentrum – ${kreis}` : 'Kommunales Integrationszentrum';
}

// ── Coverage data (used by coverage.service) ────────────────────────────────────────────────────────────────────

export async function coverageData(ctx: AuthedContext) {
  const list = await repo.kommunen(ctx.tx);
  const counts = await repo.coverageCounts(ctx.tx);
  const totals = await repo.coverageTotals(ctx.tx);
  const duplicates = await repo.possibleDuplicates(ctx.tx);
  return { kommunen: list, counts, totals, duplicates };
}

// ── Review reminders (scheduled job) ────────────────────────────────────────────────────────────────────────────

/** Tells providers whose offers have not been confirmed for 6 months; run daily by the `directory-review-reminders` job. */
export async function sendReviewReminders(ctx: RequestContext): Promise<number> {
  const due = await repo.claimDueReviewReminders(ctx.tx);
  const rows = due.flatMap((d) =>
    d.userIds.map((userId) => ({
      userId,
      kind: 'directory.review_due',
      title: `Angebot prüfen: ${d.title.slice(0, 120)}`,
      body: 'Die Angaben wurden seit sechs Monaten nicht bestätigt. Bitte prüfen und als geprüft markieren.',
      link: `/netzwerk/angebote/${d.offerId}`,
    })),
  );
  await repo.notifyUsers(ctx.tx, rows);
  if (due.length) {
    await ctx.audit.record({ action: 'directory.review_reminders_sent', details: { offers: due.length, notifications: rows.length } });
  }
  return due.length;
}
