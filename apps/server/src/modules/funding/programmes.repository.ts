import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { fundingProgrammes, fundingProgrammeVersions } from './funding.schema.js';

export type ProgrammeRow = typeof fundingProgrammes.$inferSelect;
export type ProgrammeVersionRow = typeof fundingProgrammeVersions.$inferSelect;
type ProgrammeValues = Omit<typeof fundingProgrammes.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
type VersionValues = Omit<typeof fundingProgrammeVersions.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'programmeId'>;

/** The catalogue is the same for the whole installation (Land programmes), so it has no organisation scope. */
export async function listProgrammes(db: DbOrTx) {
  return db.select().from(fundingProgrammes).orderBy(asc(fundingProgrammes.sortOrder), asc(fundingProgrammes.name));
}

export async function findProgramme(db: DbOrTx, id: string) {
  const [row] = await db.select().from(fundingProgrammes).where(eq(fundingProgrammes.id, id));
  return row;
}

export async function findProgrammeByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(fundingProgrammes).where(eq(fundingProgrammes.code, code));
  return row;
}

export async function listVersions(db: DbOrTx, programmeIds: string[]) {
  if (programmeIds.length === 0) return [];
  return db
    .select()
    .from(fundingProgrammeVersions)
    .where(inArray(fundingProgrammeVersions.programmeId, programmeIds))
    .orderBy(asc(fundingProgrammeVersions.validFrom));
}

export async function findVersion(db: DbOrTx, id: string) {
  const [row] = await db.select().from(fundingProgrammeVersions).where(eq(fundingProgrammeVersions.id, id));
  return row;
}

/** The rules in force on a day: the latest version that started on or before it and has not ended. */
export async function versionOn(db: DbOrTx, programmeId: string, day: string) {
  const [row] = await db
    .select()
    .from(fundingProgrammeVersions)
    .where(
      and(
        eq(fundingProgrammeVersions.programmeId, programmeId),
        sql`${fundingProgrammeVersions.validFrom} <= ${day}`,
        sql`(${fundingProgrammeVersions.validTo} IS NULL OR ${fundingProgrammeVersions.validTo} >= ${day})`,
      ),
    )
    .orderBy(sql`${fundingProgrammeVersions.validFrom} DESC`)
    .limit(1);
  return row;
}

export async function insertProgramme(db: DbOrTx, values: ProgrammeValues) {
  const [row] = await db.insert(fundingProgrammes).values(values).returning();
  return row!;
}

export async function updateProgramme(db: DbOrTx, id: string, version: number, values: Partial<ProgrammeValues>) {
  const [row] = await db
    .update(fundingProgrammes)
    .set({ ...values, version: sql`${fundingProgrammes.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingProgrammes.id, id), eq(fundingProgrammes.version, version)))
    .returning();
  return row;
}

export async function insertVersion(db: DbOrTx, programmeId: string, values: VersionValues) {
  const [row] = await db
    .insert(fundingProgrammeVersions)
    .values({ ...values, programmeId })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateVersion(db: DbOrTx, id: string, version: number, values: Partial<VersionValues>) {
  const [row] = await db
    .update(fundingProgrammeVersions)
    .set({ ...values, version: sql`${fundingProgrammeVersions.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingProgrammeVersions.id, id), eq(fundingProgrammeVersions.version, version)))
    .returning();
  return row;
}
