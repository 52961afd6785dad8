import { and, eq, sql } from 'drizzle-orm';
import type { SurveyAnswers, SurveyQuestion } from '@teilhabe/shared';
import type { Actor } from '../../platform/access/actor.js';
import { organisationSubtree } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notifications } from '../../platform/db/schema.js';
import { surveyResponses, surveys } from './surveys.schema.js';

export type SurveyRow = typeof surveys.$inferSelect & { counts: { total: number; submitted: number; draft: number; pending: number } };
export type ResponseRow = typeof surveyResponses.$inferSelect & { organisationName: string; ags: string | null };

const countsSql = sql`(SELECT json_build_object(
    'total', count(*)::int,
    'submitted', count(*) FILTER (WHERE r.status = 'submitted')::int,
    'draft', count(*) FILTER (WHERE r.status = 'draft')::int,
    'pending', count(*) FILTER (WHERE r.status = 'pending')::int)
  FROM survey_responses r WHERE r.survey_id = s.id)`;

function hydrateSurvey(row: Record<string, unknown>): SurveyRow {
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: row.id as string,
    title: row.title as string,
    description: row.description as string,
    status: row.status as string,
    questions: row.questions as SurveyQuestion[],
    templateKey: row.template_key as string | null,
    deadline: row.deadline as string | null,
    sentAt: d(row.sent_at),
    closedAt: d(row.closed_at),
    lastRemindedAt: d(row.last_reminded_at),
    createdBy: row.created_by as string | null,
    version: row.version as number,
    createdAt: d(row.created_at)!,
    updatedAt: d(row.updated_at)!,
    counts: row.counts as SurveyRow['counts'],
  };
}

export async function listSurveys(db: DbOrTx): Promise<SurveyRow[]> {
  const result = await db.execute(sql`SELECT s.*, ${countsSql} AS counts FROM surveys s ORDER BY s.created_at DESC`);
  return result.rows.map(hydrateSurvey);
}

export async function findSurvey(db: DbOrTx, id: string): Promise<SurveyRow | undefined> {
  const result = await db.execute(sql`SELECT s.*, ${countsSql} AS counts FROM surveys s WHERE s.id = ${id}`);
  return result.rows[0] ? hydrateSurvey(result.rows[0]) : undefined;
}

export async function insertSurvey(
  db: DbOrTx,
  values: { title: string; description: string; questions: SurveyQuestion[]; templateKey: string | null; createdBy: string },
): Promise<string> {
  const [row] = await db.insert(surveys).values(values).returning({ id: surveys.id });
  return row!.id;
}

export async function updateSurvey(db: DbOrTx, id: string, version: number, values: Partial<typeof surveys.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(surveys)
    .set({ ...values, version: sql`${surveys.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(surveys.id, id), eq(surveys.version, version)))
    .returning({ id: surveys.id });
  return rows.length === 1;
}

/** Every active Kommune of the Kreis: the addressees of an Abfrage. */
export async function kommunen(db: DbOrTx): Promise<{ id: string; name: string; ags: string | null }[]> {
  const result = await db.execute<{ id: string; name: string; ags: string | null }>(
    sql`SELECT id, name, ags FROM organisations WHERE kind = 'kommune' AND active ORDER BY name`,
  );
  return result.rows;
}

export async function createPendingResponses(db: DbOrTx, surveyId: string, organisationIds: string[]) {
  if (organisationIds.length) {
    await db
      .insert(surveyResponses)
      .values(organisationIds.map((organisationId) => ({ surveyId, organisationId })))
      .onConflictDoNothing();
  }
}

const responseSelect = sql`SELECT r.*, o.name AS "organisationName", o.ags FROM survey_responses r JOIN organisations o ON o.id = r.organisation_id`;

function hydrateResponse(row: Record<string, unknown>): ResponseRow {
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: row.id as string,
    surveyId: row.survey_id as string,
    organisationId: row.organisation_id as string,
    status: row.status as string,
    answers: row.answers as SurveyAnswers,
    submittedAt: d(row.submitted_at),
    submittedBy: row.submitted_by as string | null,
    updatedBy: row.updated_by as string | null,
    version: row.version as number,
    createdAt: d(row.created_at)!,
    updatedAt: d(row.updated_at)!,
    organisationName: row.organisationName as string,
    ags: row.ags as string | null,
  };
}

export async function responsesOf(db: DbOrTx, surveyId: string): Promise<ResponseRow[]> {
  const result = await db.execute(sql`${responseSelect} WHERE r.survey_id = ${surveyId} ORDER BY o.name`);
  return result.rows.map(hydrateResponse);
}

/** The response of one Kommune, only when that Kommune lies in the actor's organisations (else undefined → 404). */
export async function findOwnResponse(db: DbOrTx, actor: Actor, surveyId: string, organisationId: string): Promise<ResponseRow | undefined> {
  const result = await db.execute(
    sql`${responseSelect} WHERE r.survey_id = ${surveyId} AND r.organisation_id = ${organisationId} AND r.organisation_id IN ${organisationSubtree(actor)}`,
  );
  return result.rows[0] ? hydrateResponse(result.rows[0]) : undefined;
}

/** Surveys sent to the actor's Kommunen, with the state of their response. */
export async function assignedResponses(db: DbOrTx, actor: Actor) {
  const result = await db.execute<{
    surveyId: string;
    title: string;
    deadline: string | null;
    surveyStatus: string;
    organisationId: string;
    organisationName: string;
    status: string;
    submittedAt: string | null;
  }>(sql`
    SELECT s.id AS "surveyId", s.title, s.deadline, s.status AS "surveyStatus", r.organisation_id AS "organisationId",
           o.name AS "organisationName", r.status, r.submitted_at AS "submittedAt"
    FROM survey_responses r JOIN surveys s ON s.id = r.survey_id JOIN organisations o ON o.id = r.organisation_id
    WHERE s.status <> 'draft' AND r.organisation_id IN ${organisationSubtree(actor)}
    ORDER BY (s.status = 'open') DESC, s.deadline NULLS LAST, s.created_at DESC`);
  return result.rows;
}

export async function saveResponse(
  db: DbOrTx,
  id: string,
  version: number,
  values: { answers: SurveyAnswers; status: string; submittedAt?: Date; submittedBy?: string; updatedBy: string },
): Promise<boolean> {
  const rows = await db
    .update(surveyResponses)
    .set({ ...values, version: sql`${surveyResponses.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(surveyResponses.id, id), eq(surveyResponses.version, version)))
    .returning({ id: surveyResponses.id });
  return rows.length === 1;
}

/** The `municipality` users of the given Kommunen (for invitations and reminders). */
export async function municipalityUsers(db: DbOrTx, organisationIds: string[]): Promise<{ userId: string; organisationId: string }[]> {
  if (!organisationIds.length) return [];
  const result = await db.execute<{ userId: string; organisationId: string }>(sql`
    SELECT DISTINCT m.user_id AS "userId", m.organisation_id AS "organisationId" FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE u.active AND m.role = 'municipality' AND m.organisation_id IN (${sql.join(organisationIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return result.rows;
}

export async function notifyUsers(db: DbOrTx, rows: { userId: string; kind: string; title: string; body: string; link: string }[]) {
  if (rows.length) await db.insert(notifications).values(rows);
}
