import {
  personDisplayName,
  type BenefitSystem,
  type BirthDatePrecision,
  type CreatePersonBody,
  type FamilyRole,
  type Person,
  type PersonMatch,
  type PersonRelation,
  type PersonSearchResult,
  type PersonSummary,
  type RelationKind,
  type ResidenceStatusEntry,
  type Sex,
  type UpdatePersonBody,
} from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import { gemeindeByAgs } from '../../seed/geo.js';
import { casesOfPerson } from '../cases/cases.service.js';
import { nameKeys, nameTokens, PAIR_KEYS_QUERY, particlePairKeys} from './names/keys.js';
import { LIKELY_DUPLICATE, scoreMatch, SHOW_THRESHOLD, type MatchQuery } from './names/match.js';
import { detectScript, foldLatin } from './names/normalise.js';
import { canonicalText } from './names/spelling.js';
import { latinReadings } from './names/transliterate.js';
import * as repo from './people.repository.js';
import type { PersonInsert, PersonRow, PersonWithOrg, SearchCandidateRow } from './people.repository.js';
import { residenceStatusByCode } from './residence-catalogue.js';

export const OUTSIDE_SCOPE_NOTICE = 'Mögliche Doppelung in einer anderen Organisation – bitte Koordination ansprechen.';

type NameFields = Pick<PersonRow, 'givenNames' | 'familyName' | 'nativeGivenNames' | 'nativeFamilyName' | 'aliases'>;

/** Every way the person's name is written: Latin, original script, aliases. */
export function nameVariants(p: NameFields) {
  return [
    { givenNames: p.givenNames, familyName: p.familyName },
    { givenNames: p.nativeGivenNames, familyName: p.nativeFamilyName },
    ...p.aliases.map((a) => ({ givenNames: a.givenNames, familyName: a.familyName })),
  ].filter((v) => `${v.givenNames}${v.familyName}`.trim() !== '');
}

/** The derived search columns, recomputed on every write of a name. */
export function searchFields(p: NameFields): Pick<PersonInsert, 'searchText' | 'searchWords' | 'nameKeys' | 'nativeScript'> {
  const full = nameVariants(p).map((v) => `${v.givenNames} ${v.familyName}`.trim());
  const readings = new Set<string>();
  for (const name of full) for (const r of latinReadings(name)) readings.add(r);
  // The canonical spellings (Meyer, Meier → maier) go into search_text too (the trigram step finds typos of either)
  // and, each once, into search_words: the database orders candidates by the query words spelled the same.
  const canonical = new Set<string>();
  for (const word of [...readings].flatMap((r) => r.split(' '))) if (word) canonical.add(canonicalText(word));
  for (const word of canonical) readings.add(word);
  const native = `${p.nativeGivenNames} ${p.nativeFamilyName}`.trim();
  return {
    searchText: [...readings].join(' '),
    searchWords: [...canonical],
    nameKeys: nameKeys(full),
    nativeScript: native ? detectScript(native) : null,
  };
}

function nativeName(p: { nativeGivenNames: string; nativeFamilyName: string }): string | null {
  const n = `${p.nativeGivenNames} ${p.nativeFamilyName}`.trim();
  return n || null;
}

export function presentPersonSummary(p: {
  id: string;
  givenNames: string;
  familyName: string;
  nativeGivenNames: string;
  nativeFamilyName: string;
  birthDate: string | null;
  birthDatePrecision: string;
  birthDateIsPlaceholder: boolean;
  organisationId: string;
  organisationName: string;
  openCaseId: string | null;
}): PersonSummary {
  return {
    id: p.id,
    displayName: personDisplayName(p),
    nativeName: nativeName(p),
    birthDate: p.birthDate,
    birthDatePrecision: p.birthDatePrecision as BirthDatePrecision,
    birthDateIsPlaceholder: p.birthDateIsPlaceholder,
    organisationId: p.organisationId,
    organisationName: p.organisationName,
    openCaseId: p.openCaseId,
  };
}

