import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Handlungsfeld, OfferStatus, Schedule, TargetGroup, TranslationLang } from '@teilhabe/shared';
import type { Actor } from '../../platform/access/actor.js';
import { organisationSubtree } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notifications, settings } from '../../platform/db/schema.js';
import { directoryContacts, directoryProfiles, offerLocations, offers, offerTranslations } from './directory.schema.js';
import { editsWholeDirectory } from './directory.policy.js';

// ── Scope ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** Offers (alias `o`) the actor may change: all for the KI's directory staff, else those of their organisation subtree. */
function offerEditScope(actor: Actor): SQL {
  return editsWholeDirectory(actor) ? sql`true` : sql`o.organisation_id IN ${organisationSubtree(actor)}`;
}

/** Offers the actor may see: every published offer, plus drafts and archived ones they may edit. */
function offerReadScope(actor: Actor): SQL {
  return sql`(o.status = 'published' OR ${offerEditScope(actor)})`;
}

/** Organisations (alias `org`) whose directory entry the actor may change. */
function organisationEditScope(actor: Actor): SQL {
  return editsWholeDirectory(actor) ? sql`true` : sql`org.id IN ${organisationSubtree(actor)}`;
}

// ── Offers: reading ─────────────────────────────────────────────────────────────────────────────────────────────

export interface OfferFilter {
  q?: string;
  ags?: string;
  handlungsfeld?: Handlungsfeld;
  language?: string;
  targetGroup?: TargetGroup;
  statuses?: OfferStatus[];
  organisationId?: string;
  reviewDue?: boolean;
}

export interface OfferLocationRow {
  id: string;
  ags: string;
  label: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  lat: number;
  lon: number;
  geocoded: 'address' | 'centroid';
}

export interface OfferRow {
  id: string;
  organisationId: string;
  providerName: string;
  providerKind: string;
  status: OfferStatus;
  title: string;
  description: string;
  handlungsfelder: string[];
  targetGroups: string[];
  ageMin: number | null;
  ageMax: number | null;
  genders: string[];
  residenceStatuses: string[];
  languages: string[];
  costKind: string;
  costCents: number | null;
  costNote: string;
  schedule: Schedule;
  barrierFree: string;
  registrationRequired: boolean;
  registrationNote: string;
  contactPersonId: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  validFrom: string | null;
  validTo: string | null;
  internalNote: string;
  lastReviewedAt: Date | null;
  reviewReminderSentAt: Date | null;
  publishedAt: Date | null;
  createdBy: string | null;
  updatedBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  locations: OfferLocationRow[];
  translationLangs: TranslationLang[];
  inScope: boolean;
}

const REVIEW_DUE = sql`(coalesce(o.last_reviewed_at, o.created_at) + interval '6 months' <= now())`;

const offerColumns = sql`
  o.id, o.organisation_id AS "organisationId", org.name AS "providerName", org.kind AS "providerKind", o.status, o.title,
  o.description, o.handlungsfelder, o.target_groups AS "targetGroups", o.age_min AS "ageMin", o.age_max AS "ageMax", o.genders,
  o.residence_statuses AS "residenceStatuses", o.languages, o.cost_kind AS "costKind", o.cost_cents AS "costCents",
  o.cost_note AS "costNote", o.schedule, o.barrier_free AS "barrierFree", o.registration_required AS "registrationRequired",
  o.registration_note AS "registrationNote", o.contact_person_id AS "contactPersonId", o.contact_email AS "contactEmail",
  o.contact_phone AS "contactPhone", o.website, o.valid_from AS "validFrom", o.valid_to AS "validTo",
  o.internal_note AS "internalNote", o.last_reviewed_at AS "lastReviewedAt", o.review_reminder_sent_at AS "reviewReminderSentAt",
  o.published_at AS "publishedAt", o.created_by AS "createdBy", o.updated_by AS "updatedBy", o.version,
  o.created_at AS "createdAt", o.updated_at AS "updatedAt",
  coalesce((SELECT json_agg(json_build_object('id', l.id, 'ags', l.ags, 'label', l.label, 'street', l.street, 'postalCode', l.postal_code,
            'city', l.city, 'lat', l.lat, 'lon', l.lon, 'geocoded', l.geocoded) ORDER BY l.position)
            FROM offer_locations l WHERE l.offer_id = o.id), '[]'::json) AS locations,
  coalesce((SELECT array_agg(t.lang ORDER BY t.lang) FROM offer_translations t WHERE t.offer_id = o.id), '{}') AS "translationLangs"`;

