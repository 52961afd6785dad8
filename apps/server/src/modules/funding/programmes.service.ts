import {
  isoDateInBerlin,
  previousDayIso,
  type FinancingType,
  type Programme,
  type ProgrammeSection,
  type ProgrammeVersion,
  type ProgrammeVersionInput,
} from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './programmes.repository.js';

function presentVersion(row: repo.ProgrammeVersionRow): ProgrammeVersion {
  return {
    id: row.id,
    validFrom: row.validFrom,
    validTo: row.validTo,
    legalReference: row.legalReference,
    guideline: row.guideline,
    flatRatePerFteCents: row.flatRatePerFteCents,
    maxAmountCents: row.maxAmountCents,
    maxFteMilli: row.maxFteMilli,
    applicationDeadline: row.applicationDeadline,
    reportDeadline: row.reportDeadline,
    notes: row.notes,
    version: row.version,
  };
}

/** The version in force on `day`, else the latest that started before it, else the first. */
export function versionInForce<T extends { validFrom: string; validTo: string | null }>(versions: readonly T[], day: string): T | null {
  const sorted = [...versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const inForce = sorted.filter((v) => v.validFrom <= day && (v.validTo === null || v.validTo >= day)).pop();
  return inForce ?? sorted.filter((v) => v.validFrom <= day).pop() ?? sorted[0] ?? null;
}

function present(row: repo.ProgrammeRow, versions: repo.ProgrammeVersionRow[], ctx: AuthedContext): Programme {
  const own = versions.filter((v) => v.programmeId === row.id).map(presentVersion);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    parentId: row.parentId,
    grantGiver: row.grantGiver,
    section: row.section as ProgrammeSection,
    financingType: row.financingType as FinancingType,
    passThroughAllowed: row.passThroughAllowed,
    active: row.active,
    version: row.version,
    current: versionInForce(own, isoDateInBerlin()),
    versions: own,
    can: { edit: hasPermission(ctx.actor, 'funding.write') },
  };
}

export async function listProgrammes(ctx: AuthedContext): Promise<Programme[]> {
  const rows = await repo.listProgrammes(ctx.tx);
  const versions = await repo.listVersions(
    ctx.tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, versions, ctx));
}

export async function getProgramme(ctx: AuthedContext, id: string): Promise<Programme> {
  const row = await repo.findProgramme(ctx.tx, id);
  if (!row) throw notFound('Förderprogramm nicht gefunden.');
  return present(row, await repo.listVersions(ctx.tx, [id]), ctx);
}

/** For other modules: a programme's name and section, or undefined. */
export async function programmeBasics(db: DbOrTx, id: string) {
  const row = await repo.findProgramme(db, id);
  return row
    ? {
        id: row.id,
        name: row.name,
        shortName: row.shortName,
        code: row.code,
        section: row.section as ProgrammeSection,
        parentId: row.parentId,
      }
    : undefined;
}

/** For other modules: all programmes with the root each belongs to (Bausteine roll up to their programme). */
export async function programmeTree(db: DbOrTx) {
  const rows = await repo.listProgrammes(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const rootOf = (id: string): repo.ProgrammeRow => {
    let row = byId.get(id)!;
    for (let guard = 0; row.parentId && byId.has(row.parentId) && guard < 10; guard++) row = byId.get(row.parentId)!;
    return row;
  };
  return { rows, byId, rootOf };
}

/** The flat rate per VZÄ in force on a day (null when the programme has none). */
export async function flatRateOn(db: DbOrTx, programmeId: string, day: string): Promise<number | null> {
  return (await repo.versionOn(db, programmeId, day))?.flatRatePerFteCents ?? null;
}

function checkVersionInput(input: Partial<ProgrammeVersionInput>, prefix = '') {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw fieldError(`${prefix}validTo`, 'Das Ende der Gültigkeit liegt vor ihrem Beginn.');
  }
}

function versionValues(input: ProgrammeVersionInput) {
  return {
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    legalReference: input.legalReference,
    guideline: input.guideline ?? '',
    flatRatePerFteCents: input.flatRatePerFteCents ?? null,
    maxAmountCents: input.maxAmountCents ?? null,
    maxFteMilli: input.maxFteMilli ?? null,
    applicationDeadline: input.applicationDeadline ?? null,
    reportDeadline: input.reportDeadline ?? null,
    notes: input.notes ?? '',
  };
}

