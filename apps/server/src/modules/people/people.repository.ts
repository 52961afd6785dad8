import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { organisationSubtree } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { organisations, users } from '../../platform/db/schema.js';
import { caseScope, personScope, personWriteScope } from '../cases/case-scope.repository.js';
import { isKoelnerCode, PAIR_KEYS_QUERY, tokenPairKeys } from './names/keys.js';
import { personRelations, personResidenceStatuses, persons } from './people.schema.js';

export type PersonRow = typeof persons.$inferSelect;
export type PersonInsert = typeof persons.$inferInsert;
export type PersonWithOrg = PersonRow & { organisationName: string };

const columns = {
  person: persons,
  organisationName: organisations.name,
};

/** A person the actor may see, or undefined (→ 404). */
export async function findPersonInScope(db: DbOrTx, actor: Actor, id: string): Promise<PersonWithOrg | undefined> {
  const [row] = await db
    .select(columns)
    .from(persons)
    .innerJoin(organisations, eq(organisations.id, persons.organisationId))
    .where(and(eq(persons.id, id), sql`${persons.anonymisedAt} IS NULL`, personScope(actor)));
  return row ? { ...row.person, organisationName: row.organisationName } : undefined;
}

/** A person the actor may change, or undefined. */
export async function findPersonForWrite(db: DbOrTx, actor: Actor, id: string): Promise<PersonRow | undefined> {
  const [row] = await db
    .select()
    .from(persons)
    .where(and(eq(persons.id, id), sql`${persons.anonymisedAt} IS NULL`, sql`${persons.mergedIntoId} IS NULL`, personWriteScope(actor)));
  return row;
}

export async function insertPerson(db: DbOrTx, values: PersonInsert): Promise<PersonRow> {
  const [row] = await db.insert(persons).values(values).returning();
  return row!;
}

