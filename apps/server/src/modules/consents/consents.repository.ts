import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { organisations } from '../../platform/db/schema.js';
import { personScope } from '../cases/case-scope.repository.js';
import { consents } from './consents.schema.js';

export type ConsentRow = typeof consents.$inferSelect;
export type ConsentView = ConsentRow & { recipientName: string };

/** Today in the Kreis' time zone: a consent valid "until 31.03." is valid the whole of that day in Germany. */
export const TODAY_BERLIN = sql`(now() AT TIME ZONE 'Europe/Berlin')::date`;

/** A consent counts from its date, until its end date, and never after its withdrawal. */
export const consentIsValid = (alias: string) => {
  const c = sql.raw(`"${alias}"`);
  return sql`(${c}.withdrawn_at IS NULL AND ${c}.given_at <= ${TODAY_BERLIN} AND (${c}.valid_until IS NULL OR ${c}.valid_until >= ${TODAY_BERLIN}))`;
};

export async function insertConsent(db: DbOrTx, values: typeof consents.$inferInsert): Promise<ConsentRow> {
  const [row] = await db.insert(consents).values(values).returning();
  return row!;
}

export async function listConsentsOfPerson(db: DbOrTx, personId: string): Promise<ConsentView[]> {
  const rows = await db
    .select({ consent: consents, recipientName: organisations.name })
    .from(consents)
    .innerJoin(organisations, eq(organisations.id, consents.recipientOrganisationId))
    .where(eq(consents.personId, personId))
    .orderBy(sql`${consents.givenAt} DESC`, sql`${consents.createdAt} DESC`);
  return rows.map((r) => ({ ...r.consent, recipientName: r.recipientName }));
}

/** A consent of a person the actor may see. */
export async function findConsentInScope(db: DbOrTx, actor: Actor, id: string): Promise<ConsentView | undefined> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT k.id FROM consents k JOIN persons p ON p.id = k.person_id WHERE k.id = ${id}::uuid AND ${personScope(actor, 'p')}`);
  if (!result.rows[0]) return undefined;
  const [row] = await db
    .select({ consent: consents, recipientName: organisations.name })
    .from(consents)
    .innerJoin(organisations, eq(organisations.id, consents.recipientOrganisationId))
    .where(eq(consents.id, id));
  return row ? { ...row.consent, recipientName: row.recipientName } : undefined;
}

export async function withdrawConsent(db: DbOrTx, id: string, version: number, userId: string): Promise<ConsentRow | undefined> {
  const [row] = await db
    .update(consents)
    .set({ withdrawnAt: sql`now()`, withdrawnBy: userId, version: sql`${consents.version} + 1` })
    .where(and(eq(consents.id, id), eq(consents.version, version), sql`${consents.withdrawnAt} IS NULL`))
    .returning();
  return row;
}

/** The data categories that valid consents of a person release to one recipient organisation (empty: none). */
export async function validConsentCategories(db: DbOrTx, personId: string, recipientOrganisationId: string): Promise<string[]> {
  const result = await db.execute<{ category: string }>(sql`
    SELECT DISTINCT unnest(k.categories) AS category FROM consents k
    WHERE k.person_id = ${personId}::uuid AND k.recipient_organisation_id = ${recipientOrganisationId}::uuid AND ${consentIsValid('k')}`);
  return result.rows.map((r) => r.category);
}

export async function findOrganisation(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(eq(organisations.id, id));
  return row;
}