function summaryFromCandidate(r: SearchCandidateRow, details: repo.SearchHitDetails): PersonSummary {
  return presentPersonSummary({
    id: r.id,
    givenNames: r.given_names,
    familyName: r.family_name,
    nativeGivenNames: r.native_given_names,
    nativeFamilyName: r.native_family_name,
    birthDate: r.birth_date,
    birthDatePrecision: r.birth_date_precision,
    birthDateIsPlaceholder: r.birth_date_is_placeholder,
    organisationId: r.organisation_id,
    organisationName: details.organisation_name,
    openCaseId: details.open_case_id,
  });
}

/** The persons the name's keys and trigrams point to, in every organisation (scope is marked per row, not applied). */
export async function searchCandidates(ctx: Pick<AuthedContext, 'tx' | 'actor'>, name: string, limit = CANDIDATES): Promise<SearchCandidateRow[]> {
  const tokens = nameTokens(name);
  const lastUnfinished = tokens.length > 1 && tokens[tokens.length - 1]!.text.length < 4;
  return repo.unsafeSearchCandidatesAcrossOrganisations(ctx.tx, ctx.actor, {
    tokenKeys: tokens.slice(0, 4).map((t) => t.keys),
    requiredTokens: Math.min(4, lastUnfinished ? tokens.length - 1 : tokens.length),
    folded: foldLatin(tokens.flatMap((t) => t.latin.slice(0, 1)).join(' ')),
    tokenSpellings: tokens.slice(0, 4).map((t) => canonicalText(t.latin[0] ?? '')),
    particlePairs: particlePairKeys(name, PAIR_KEYS_QUERY),
    limit,
  });
}

/**
 * Candidates the database hands to the ranking, at most. The database orders them only roughly (words matched,
 * likeliest pair, same spelling, same Kölner code); common short names (Jan, Li, Amir) need a few hundred for the
 * ranking to see the person meant (1M persons: 300 → recall 0.950, 500 → 0.955, 600 no better; ranking 500 costs
 * ~1 ms at the median).
 */
const CANDIDATES = 500;

/** Candidates scored against the typed name (and date of birth), best first; those below the display threshold dropped. */
export function rankCandidates(rows: SearchCandidateRow[], query: MatchQuery, tokens = nameTokens(query.name)) {
  return rows
    .map((row) => ({
      row,
      match: scoreMatch(
        query,
        {
          variants: nameVariants({
            givenNames: row.given_names,
            familyName: row.family_name,
            nativeGivenNames: row.native_given_names,
            nativeFamilyName: row.native_family_name,
            aliases: (row.aliases ?? []).map((a) => ({ ...a, kind: 'spelling' as const })),
          }),
          birthDate: row.birth_date,
          birthDatePrecision: row.birth_date_precision as BirthDatePrecision,
          birthDateIsPlaceholder: row.birth_date_is_placeholder,
        },
        tokens,
      ),
    }))
    .filter((s) => s.match.score >= SHOW_THRESHOLD)
    .sort((a, b) => b.match.score - a.match.score || (b.match.support ?? 0) - (a.match.support ?? 0));
}

/**
 * Search before create: finds the persons a typed name (and date of birth) may be, across scripts and spellings.
 * Shows only persons in the actor's scope; a likely match elsewhere yields a notice without any personal data.
 */
export async function searchPersons(ctx: AuthedContext, input: { q: string; birthDate?: string; limit: number }): Promise<PersonSearchResult> {
  const tokens = nameTokens(input.q);
  if (!tokens.length) return { items: [], outsideScopeNotice: null };
  const scored = rankCandidates(await searchCandidates(ctx, input.q), { name: input.q, birthDate: input.birthDate }, tokens);
  const shown = scored.filter((s) => s.row.in_scope).slice(0, input.limit);
  const details = await repo.searchHitDetails(ctx.tx, ctx.actor, shown.map((s) => s.row.id));
  const items: PersonMatch[] = shown.flatMap((s) => {
    const d = details.get(s.row.id);
    return d ? [{ person: summaryFromCandidate(s.row, d), score: s.match.score, reasons: s.match.reasons, likelyDuplicate: s.match.score >= LIKELY_DUPLICATE }] : [];
  });
  const outside = scored.some((s) => !s.row.in_scope && s.match.score >= LIKELY_DUPLICATE);
  // What was typed is not recorded: only that a search ran and what it showed.
  await ctx.audit.record({
    action: 'persons.search',
    subjectType: 'person',
    details: { shown: items.map((i) => i.person.id), outsideScopeNotice: outside },
  });
  return { items, outsideScopeNotice: outside ? OUTSIDE_SCOPE_NOTICE : null };
}