/** Updates only when the stored version is the one the client saw; undefined on a version conflict. */
export async function updatePerson(db: DbOrTx, id: string, version: number, values: Partial<PersonInsert>): Promise<PersonRow | undefined> {
  const [row] = await db
    .update(persons)
    .set({ ...values, version: sql`${persons.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(persons.id, id), eq(persons.version, version)))
    .returning();
  return row;
}

export async function isOrganisationInSubtree(db: DbOrTx, actor: Actor, organisationId: string): Promise<boolean> {
  const result = await db.execute<{ ok: boolean }>(sql`SELECT ${organisationId}::uuid IN ${organisationSubtree(actor)} AS ok`);
  return result.rows[0]?.ok ?? false;
}

export type SearchCandidateRow = {
  id: string;
  given_names: string;
  family_name: string;
  native_given_names: string;
  native_family_name: string;
  aliases: { givenNames: string; familyName: string }[];
  birth_date: string | null;
  birth_date_precision: string;
  birth_date_is_placeholder: boolean;
  organisation_id: string;
  in_scope: boolean;
};

/** What a shown search hit needs besides its name: the organisation's name and the open case the actor may see. */
export type SearchHitDetails = { id: string; organisation_name: string; open_case_id: string | null };

/**
 * Candidates for the duplicate check, across ALL organisations: a duplicate registered elsewhere must be detectable.
 * Each row says whether it is in the actor's scope; the service shows only those and reduces the others to a
 * data-free notice. Every step does bounded work inside PostgreSQL:
 *  1. pair keys (two words of the name together, order-free) — one selective GIN lookup;
 *  2. only when that finds (almost) nothing: every query word shares a sound key with the person, at most
 *     `SCAN_BOUND` rows looked at;
 *  3. only when the keys found nothing at all: pg_trgm word similarity on the folded readings (typos the keys
 *     miss), at most `TRIGRAM_SCAN_BOUND` rows.
 * Within a step candidates are ordered by words matched, the likeliest keys' pair, words spelled the same
 * (canonical spelling) and words with the same Kölner Phonetik code: array overlaps only, cheap on thousands of
 * rows (trigram similarity here cost 4 µs a row). The service ranks the candidates precisely.
 */
export async function unsafeSearchCandidatesAcrossOrganisations(
  db: DbOrTx,
  actor: Actor,
  query: { tokenKeys: string[][]; tokenSpellings: string[]; particlePairs: string[]; requiredTokens: number; folded: string; limit: number },
): Promise<SearchCandidateRow[]> {
  const keyArray = (keys: readonly string[]) => sql`ARRAY[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[]`;
  const count = (conditions: SQL[]) => (conditions.length ? sql.join(conditions.map((c) => sql`${c}::int`), sql` + `) : sql`0`);
  const keyArrays = query.tokenKeys.map((keys) => sql`(p.name_keys && ${keyArray(keys)})`);
  const hits = count(keyArrays);
  // Persons sharing the pair of the words' likeliest keys come before those sharing a rarer reading.
  const primaryPairs = tokenPairKeys(query.tokenKeys, 1);
  const primary = count(primaryPairs.length ? [sql`(p.name_keys && ${keyArray(primaryPairs)})`] : []);
  // Then those spelling more words the same way (Meier and Meyer both "maier"), then those sounding alike by the
  // Kölner Phonetik.
  const sameSpelling = count(query.tokenSpellings.filter(Boolean).map((w) => sql`(p.search_words && ${keyArray([w])})`));
  const koelnCodes = query.tokenKeys.map((keys) => keys.filter(isKoelnerCode)).filter((keys) => keys.length);
  const sameKoeln = count(koelnCodes.map((keys) => sql`(p.name_keys && ${keyArray(keys)})`));
  // Every token must match (or all but the last while it is still being typed).
  const required = keyArrays.slice(0, query.requiredTokens);
  // The innermost query takes at most SCAN_BOUND rows from the index; the order is computed only for those, scope
  // only for the candidates passed on.
  const select = (where: SQL, minHits: number, bound = SCAN_BOUND) => sql`
    SELECT t.*, ${personScope(actor, 't')} AS in_scope
    FROM (SELECT k.id, k.given_names, k.family_name, k.native_given_names, k.native_family_name, k.aliases,
                 k.birth_date, k.birth_date_precision, k.birth_date_is_placeholder, k.organisation_id
          FROM (SELECT p.id, p.given_names, p.family_name, p.native_given_names, p.native_family_name, p.aliases,
                       p.birth_date, p.birth_date_precision, p.birth_date_is_placeholder, p.organisation_id,
                       ${hits} AS hits, ${primary} AS primary_pair, ${sameSpelling} AS same_spelling, ${sameKoeln} AS same_koeln
                FROM persons p
                WHERE p.merged_into_id IS NULL AND p.anonymised_at IS NULL AND ${where}
                LIMIT ${bound}) k
          WHERE k.hits >= ${minHits}
          ORDER BY k.hits DESC, k.primary_pair DESC, k.same_spelling DESC, k.same_koeln DESC
          LIMIT ${query.limit}) t`;
  const found: SearchCandidateRow[] = [];
  const seen = new Set<string>();
  const add = (rows: SearchCandidateRow[]) => {
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      found.push(r);
    }
  };
  // Pairs of all words, the last one too even while it may still be typed (a short word is often complete: Li, Ian),
  // and of a typed particle with its word (Lê Mattias: Le Matthias before every other Matthias).
  const pairs = [...tokenPairKeys(query.tokenKeys, PAIR_KEYS_QUERY), ...query.particlePairs];
  // The word conditions are checked on the pair hits (every word matches), not used as index conditions.
  if (pairs.length) add((await db.execute<SearchCandidateRow>(select(sql`p.name_keys && ${keyArray(pairs)}`, query.tokenKeys.length))).rows);
  if (found.length >= FEW && pairs.length) return found;
  if (required.length) add((await db.execute<SearchCandidateRow>(select(sql.join(required, sql` AND `), 0))).rows);
  // Trigrams catch typos the sound keys miss; only when the keys found nothing (the slower index: ~15 ms on 1M).
  if (found.length || query.folded.length < 3) return found;
  add((await db.execute<SearchCandidateRow>(select(sql`${query.folded} <% p.search_text`, 0, TRIGRAM_SCAN_BOUND))).rows);
  return found;
}

/** Organisation name and open case (in the actor's scope) of the hits a search shows (persons already in scope). */
export async function searchHitDetails(db: DbOrTx, actor: Actor, ids: string[]): Promise<Map<string, SearchHitDetails>> {
  if (!ids.length) return new Map();
  const result = await db.execute<SearchHitDetails>(sql`
    SELECT p.id, o.name AS organisation_name,
           (SELECT c.id FROM cases c WHERE c.person_id = p.id AND c.phase <> 'closed' AND ${caseScope(actor, 'c')}
             ORDER BY c.opened_at DESC LIMIT 1) AS open_case_id
    FROM persons p JOIN organisations o ON o.id = p.organisation_id
    WHERE p.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(result.rows.map((r) => [r.id, r]));
}

/** Rows a search step looks at, at most (bounded work on common names). */
const SCAN_BOUND = 2000;
/** The trigram step checks each row's similarity again on the table (the index only narrows): fewer rows. */
const TRIGRAM_SCAN_BOUND = 500;
/** Fewer candidates than this from a step: the next, broader step runs too. */
const FEW = 5;

export type PersonListRow = {
  id: string;
  given_names: string;
  family_name: string;
  native_given_names: string;
  native_family_name: string;
  birth_date: string | null;
  birth_date_precision: string;
  birth_date_is_placeholder: boolean;
  organisation_id: string;
  organisation_name: string;
  open_case_id: string | null;
  total: number;
};

/** Persons in scope, newest first, optionally filtered by a folded name fragment. */
export async function listPersonsInScope(db: DbOrTx, actor: Actor, filter: { folded?: string; limit: number; offset: number }) {
  const nameFilter = filter.folded ? sql`AND p.search_text LIKE ${`%${filter.folded.replace(/[%_\\]/g, '')}%`}` : sql``;
  const result = await db.execute<PersonListRow>(sql`
    SELECT p.id, p.given_names, p.family_name, p.native_given_names, p.native_family_name, p.birth_date,
           p.birth_date_precision, p.birth_date_is_placeholder, p.organisation_id, o.name AS organisation_name,
           (SELECT c.id FROM cases c WHERE c.person_id = p.id AND c.phase <> 'closed' AND ${caseScope(actor, 'c')}
             ORDER BY c.opened_at DESC LIMIT 1) AS open_case_id,
           count(*) OVER ()::int AS total
    FROM persons p JOIN organisations o ON o.id = p.organisation_id
    WHERE p.merged_into_id IS NULL AND p.anonymised_at IS NULL AND ${personScope(actor, 'p')} ${nameFilter}
    ORDER BY p.created_at DESC, p.id
    LIMIT ${filter.limit} OFFSET ${filter.offset}`);
  return { rows: result.rows, total: result.rows[0]?.total ?? 0 };
}

export async function listResidenceStatuses(db: DbOrTx, personId: string) {
  return db
    .select()
    .from(personResidenceStatuses)
    .where(eq(personResidenceStatuses.personId, personId))
    .orderBy(desc(personResidenceStatuses.validFrom), desc(personResidenceStatuses.createdAt));
}

export async function insertResidenceStatus(db: DbOrTx, values: typeof personResidenceStatuses.$inferInsert) {
  const [row] = await db.insert(personResidenceStatuses).values(values).returning();
  return row!;
}

export type RelationRow = {
  id: string;
  kind: string;
  family_role: string | null;
  other_id: string;
  other_given_names: string;
  other_family_name: string;
  other_birth_date: string | null;
};

/** Links in both directions, but only to persons the actor may see. */
export async function listRelations(db: DbOrTx, actor: Actor, personId: string): Promise<RelationRow[]> {
  const result = await db.execute<RelationRow>(sql`
    SELECT r.id, r.kind, r.family_role, p.id AS other_id, p.given_names AS other_given_names, p.family_name AS other_family_name,
           p.birth_date AS other_birth_date
    FROM person_relations r
    JOIN persons p ON p.id = CASE WHEN r.person_id = ${personId}::uuid THEN r.related_person_id ELSE r.person_id END
    WHERE (r.person_id = ${personId}::uuid OR r.related_person_id = ${personId}::uuid) AND p.anonymised_at IS NULL
      AND ${personScope(actor, 'p')}
    ORDER BY r.kind, p.family_name`);
  return result.rows;
}

export async function insertRelation(db: DbOrTx, values: typeof personRelations.$inferInsert) {
  const [row] = await db.insert(personRelations).values(values).onConflictDoNothing().returning();
  return row;
}

/** Number of household members and children of a person (for the consented family extract). */
export async function countHousehold(db: DbOrTx, personId: string) {
  const result = await db.execute<{ household: number; children: number }>(sql`
    SELECT count(*) FILTER (WHERE kind = 'household')::int AS household,
           count(*) FILTER (WHERE kind = 'family' AND family_role = 'child' AND person_id = ${personId}::uuid)::int AS children
    FROM person_relations WHERE person_id = ${personId}::uuid OR related_person_id = ${personId}::uuid`);
  return result.rows[0] ?? { household: 0, children: 0 };
}

export async function findUserNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(sql`${users.id} IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)
    .orderBy(asc(users.displayName));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** A person by id without scope, for the services of consenting partners and exports that check scope themselves. */
export async function unsafeFindPersonById(db: DbOrTx, id: string): Promise<PersonWithOrg | undefined> {
  const [row] = await db.select(columns).from(persons).innerJoin(organisations, eq(organisations.id, persons.organisationId)).where(eq(persons.id, id));
  return row ? { ...row.person, organisationName: row.organisationName } : undefined;
}

export type AccessLogRow = {
  seq: number;
  occurred_at: Date;
  action: string;
  outcome: string;
  actor_role: string | null;
  actor_name: string | null;
  organisation_name: string | null;
  subject_type: string | null;
  details: Record<string, unknown>;
};

/** Who read or changed what about a person: audit events on the person, its cases, consents and referrals. */
export async function accessLogForPerson(
  db: DbOrTx,
  subjects: { personId: string; caseIds: string[]; consentIds: string[]; referralIds: string[] },
): Promise<AccessLogRow[]> {
  const list = (ids: string[]) => sql`ARRAY[${sql.join([...ids, '-'].map((id) => sql`${id}`), sql`, `)}]::text[]`;
  const result = await db.execute<AccessLogRow>(sql`
    SELECT a.seq, a.occurred_at, a.action, a.outcome, a.actor_role, u.display_name AS actor_name, o.name AS organisation_name,
           a.subject_type, a.details
    FROM audit_events a
    LEFT JOIN users u ON u.id = a.actor_id
    LEFT JOIN organisations o ON o.id = a.organisation_id
    WHERE (a.subject_type = 'person' AND a.subject_id = ${subjects.personId})
       OR (a.subject_type = 'case' AND a.subject_id = ANY(${list(subjects.caseIds)}))
       OR (a.subject_type = 'consent' AND a.subject_id = ANY(${list(subjects.consentIds)}))
       OR (a.subject_type = 'referral' AND a.subject_id = ANY(${list(subjects.referralIds)}))
    ORDER BY a.seq`);
  return result.rows;
}

/** Many persons at once (demo data, benchmarks, imports): one multi-row INSERT per call. */
export async function bulkInsertPersons(db: DbOrTx, rows: PersonInsert[]): Promise<{ id: string }[]> {
  if (!rows.length) return [];
  return db.insert(persons).values(rows).returning({ id: persons.id });
}

export type SearchFieldsRow = {
  id: string;
  given_names: string;
  family_name: string;
  native_given_names: string;
  native_family_name: string;
  aliases: PersonRow['aliases'];
  search_text: string;
  search_words: string[];
  name_keys: string[];
  native_script: string | null;
  version: number;
};

/** Names and derived search columns of the next `limit` persons after `after` (by id), across all organisations. */
export async function unsafeSearchFieldsAfter(db: DbOrTx, after: string, limit: number): Promise<SearchFieldsRow[]> {
  const result = await db.execute<SearchFieldsRow>(sql`
    SELECT id, given_names, family_name, native_given_names, native_family_name, aliases, search_text, search_words, name_keys, native_script, version
    FROM persons WHERE id > ${after}::uuid AND anonymised_at IS NULL ORDER BY id LIMIT ${limit}`);
  return result.rows;
}

/**
 * Stores recomputed search columns of one person (no name change, no version bump), unless the person was changed
 * since `version` was read: then the change has written its own, current keys.
 */
export async function writeSearchFields(
  db: DbOrTx,
  id: string,
  version: number,
  fields: { searchText?: string; searchWords?: string[]; nameKeys?: string[]; nativeScript?: string | null },
): Promise<void> {
  await db
    .update(persons)
    .set({
      searchText: fields.searchText ?? '',
      searchWords: fields.searchWords ?? [],
      nameKeys: fields.nameKeys ?? [],
      nativeScript: fields.nativeScript ?? null,
    })
    .where(and(eq(persons.id, id), eq(persons.version, version)));
}

/** Whether any person is stored (anonymised ones included). */
export async function anyPerson(db: DbOrTx): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM persons LIMIT 1`);
  return rows.length > 0;
}

/** One detail (as text) of the newest audit event with this action, or null. */
export async function lastAuditDetail(db: DbOrTx, action: string, key: string): Promise<string | null> {
  const { rows } = await db.execute<{ value: string | null }>(sql`
    SELECT details->>${key} AS value FROM audit_events WHERE action = ${action} ORDER BY seq DESC LIMIT 1`);
  return rows[0]?.value ?? null;
}