export async function createProgramme(
  ctx: AuthedContext,
  input: {
    code: string;
    name: string;
    shortName: string;
    parentId?: string | null;
    grantGiver: string;
    section: ProgrammeSection;
    financingType: FinancingType;
    passThroughAllowed: boolean;
    firstVersion: ProgrammeVersionInput;
  },
) {
  checkVersionInput(input.firstVersion, 'firstVersion.');
  if (await repo.findProgrammeByCode(ctx.tx, input.code)) throw conflict('Dieses Kürzel ist schon vergeben.', { code: 'Schon vergeben' });
  if (input.parentId && !(await repo.findProgramme(ctx.tx, input.parentId)))
    throw fieldError('parentId', 'Das übergeordnete Programm gibt es nicht.');
  const row = await repo.insertProgramme(ctx.tx, {
    code: input.code,
    name: input.name,
    shortName: input.shortName,
    parentId: input.parentId ?? null,
    grantGiver: input.grantGiver,
    section: input.section,
    financingType: input.financingType,
    passThroughAllowed: input.passThroughAllowed,
  });
  await repo.insertVersion(ctx.tx, row.id, versionValues(input.firstVersion));
  await ctx.audit.record({
    action: 'funding.programme_create',
    subjectType: 'funding_programme',
    subjectId: row.id,
    details: { code: row.code },
  });
  return getProgramme(ctx, row.id);
}

export async function updateProgramme(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: {
    name?: string;
    shortName?: string;
    grantGiver?: string;
    section?: ProgrammeSection;
    financingType?: FinancingType;
    passThroughAllowed?: boolean;
    active?: boolean;
  },
) {
  if (!(await repo.findProgramme(ctx.tx, id))) throw notFound('Förderprogramm nicht gefunden.');
  if (!(await repo.updateProgramme(ctx.tx, id, version, input))) throw versionConflict();
  await ctx.audit.record({
    action: 'funding.programme_update',
    subjectType: 'funding_programme',
    subjectId: id,
    details: { fields: Object.keys(input) },
  });
  return getProgramme(ctx, id);
}

/** A new dated version (e.g. a new Richtlinie or flat rate); the open-ended version before it ends the day before. */
export async function addProgrammeVersion(ctx: AuthedContext, programmeId: string, input: ProgrammeVersionInput) {
  checkVersionInput(input);
  if (!(await repo.findProgramme(ctx.tx, programmeId))) throw notFound('Förderprogramm nicht gefunden.');
  const existing = await repo.listVersions(ctx.tx, [programmeId]);
  const previousOpen = existing.filter((v) => v.validTo === null && v.validFrom < input.validFrom).pop();
  if (previousOpen) await repo.updateVersion(ctx.tx, previousOpen.id, previousOpen.version, { validTo: previousIsoDay(input.validFrom) });
  const row = await repo.insertVersion(ctx.tx, programmeId, versionValues(input));
  if (!row) throw conflict('Für diesen Tag gibt es schon eine Fassung. Bitte diese ändern.', { validFrom: 'Schon vorhanden' });
  await ctx.audit.record({
    action: 'funding.programme_version_add',
    subjectType: 'funding_programme',
    subjectId: programmeId,
    details: { versionId: row.id, validFrom: row.validFrom },
  });
  return getProgramme(ctx, programmeId);
}

function previousIsoDay(iso: string) {
  return previousDayIso(iso);
}

export async function updateProgrammeVersion(ctx: AuthedContext, id: string, version: number, input: Partial<ProgrammeVersionInput>) {
  const current = await repo.findVersion(ctx.tx, id);
  if (!current) throw notFound('Fassung nicht gefunden.');
  const validFrom = input.validFrom ?? current.validFrom;
  const validTo = input.validTo === undefined ? current.validTo : input.validTo;
  if (validTo !== null && validTo < validFrom) throw fieldError('validTo', 'Das Ende der Gültigkeit liegt vor ihrem Beginn.');
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) values[key] = value;
  if (!(await repo.updateVersion(ctx.tx, id, version, values))) throw versionConflict();
  await ctx.audit.record({
    action: 'funding.programme_version_update',
    subjectType: 'funding_programme',
    subjectId: current.programmeId,
    details: { versionId: id, fields: Object.keys(values) },
  });
  return getProgramme(ctx, current.programmeId);
}

/** For seeds and other modules: a catalogue programme's id by its code (KIM_B2, IP_14C, …). */
export async function programmeIdByCode(db: DbOrTx, code: string): Promise<string> {
  const row = await repo.findProgrammeByCode(db, code);
  if (!row) throw new Error(`Programme ${code} missing from the catalogue`);
  return row.id;
}