function hydrateOffer(row: Record<string, unknown>): OfferRow {
  const d = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string));
  return {
    ...(row as unknown as OfferRow),
    lastReviewedAt: d(row.lastReviewedAt),
    reviewReminderSentAt: d(row.reviewReminderSentAt),
    publishedAt: d(row.publishedAt),
    createdAt: d(row.createdAt)!,
    updatedAt: d(row.updatedAt)!,
  };
}

const INFLECTIONS = ['innen', 'ern', 'nen', 'en', 'er', 'es', 'em', 'e', 'n', 's'];

/**
 * Letters and digits of a search text as a tsquery: each word as a prefix, OR'd with its forms without a German inflection
 * ending. The Snowball stemmer strips one suffix only, so "Sprachkurse" → `sprachkurs` but "Sprachkurs" → `sprachkur`;
 * the variant "sprachkurs" (without the e) brings both together. Null when no word is left.
 */
export function prefixTsQuery(q: string): string | null {
  const terms = [...new Set(q.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 8);
  if (!terms.length) return null;
  return terms
    .map((t) => {
      const variants = INFLECTIONS.filter((s) => t.endsWith(s) && t.length - s.length >= 4).map((s) => t.slice(0, -s.length));
      return variants.length ? `(${[`${t}:*`, ...new Set(variants)].join(' | ')})` : `${t}:*`;
    })
    .join(' & ');
}

/** The search condition on offers `o`: German stemming on the German text, plain words on translations, substring on the title. */
function searchCondition(q: string): SQL | null {
  const query = prefixTsQuery(q);
  if (!query) return null;
  const like = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // A UNION of three index lookups (GIN tsvector, GIN tsvector of translations, GIN trigram) instead of one OR filter.
  return sql`o.id IN (
    SELECT s.id FROM offers s WHERE s.search_vector @@ to_tsquery('german', ${query})
    UNION SELECT st.offer_id FROM offer_translations st WHERE st.search_vector @@ to_tsquery('simple', ${query})
    UNION SELECT s.id FROM offers s WHERE s.title ILIKE ${like})`;
}

function searchRank(q: string | undefined): SQL {
  const query = q ? prefixTsQuery(q) : null;
  return query ? sql`ts_rank(o.search_vector, to_tsquery('german', ${query}))` : sql`0`;
}

/** Conditions shared by the staff list, the public list and the map counts. */
export function filterConditions(f: OfferFilter): SQL[] {
  const where: SQL[] = [];
  if (f.q) {
    const c = searchCondition(f.q);
    if (c) where.push(c);
  }
  if (f.ags) where.push(sql`EXISTS (SELECT 1 FROM offer_locations fl WHERE fl.offer_id = o.id AND fl.ags = ${f.ags})`);
  if (f.handlungsfeld) where.push(sql`o.handlungsfelder @> ARRAY[${f.handlungsfeld}]::text[]`);
  if (f.language) where.push(sql`o.languages @> ARRAY[${f.language}]::text[]`);
  // An offer without target groups is open to everyone.
  if (f.targetGroup) where.push(sql`(o.target_groups @> ARRAY[${f.targetGroup}]::text[] OR cardinality(o.target_groups) = 0)`);
  if (f.statuses?.length) where.push(sql`o.status IN (${sql.join(f.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (f.organisationId) where.push(sql`o.organisation_id = ${f.organisationId}`);
  if (f.reviewDue !== undefined) where.push(f.reviewDue ? sql`(o.status <> 'archived' AND ${REVIEW_DUE})` : sql`NOT ${REVIEW_DUE}`);
  return where;
}

const and_ = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` AND `) : sql`true`);

async function countWhere(db: DbOrTx, where: SQL): Promise<number> {
  const result = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM offers o WHERE ${where}`);
  return result.rows[0]?.total ?? 0;
}

export async function listOffers(db: DbOrTx, actor: Actor, f: OfferFilter, limit: number, offset: number) {
  const where = and_([offerReadScope(actor), ...filterConditions(f)]);
  const rank = f.q ? searchRank(f.q) : sql`0`;
  // Rank, count (window) and cut the page on bare rows first; the columns with subqueries are built for the page only.
  const rows = await db.execute(sql`
    WITH page AS (
      SELECT o.id, ${rank} AS rank, o.title AS sort_title, o.updated_at AS sort_updated, count(*) OVER ()::int AS total
      FROM offers o WHERE ${where}
      ORDER BY rank DESC, ${f.q ? sql`o.title` : sql`o.updated_at DESC`}, o.id LIMIT ${limit} OFFSET ${offset}
    )
    SELECT ${offerColumns}, ${offerEditScope(actor)} AS "inScope", page.total AS "totalCount"
    FROM offers o JOIN organisations org ON org.id = o.organisation_id JOIN page ON page.id = o.id
    ORDER BY page.rank DESC, ${f.q ? sql`page.sort_title` : sql`page.sort_updated DESC`}, o.id`);
  const total = rows.rows.length ? Number(rows.rows[0]!.totalCount) : offset > 0 ? await countWhere(db, where) : 0;
  return { items: rows.rows.map(hydrateOffer), total };
}

export async function countOffersByGemeinde(db: DbOrTx, actor: Actor | null, f: OfferFilter): Promise<Map<string, number>> {
  const where = and_([actor ? offerReadScope(actor) : publicScope(), ...filterConditions(f)]);
  const result = await db.execute<{ ags: string; n: number }>(sql`
    SELECT l.ags, count(DISTINCT o.id)::int AS n FROM offers o JOIN offer_locations l ON l.offer_id = o.id WHERE ${where} GROUP BY l.ags`);
  return new Map(result.rows.map((r) => [r.ags, r.n]));
}

export async function findOffer(db: DbOrTx, actor: Actor, id: string): Promise<OfferRow | undefined> {
  const result = await db.execute(sql`SELECT ${offerColumns}, ${offerEditScope(actor)} AS "inScope"
    FROM offers o JOIN organisations org ON org.id = o.organisation_id WHERE o.id = ${id} AND ${offerReadScope(actor)}`);
  return result.rows[0] ? hydrateOffer(result.rows[0]) : undefined;
}

export async function offerTranslationsOf(db: DbOrTx, offerId: string) {
  return db
    .select({ lang: offerTranslations.lang, title: offerTranslations.title, description: offerTranslations.description })
    .from(offerTranslations)
    .where(eq(offerTranslations.offerId, offerId))
    .orderBy(offerTranslations.lang);
}

// ── Offers: writing ─────────────────────────────────────────────────────────────────────────────────────────────

export type OfferValues = Omit<typeof offers.$inferInsert, 'id' | 'searchVector' | 'version' | 'createdAt' | 'updatedAt'>;
export type LocationValues = Omit<typeof offerLocations.$inferInsert, 'id' | 'offerId' | 'position'>;

export async function insertOffer(db: DbOrTx, values: OfferValues): Promise<string> {
  const [row] = await db.insert(offers).values(values).returning({ id: offers.id });
  return row!.id;
}

/** Updates only when the stored version is the one the client saw; false on a version conflict. */
export async function updateOffer(db: DbOrTx, id: string, version: number, values: Partial<OfferValues>): Promise<boolean> {
  const rows = await db
    .update(offers)
    .set({ ...values, version: sql`${offers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(offers.id, id), eq(offers.version, version)))
    .returning({ id: offers.id });
  return rows.length === 1;
}

export async function replaceLocations(db: DbOrTx, offerId: string, locations: LocationValues[]) {
  await db.delete(offerLocations).where(eq(offerLocations.offerId, offerId));
  if (locations.length) await db.insert(offerLocations).values(locations.map((l, position) => ({ ...l, offerId, position })));
}

export async function replaceTranslations(db: DbOrTx, offerId: string, translations: { lang: string; title: string; description: string }[]) {
  await db.delete(offerTranslations).where(eq(offerTranslations.offerId, offerId));
  if (translations.length) await db.insert(offerTranslations).values(translations.map((t) => ({ ...t, offerId })));
}

/** Whether an organisation exists and lies in the actor's edit scope. */
export async function organisationEditable(db: DbOrTx, actor: Actor, organisationId: string): Promise<{ exists: boolean; editable: boolean }> {
  const result = await db.execute<{ editable: boolean }>(
    sql`SELECT ${organisationEditScope(actor)} AS editable FROM organisations org WHERE org.id = ${organisationId}`,
  );
  const row = result.rows[0];
  return { exists: !!row, editable: !!row?.editable };
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────────────────

export const FOUR_EYES_KEY = 'directory.four_eyes';

export async function readFourEyes(db: DbOrTx): Promise<{ value: boolean; version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, FOUR_EYES_KEY));
  return { value: row?.value === true, version: row?.version ?? 0 };
}

export async function writeFourEyes(db: DbOrTx, value: boolean, version: number): Promise<boolean> {
  if (version === 0) {
    const rows = await db.insert(settings).values({ key: FOUR_EYES_KEY, value }).onConflictDoNothing().returning({ key: settings.key });
    return rows.length === 1;
  }
  const rows = await db
    .update(settings)
    .set({ value, version: sql`${settings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(settings.key, FOUR_EYES_KEY), eq(settings.version, version)))
    .returning({ key: settings.key });
  return rows.length === 1;
}

// ── Contacts ────────────────────────────────────────────────────────────────────────────────────────────────────

export type ContactRow = typeof directoryContacts.$inferSelect;

export async function contactsOf(db: DbOrTx, organisationId: string): Promise<ContactRow[]> {
  return db.select().from(directoryContacts).where(eq(directoryContacts.organisationId, organisationId)).orderBy(directoryContacts.name);
}

export async function findContact(db: DbOrTx, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(directoryContacts).where(eq(directoryContacts.id, id));
  return row;
}

export async function insertContact(db: DbOrTx, values: Omit<typeof directoryContacts.$inferInsert, 'id'>): Promise<ContactRow> {
  const [row] = await db.insert(directoryContacts).values(values).returning();
  return row!;
}

export async function updateContact(db: DbOrTx, id: string, version: number, values: Partial<typeof directoryContacts.$inferInsert>) {
  const [row] = await db
    .update(directoryContacts)
    .set({ ...values, version: sql`${directoryContacts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(directoryContacts.id, id), eq(directoryContacts.version, version)))
    .returning();
  return row;
}

export async function deleteContact(db: DbOrTx, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(directoryContacts)
    .where(and(eq(directoryContacts.id, id), eq(directoryContacts.version, version)))
    .returning({ id: directoryContacts.id });
  return rows.length === 1;
}

// ── Akteure ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface AkteurRow {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  ags: string | null;
  active: boolean;
  offerCount: number;
  contactCount: number;
  editable: boolean;
}

export async function listAkteure(
  db: DbOrTx,
  actor: Actor,
  f: { q?: string; kind?: string; ags?: string },
  limit: number,
  offset: number,
): Promise<{ items: AkteurRow[]; total: number }> {
  const where: SQL[] = [sql`org.kind <> 'team'`];
  if (f.kind) where.push(sql`org.kind = ${f.kind}`);
  if (f.ags) where.push(sql`coalesce(p.ags, org.ags) = ${f.ags}`);
  if (f.q?.trim()) where.push(sql`org.name ILIKE ${`%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const cond = and_(where);
  // Sequential on purpose: one transaction is one connection, and pg queues (and will refuse) concurrent queries on it.
  const rows = await db.execute(sql`
      SELECT org.id, org.parent_id AS "parentId", org.kind, org.name, coalesce(p.ags, org.ags) AS ags, org.active,
             (SELECT count(*)::int FROM offers o WHERE o.organisation_id = org.id AND o.status <> 'archived') AS "offerCount",
             (SELECT count(*)::int FROM directory_contacts c WHERE c.organisation_id = org.id) AS "contactCount",
             ${organisationEditScope(actor)} AS editable
      FROM organisations org LEFT JOIN directory_profiles p ON p.organisation_id = org.id
      WHERE ${cond} ORDER BY (org.kind = 'kreis') DESC, (org.kind = 'kommune') DESC, org.name LIMIT ${limit} OFFSET ${offset}`);
  const count = await db.execute<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM organisations org LEFT JOIN directory_profiles p ON p.organisation_id = org.id WHERE ${cond}`,
  );
  return { items: rows.rows as unknown as AkteurRow[], total: count.rows[0]?.total ?? 0 };
}

export async function findAkteur(db: DbOrTx, actor: Actor, id: string): Promise<AkteurRow | undefined> {
  const result = await db.execute(sql`
    SELECT org.id, org.parent_id AS "parentId", org.kind, org.name, coalesce(p.ags, org.ags) AS ags, org.active,
           (SELECT count(*)::int FROM offers o WHERE o.organisation_id = org.id AND o.status <> 'archived') AS "offerCount",
           (SELECT count(*)::int FROM directory_contacts c WHERE c.organisation_id = org.id) AS "contactCount",
           ${organisationEditScope(actor)} AS editable
    FROM organisations org LEFT JOIN directory_profiles p ON p.organisation_id = org.id WHERE org.id = ${id}`);
  return result.rows[0] as unknown as AkteurRow | undefined;
}

export type ProfileRow = typeof directoryProfiles.$inferSelect;

export async function findProfile(db: DbOrTx, organisationId: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(directoryProfiles).where(eq(directoryProfiles.organisationId, organisationId));
  return row;
}

/** Creates the profile (version 0 = none yet) or updates it at the version the client saw; undefined on a conflict. */
export async function saveProfile(
  db: DbOrTx,
  organisationId: string,
  version: number,
  values: Omit<typeof directoryProfiles.$inferInsert, 'organisationId' | 'version' | 'createdAt' | 'updatedAt'>,
): Promise<ProfileRow | undefined> {
  if (version === 0) {
    const [row] = await db.insert(directoryProfiles).values({ ...values, organisationId }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(directoryProfiles)
    .set({ ...values, version: sql`${directoryProfiles.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(directoryProfiles.organisationId, organisationId), eq(directoryProfiles.version, version)))
    .returning();
  return row;
}

// ── Public ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The only offers the public ever sees: published and not expired. */
function publicScope(): SQL {
  return sql`(o.status = 'published' AND (o.valid_to IS NULL OR o.valid_to >= current_date))`;
}

export interface PublicOfferRow extends Omit<OfferRow, 'internalNote' | 'inScope' | 'createdBy' | 'updatedBy' | 'reviewReminderSentAt'> {
  translatedTitle: string | null;
  translatedDescription: string | null;
  contactName: string | null;
  contactRole: string | null;
  contactPersonEmail: string | null;
  contactPersonPhone: string | null;
}

// Deliberately its own column list: no internal note, no editor ids, and the contact person only when marked public.
const publicColumns = (lang: string) => sql`
  o.id, o.organisation_id AS "organisationId", org.name AS "providerName", org.kind AS "providerKind", o.status, o.title,
  o.description, o.handlungsfelder, o.target_groups AS "targetGroups", o.age_min AS "ageMin", o.age_max AS "ageMax", o.genders,
  o.residence_statuses AS "residenceStatuses", o.languages, o.cost_kind AS "costKind", o.cost_cents AS "costCents",
  o.cost_note AS "costNote", o.schedule, o.barrier_free AS "barrierFree", o.registration_required AS "registrationRequired",
  o.registration_note AS "registrationNote", o.contact_email AS "contactEmail", o.contact_phone AS "contactPhone", o.website,
  o.valid_from AS "validFrom", o.valid_to AS "validTo", o.last_reviewed_at AS "lastReviewedAt", o.published_at AS "publishedAt",
  o.version, o.created_at AS "createdAt", o.updated_at AS "updatedAt",
  tr.title AS "translatedTitle", tr.description AS "translatedDescription",
  c.name AS "contactName", c.role AS "contactRole", c.email AS "contactPersonEmail", c.phone AS "contactPersonPhone",
  coalesce((SELECT json_agg(json_build_object('id', l.id, 'ags', l.ags, 'label', l.label, 'street', l.street, 'postalCode', l.postal_code,
            'city', l.city, 'lat', l.lat, 'lon', l.lon, 'geocoded', l.geocoded) ORDER BY l.position)
            FROM offer_locations l WHERE l.offer_id = o.id), '[]'::json) AS locations,
  '{}'::text[] AS "translationLangs", ${lang}::text AS "requestedLang"`;

const publicFrom = (lang: string) => sql`
  FROM offers o JOIN organisations org ON org.id = o.organisation_id
  LEFT JOIN offer_translations tr ON tr.offer_id = o.id AND tr.lang = ${lang}
  LEFT JOIN directory_contacts c ON c.id = o.contact_person_id AND c.is_public`;

function hydratePublic(row: Record<string, unknown>): PublicOfferRow {
  return hydrateOffer(row) as unknown as PublicOfferRow;
}

/**
 * The public list in one statement: the matches of all filters but the Gemeinde are computed once (`m`), then give the
 * page (with the Gemeinde filter), the total and the counts per Gemeinde for the map. The expensive columns are built
 * for the page's rows only.
 */
export async function listPublicOffers(db: DbOrTx, lang: string, f: OfferFilter, limit: number, offset: number) {
  const where = and_([publicScope(), ...filterConditions({ ...f, ags: undefined })]);
  const rank = f.q ? searchRank(f.q) : sql`0`;
  const inGemeinde = f.ags ? sql`EXISTS (SELECT 1 FROM offer_locations gl WHERE gl.offer_id = m.id AND gl.ags = ${f.ags})` : sql`true`;
  const rows = await db.execute(sql`
    WITH m AS MATERIALIZED (SELECT o.id, o.title, ${rank} AS rank FROM offers o WHERE ${where}),
    hits AS (SELECT m.* FROM m WHERE ${inGemeinde}),
    page AS (SELECT id, rank, title AS sort_title FROM hits ORDER BY rank DESC, title, id LIMIT ${limit} OFFSET ${offset})
    SELECT ${publicColumns(lang)},
      (SELECT count(*)::int FROM hits) AS "totalCount",
      (SELECT coalesce(json_object_agg(x.ags, x.n), '{}'::json) FROM (
         SELECT l.ags, count(DISTINCT m.id)::int AS n FROM m JOIN offer_locations l ON l.offer_id = m.id GROUP BY l.ags) x) AS "byGemeinde"
    ${publicFrom(lang)} JOIN page ON page.id = o.id
    ORDER BY page.rank DESC, page.sort_title, o.id`);
  if (!rows.rows.length) {
    // An empty page (no hits, or past the end) carries no row for the totals: ask for them on their own.
    return { items: [], total: f.ags || offset > 0 ? await countWhere(db, and_([publicScope(), ...filterConditions(f)])) : 0, byGemeinde: await countOffersByGemeinde(db, null, { ...f, ags: undefined }) };
  }
  const first = rows.rows[0]!;
  return {
    items: rows.rows.map(hydratePublic),
    total: Number(first.totalCount),
    byGemeinde: new Map(Object.entries(first.byGemeinde as Record<string, number>)),
  };
}

export async function findPublicOffer(db: DbOrTx, lang: string, id: string): Promise<PublicOfferRow | undefined> {
  const result = await db.execute(sql`SELECT ${publicColumns(lang)} ${publicFrom(lang)} WHERE o.id = ${id} AND ${publicScope()}`);
  return result.rows[0] ? hydratePublic(result.rows[0]) : undefined;
}

/** Every published offer for the open-data export, with all translations. */
export async function allPublicOffers(db: DbOrTx): Promise<(PublicOfferRow & { translations: { lang: string; title: string; description: string }[] })[]> {
  const result = await db.execute(sql`SELECT ${publicColumns('de')},
      coalesce((SELECT json_agg(json_build_object('lang', t.lang, 'title', t.title, 'description', t.description) ORDER BY t.lang)
                FROM offer_translations t WHERE t.offer_id = o.id), '[]'::json) AS translations
    ${publicFrom('de')} WHERE ${publicScope()} ORDER BY o.title, o.id`);
  return result.rows.map((r) => ({ ...hydratePublic(r), translations: r.translations as { lang: string; title: string; description: string }[] }));
}

/** The Kommunen of the Kreis (the tenant), by AGS. */
export async function kommunen(db: DbOrTx): Promise<{ id: string; name: string; ags: string }[]> {
  const result = await db.execute<{ id: string; name: string; ags: string }>(
    sql`SELECT id, name, ags FROM organisations WHERE kind = 'kommune' AND ags IS NOT NULL AND active ORDER BY name`,
  );
  return result.rows;
}

export async function kreisName(db: DbOrTx): Promise<string | null> {
  const result = await db.execute<{ name: string }>(sql`SELECT name FROM organisations WHERE kind = 'kreis' ORDER BY created_at LIMIT 1`);
  return result.rows[0]?.name ?? null;
}

// ── Coverage ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Published offers per Gemeinde and Handlungsfeld; an offer at several places counts once in each Gemeinde. */
export async function coverageCounts(db: DbOrTx): Promise<{ ags: string; handlungsfeld: string; n: number }[]> {
  const result = await db.execute<{ ags: string; handlungsfeld: string; n: number }>(sql`
    SELECT l.ags, f.handlungsfeld, count(DISTINCT o.id)::int AS n
    FROM offers o JOIN offer_locations l ON l.offer_id = o.id CROSS JOIN LATERAL unnest(o.handlungsfelder) AS f(handlungsfeld)
    WHERE ${publicScope()} GROUP BY l.ags, f.handlungsfeld`);
  return result.rows;
}

export async function coverageTotals(db: DbOrTx): Promise<Map<string, number>> {
  const result = await db.execute<{ ags: string; n: number }>(sql`
    SELECT l.ags, count(DISTINCT o.id)::int AS n FROM offers o JOIN offer_locations l ON l.offer_id = o.id WHERE ${publicScope()} GROUP BY l.ags`);
  return new Map(result.rows.map((r) => [r.ags, r.n]));
}

export interface DuplicateRow {
  ags: string;
  handlungsfeld: string;
  similarity: number;
  sharedTargetGroups: string[];
  aId: string;
  aTitle: string;
  aProvider: string;
  bId: string;
  bTitle: string;
  bProvider: string;
}

/**
 * Possible Doppelstrukturen: pairs of published offers in the same Gemeinde and Handlungsfeld, for overlapping target
 * groups (no groups = everyone; age ranges must overlap), whose titles or descriptions are similar (pg_trgm).
 */
export async function possibleDuplicates(db: DbOrTx, threshold = 0.45): Promise<DuplicateRow[]> {
  const result = await db.execute(sql`
    WITH p AS (
      SELECT o.id, o.title, o.description, o.handlungsfelder, o.target_groups, coalesce(o.age_min, 0) AS amin, coalesce(o.age_max, 200) AS amax,
             org.name AS provider, l.ags
      FROM offers o JOIN organisations org ON org.id = o.organisation_id JOIN offer_locations l ON l.offer_id = o.id
      WHERE ${publicScope()}
    ), pairs AS (
      SELECT DISTINCT ON (a.id, b.id, a.ags) a.ags, f.handlungsfeld, a.id AS "aId", a.title AS "aTitle", a.provider AS "aProvider",
             b.id AS "bId", b.title AS "bTitle", b.provider AS "bProvider",
             greatest(similarity(a.title, b.title), similarity(left(a.description, 600), left(b.description, 600)))::float8 AS similarity,
             ARRAY(SELECT unnest(a.target_groups) INTERSECT SELECT unnest(b.target_groups) ORDER BY 1) AS "sharedTargetGroups"
      FROM p a JOIN p b ON a.ags = b.ags AND a.id < b.id AND a.handlungsfelder && b.handlungsfelder
      CROSS JOIN LATERAL (SELECT x FROM unnest(a.handlungsfelder) x WHERE x = ANY (b.handlungsfelder) ORDER BY x LIMIT 1) AS f(handlungsfeld)
      WHERE (cardinality(a.target_groups) = 0 OR cardinality(b.target_groups) = 0 OR a.target_groups && b.target_groups)
        AND a.amin <= b.amax AND b.amin <= a.amax
      ORDER BY a.id, b.id, a.ags
    )
    SELECT * FROM pairs WHERE similarity >= ${threshold} ORDER BY ags, similarity DESC LIMIT 500`);
  return result.rows as unknown as DuplicateRow[];
}

// ── Review reminders ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Claims the offers whose review is due and that have had no reminder in the last 30 days (marking them reminded),
 * with the users to tell: directory editors of the provider or an organisation above it, else the KI's coordinators.
 */
export async function claimDueReviewReminders(db: DbOrTx): Promise<{ offerId: string; title: string; userIds: string[] }[]> {
  const result = await db.execute<{ offerId: string; title: string; userIds: string[] }>(sql`
    WITH due AS (
      UPDATE offers o SET review_reminder_sent_at = now()
      WHERE o.status <> 'archived' AND ${REVIEW_DUE}
        AND (o.review_reminder_sent_at IS NULL OR o.review_reminder_sent_at < now() - interval '30 days')
      RETURNING o.id, o.title, o.organisation_id
    )
    SELECT d.id AS "offerId", d.title,
      coalesce(
        (WITH RECURSIVE up AS (
           SELECT id, parent_id, kind FROM organisations WHERE id = d.organisation_id
           UNION SELECT p.id, p.parent_id, p.kind FROM organisations p JOIN up ON p.id = up.parent_id
         )
         SELECT array_agg(DISTINCT m.user_id) FROM up JOIN memberships m ON m.organisation_id = up.id JOIN users u ON u.id = m.user_id
         WHERE up.kind <> 'kreis' AND m.role IN ('municipality', 'coordinator', 'lead') AND u.active),
        (SELECT array_agg(DISTINCT m.user_id) FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.role = 'coordinator' AND u.active),
        '{}'::uuid[]) AS "userIds"
    FROM due d`);
  return result.rows;
}

export async function notifyUsers(db: DbOrTx, rows: { userId: string; kind: string; title: string; body: string; link: string }[]) {
  if (rows.length) await db.insert(notifications).values(rows);
}

/** Users holding one of the roles (for notifications to the KI's coordinators). */
export async function usersWithRole(db: DbOrTx, roles: string[]): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT DISTINCT m.user_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE u.active AND m.role IN (${sql.join(roles.map((r) => sql`${r}`), sql`, `)})`);
  return result.rows.map((r) => r.id);
}
