import { isoDateInBerlin, RETENTION_RECORD_CLASSES, type RetentionRecordClass, type RetentionRule } from '@teilhabe/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Database, DbOrTx } from '../../platform/db/client.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { versionConflict } from '../../platform/http/errors.js';
import type { ScheduledJob } from '../../platform/jobs/jobs.js';
import * as repo from './lifecycle.repository.js';
import { anonymiseByRetention } from './people.erasure.js';

/** Defaults when no rule is stored: persons are anonymised 3 years after their last case closed. */
export const DEFAULT_RETENTION: Record<RetentionRecordClass, { label: string; anonymiseAfterMonths: number; minRetentionMonths: number }> = {
  person: { label: 'Personen mit abgeschlossenen Fällen (Monate nach dem letzten Fallabschluss)', anonymiseAfterMonths: 36, minRetentionMonths: 0 },
};

export async function retentionRuleFor(db: DbOrTx, recordClass: RetentionRecordClass): Promise<RetentionRule> {
  const row = await repo.findRetentionRule(db, recordClass);
  const d = DEFAULT_RETENTION[recordClass];
  return {
    recordClass,
    label: d.label,
    anonymiseAfterMonths: row?.anonymiseAfterMonths ?? d.anonymiseAfterMonths,
    minRetentionMonths: row?.minRetentionMonths ?? d.minRetentionMonths,
    isDefault: !row,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    version: row?.version ?? 0,
  };
}

export async function listRetentionRules(ctx: AuthedContext): Promise<RetentionRule[]> {
  const rules = [];
  for (const c of RETENTION_RECORD_CLASSES) rules.push(await retentionRuleFor(ctx.tx, c));
  return rules;
}

/** Changes a rule (If-Match: its version, 0 while the default applies). */
export async function updateRetentionRule(
  ctx: AuthedContext,
  recordClass: RetentionRecordClass,
  version: number,
  input: { anonymiseAfterMonths: number; minRetentionMonths: number },
): Promise<RetentionRule> {
  const row = await repo.upsertRetentionRule(ctx.tx, recordClass, version, { ...input, updatedBy: ctx.actor.userId });
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'retention.rule_update', subjectType: 'retention_rule', details: { recordClass, ...input } });
  return retentionRuleFor(ctx.tx, recordClass);
}

/**
 * The nightly retention run: anonymises every person whose last case closed the rule's months ago (no open case, no
 * legal hold), one audit event per person with the system as actor. `today` is a parameter for tests.
 */
export async function runRetention(database: Database, today = isoDateInBerlin()): Promise<string[]> {
  return database.db.transaction(async (tx) => {
    const origin = { actor: null, requestId: 'job:person-retention' };
    const rule = await retentionRuleFor(tx, 'person');
    const due = await repo.unsafePersonsDueForAnonymisation(tx, today, rule.anonymiseAfterMonths);
    for (const id of due) await anonymiseByRetention(tx, origin, id, 'person');
    await recordAudit(tx, origin, { action: 'retention.run', details: { today, anonymised: due.length, anonymiseAfterMonths: rule.anonymiseAfterMonths } });
    return due;
  });
}

/** Listed in `scheduledJobs` (platform/jobs/jobs.ts): nightly at 02:40 Europe/Berlin. */
export const personRetentionJob: ScheduledJob = {
  name: 'person-retention',
  cron: '40 2 * * *',
  run: async (database) => {
    await runRetention(database);
  },
};