export async function listPersons(ctx: AuthedContext, input: { q?: string; limit: number; offset: number }) {
  const { rows, total } = await repo.listPersonsInScope(ctx.tx, ctx.actor, { folded: input.q ? foldLatin(input.q) : undefined, limit: input.limit, offset: input.offset });
  await ctx.audit.record({ action: 'persons.list', subjectType: 'person', details: { shown: rows.length } });
  return {
    items: rows.map((r) =>
      presentPersonSummary({
        id: r.id,
        givenNames: r.given_names,
        familyName: r.family_name,
        nativeGivenNames: r.native_given_names,
        nativeFamilyName: r.native_family_name,
        birthDate: r.birth_date,
        birthDatePrecision: r.birth_date_precision,
        birthDateIsPlaceholder: r.birth_date_is_placeholder,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        openCaseId: r.open_case_id,
      }),
    ),
    total,
    limit: input.limit,
    offset: input.offset,
  };
}

function presentResidenceStatuses(rows: Awaited<ReturnType<typeof repo.listResidenceStatuses>>): ResidenceStatusEntry[] {
  const today = new Date().toISOString().slice(0, 10);
  const currentId = rows.find((r) => (!r.validFrom || r.validFrom <= today) && (!r.validUntil || r.validUntil >= today))?.id;
  return rows.map((r) => ({
    id: r.id,
    statusCode: r.statusCode,
    label: residenceStatusByCode(r.statusCode)?.label ?? r.statusCode,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    note: r.note,
    current: r.id === currentId,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The current residence status label and validity, for partner extracts and exports. */
export function currentResidenceStatus(statuses: ResidenceStatusEntry[]) {
  const current = statuses.find((s) => s.current);
  return current ? { label: current.label, validUntil: current.validUntil } : null;
}

function presentRelations(rows: repo.RelationRow[]): PersonRelation[] {
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as RelationKind,
    familyRole: (r.family_role as FamilyRole | null) ?? null,
    person: { id: r.other_id, displayName: `${r.other_given_names} ${r.other_family_name}`, birthDate: r.other_birth_date },
  }));
}

async function presentPerson(ctx: AuthedContext, row: PersonWithOrg, reveal: boolean): Promise<Person> {
  const [statuses, relations, cases, canWrite] = [
    await repo.listResidenceStatuses(ctx.tx, row.id),
    await repo.listRelations(ctx.tx, ctx.actor, row.id),
    await casesOfPerson(ctx, row.id),
    !!(await repo.findPersonForWrite(ctx.tx, ctx.actor, row.id)),
  ];
  return {
    id: row.id,
    displayName: personDisplayName(row),
    givenNames: row.givenNames,
    familyName: row.familyName,
    nativeGivenNames: row.nativeGivenNames,
    nativeFamilyName: row.nativeFamilyName,
    nativeScript: row.nativeScript,
    aliases: row.aliases,
    birthDate: row.birthDate,
    birthDatePrecision: row.birthDatePrecision as BirthDatePrecision,
    birthDateIsPlaceholder: row.birthDateIsPlaceholder,
    sex: row.sex as Sex,
    nationalities: row.nationalities,
    languages: row.languages,
    entryGermanyDate: row.entryGermanyDate,
    entryKreisDate: row.entryKreisDate,
    address: {
      street: row.street,
      postalCode: row.postalCode,
      municipalityAgs: row.municipalityAgs,
      municipalityName: row.municipalityAgs ? (gemeindeByAgs(row.municipalityAgs)?.name ?? null) : null,
    },
    phone: row.phone,
    email: row.email,
    benefitSystem: row.benefitSystem as BenefitSystem,
    identifiers: {
      azrNumber: reveal ? row.azrNumber : null,
      bamfFileNumber: reveal ? row.bamfFileNumber : null,
      hasAzrNumber: !!row.azrNumber,
      hasBamfFileNumber: !!row.bamfFileNumber,
      revealed: reveal,
    },
    residenceStatuses: presentResidenceStatuses(statuses),
    relations: presentRelations(relations),
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    cases,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: {
      edit: canWrite,
      openCase: canWrite && hasPermission(ctx.actor, 'cases.write'),
      export: hasPermission(ctx.actor, 'persons.read'),
      manageConsents: canWrite,
    },
  };
}

export async function getPerson(ctx: AuthedContext, id: string, reveal = false): Promise<Person> {
  const row = await repo.findPersonInScope(ctx.tx, ctx.actor, id);
  if (!row) throw notFound('Person nicht gefunden.');
  await ctx.audit.record({
    action: reveal ? 'persons.reveal_identifiers' : 'persons.read',
    subjectType: 'person',
    subjectId: id,
    details: { personId: id },
  });
  return presentPerson(ctx, row, reveal);
}

/** The person as presented, without an audit row of its own: for exports that record their own audit event. */
export async function getPersonUnaudited(ctx: AuthedContext, id: string, reveal: boolean): Promise<Person> {
  const row = await repo.findPersonInScope(ctx.tx, ctx.actor, id);
  if (!row) throw notFound('Person nicht gefunden.');
  return presentPerson(ctx, row, reveal);
}

/** For other modules: the person if the actor may see it, else 404. */
export async function requirePersonInScope(ctx: AuthedContext, id: string): Promise<PersonWithOrg> {
  const row = await repo.findPersonInScope(ctx.tx, ctx.actor, id);
  if (!row) throw notFound('Person nicht gefunden.');
  return row;
}

/** For other modules: the person if the actor may change it, else 404. */
export async function requirePersonForWrite(ctx: AuthedContext, id: string, field?: string): Promise<PersonRow> {
  const row = await repo.findPersonForWrite(ctx.tx, ctx.actor, id);
  if (!row) throw field ? fieldError(field, 'Diese Person gibt es nicht oder Sie haben keinen Zugriff.') : notFound('Person nicht gefunden.');
  return row;
}

function checkDates(input: Partial<CreatePersonBody>) {
  const today = new Date().toISOString().slice(0, 10);
  if (input.birthDate && input.birthDate > today) throw fieldError('birthDate', 'Das Geburtsdatum liegt in der Zukunft.');
  if (input.birthDate && input.birthDate < '1900-01-01') throw fieldError('birthDate', 'Das Geburtsdatum liegt vor 1900.');
  if (input.entryGermanyDate && input.entryGermanyDate > today) throw fieldError('entryGermanyDate', 'Das Einreisedatum liegt in der Zukunft.');
  if (input.entryKreisDate && input.entryKreisDate > today) throw fieldError('entryKreisDate', 'Das Zuzugsdatum liegt in der Zukunft.');
  if (input.entryGermanyDate && input.entryKreisDate && input.entryKreisDate < input.entryGermanyDate) {
    throw fieldError('entryKreisDate', 'Der Zuzug in den Kreis liegt vor der Einreise nach Deutschland.');
  }
  if (input.birthDate && input.entryGermanyDate && input.entryGermanyDate < input.birthDate) {
    throw fieldError('entryGermanyDate', 'Die Einreise liegt vor dem Geburtsdatum.');
  }
  if (input.address?.municipalityAgs && !gemeindeByAgs(input.address.municipalityAgs)) {
    throw fieldError('address.municipalityAgs', 'Diesen Gemeindeschlüssel gibt es in NRW nicht.');
  }
}

function birthDateFields(input: Partial<CreatePersonBody>, current?: PersonRow) {
  const birthDate = input.birthDate === undefined ? (current?.birthDate ?? null) : input.birthDate;
  let precision: BirthDatePrecision = input.birthDatePrecision ?? (current?.birthDatePrecision as BirthDatePrecision | undefined) ?? (birthDate ? 'day' : 'unknown');
  if (!birthDate) precision = 'unknown';
  else if (precision === 'unknown') throw fieldError('birthDatePrecision', 'Bei einem angegebenen Geburtsdatum ist die Genauigkeit nicht „unbekannt“.');
  const placeholder = input.birthDateIsPlaceholder ?? current?.birthDateIsPlaceholder ?? false;
  if (placeholder && (!birthDate || !birthDate.endsWith('-01-01'))) {
    throw fieldError('birthDateIsPlaceholder', 'Als Platzhalter kann nur der 01.01. markiert werden.');
  }
  // Unknown day or month are stored as the first of the month / year so that sorting and age bands still work.
  const stored = birthDate && precision === 'year' ? `${birthDate.slice(0, 4)}-01-01` : birthDate && precision === 'month' ? `${birthDate.slice(0, 7)}-01` : birthDate;
  return { birthDate: stored, birthDatePrecision: precision, birthDateIsPlaceholder: placeholder };
}

function personValues(input: Partial<CreatePersonBody>, current?: PersonRow): Partial<PersonInsert> {
  const values: Partial<PersonInsert> = {};
  if (input.givenNames !== undefined) values.givenNames = input.givenNames;
  if (input.familyName !== undefined) values.familyName = input.familyName;
  if (input.nativeGivenNames !== undefined) values.nativeGivenNames = input.nativeGivenNames;
  if (input.nativeFamilyName !== undefined) values.nativeFamilyName = input.nativeFamilyName;
  if (input.aliases !== undefined) values.aliases = input.aliases;
  if (input.birthDate !== undefined || input.birthDatePrecision !== undefined || input.birthDateIsPlaceholder !== undefined || !current) {
    Object.assign(values, birthDateFields(input, current));
  }
  if (input.sex !== undefined) values.sex = input.sex;
  if (input.nationalities !== undefined) values.nationalities = [...new Set(input.nationalities)];
  if (input.languages !== undefined) values.languages = input.languages;
  if (input.entryGermanyDate !== undefined) values.entryGermanyDate = input.entryGermanyDate;
  if (input.entryKreisDate !== undefined) values.entryKreisDate = input.entryKreisDate;
  if (input.address !== undefined) {
    values.street = input.address.street ?? '';
    values.postalCode = input.address.postalCode ?? '';
    values.municipalityAgs = input.address.municipalityAgs ?? null;
  }
  if (input.phone !== undefined) values.phone = input.phone;
  if (input.email !== undefined) values.email = input.email;
  if (input.benefitSystem !== undefined) values.benefitSystem = input.benefitSystem;
  if (input.azrNumber !== undefined) values.azrNumber = input.azrNumber || null;
  if (input.bamfFileNumber !== undefined) values.bamfFileNumber = input.bamfFileNumber || null;
  const names = { ...(current ?? {}), ...values } as NameFields;
  if (!current || ['givenNames', 'familyName', 'nativeGivenNames', 'nativeFamilyName', 'aliases'].some((k) => k in values)) {
    Object.assign(values, searchFields({ givenNames: names.givenNames, familyName: names.familyName, nativeGivenNames: names.nativeGivenNames ?? '', nativeFamilyName: names.nativeFamilyName ?? '', aliases: names.aliases ?? [] }));
  }
  return values;
}

export async function createPerson(ctx: AuthedContext, input: CreatePersonBody): Promise<Person> {
  checkDates(input);
  const organisationId = input.organisationId ?? ctx.actor.organisationIds[0];
  if (!organisationId || !(await repo.isOrganisationInSubtree(ctx.tx, ctx.actor, organisationId))) {
    throw fieldError('organisationId', 'In dieser Organisation können Sie keine Personen anlegen.');
  }
  const row = await repo.insertPerson(ctx.tx, {
    ...(personValues(input) as PersonInsert),
    givenNames: input.givenNames,
    familyName: input.familyName,
    organisationId,
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({ action: 'persons.create', subjectType: 'person', subjectId: row.id, details: { personId: row.id, organisationId } });
  return presentPerson(ctx, (await repo.findPersonInScope(ctx.tx, ctx.actor, row.id))!, false);
}

export async function updatePerson(ctx: AuthedContext, id: string, version: number, input: UpdatePersonBody): Promise<Person> {
  const current = await requirePersonForWrite(ctx, id);
  checkDates({ ...input, birthDate: input.birthDate ?? undefined, entryGermanyDate: input.entryGermanyDate ?? undefined, entryKreisDate: input.entryKreisDate ?? undefined });
  const values = personValues(input, current);
  const row = await repo.updatePerson(ctx.tx, id, version, values);
  if (!row) throw versionConflict();
  // Field names only: the audit log never holds the values themselves (Art. 15 lists the changes by field).
  await ctx.audit.record({ action: 'persons.update', subjectType: 'person', subjectId: id, details: { personId: id, fields: Object.keys(input) } });
  return presentPerson(ctx, (await repo.findPersonInScope(ctx.tx, ctx.actor, id))!, false);
}

export async function addResidenceStatus(
  ctx: AuthedContext,
  personId: string,
  input: { statusCode: string; validFrom?: string | null; validUntil?: string | null; note?: string },
): Promise<Person> {
  await requirePersonForWrite(ctx, personId);
  if (!residenceStatusByCode(input.statusCode)) throw fieldError('statusCode', 'Diesen Aufenthaltsstatus gibt es im Katalog nicht.');
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom) throw fieldError('validUntil', 'Das Ende liegt vor dem Beginn.');
  const row = await repo.insertResidenceStatus(ctx.tx, {
    personId,
    statusCode: input.statusCode,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    note: input.note ?? '',
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({ action: 'persons.residence_status_add', subjectType: 'person', subjectId: personId, details: { personId, statusId: row.id } });
  return presentPerson(ctx, (await repo.findPersonInScope(ctx.tx, ctx.actor, personId))!, false);
}

export async function addRelation(
  ctx: AuthedContext,
  personId: string,
  input: { relatedPersonId: string; kind: RelationKind; familyRole?: FamilyRole },
): Promise<Person> {
  await requirePersonForWrite(ctx, personId);
  if (input.relatedPersonId === personId) throw fieldError('relatedPersonId', 'Eine Person kann nicht mit sich selbst verknüpft werden.');
  if (!(await repo.findPersonInScope(ctx.tx, ctx.actor, input.relatedPersonId))) {
    throw fieldError('relatedPersonId', 'Diese Person gibt es nicht oder Sie haben keinen Zugriff.');
  }
  if (input.kind === 'household' && input.familyRole) throw fieldError('familyRole', 'Eine Familienrolle gibt es nur bei Familie.');
  const row = await repo.insertRelation(ctx.tx, { personId, relatedPersonId: input.relatedPersonId, kind: input.kind, familyRole: input.familyRole ?? null });
  if (!row) throw conflict('Diese Verknüpfung besteht bereits.');
  await ctx.audit.record({
    action: 'persons.relation_add',
    subjectType: 'person',
    subjectId: personId,
    details: { personId, relatedPersonId: input.relatedPersonId, kind: input.kind },
  });
  return presentPerson(ctx, (await repo.findPersonInScope(ctx.tx, ctx.actor, personId))!, false);
}

/** For the consent module: the person's data for a consented extract; the caller has checked the consent. */
export async function unsafePersonForConsentedShare(ctx: AuthedContext, personId: string) {
  const row = await repo.unsafeFindPersonById(ctx.tx, personId);
  if (!row) return null;
  const statuses = presentResidenceStatuses(await repo.listResidenceStatuses(ctx.tx, personId));
  const household = await repo.countHousehold(ctx.tx, personId);
  return { row, residence: currentResidenceStatus(statuses), household, statuses };
}

export async function userNames(ctx: AuthedContext, ids: string[]) {
  return repo.findUserNames(ctx.tx, [...new Set(ids)]);
}
