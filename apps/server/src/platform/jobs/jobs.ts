import PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import { fundingRemindersJob } from '../../modules/funding/funding.jobs.js';
import { directoryReviewReminderJob } from '../../modules/directory/directory.jobs.js';
import { personRetentionJob } from '../../modules/people/retention.js';
import { searchKeysRefreshJob } from '../../modules/people/rekey.js';

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface ScheduledJob {
  name: string;
  /** cron in Europe/Berlin */
  cron: string;
  run(database: Database, config: Config): Promise<void>;
}

/** Periodic work (retention, reminders, purges). A module adds its job here; every run is in the same database. */
export const scheduledJobs: ScheduledJob[] = [
  { name: 'sessions-purge', cron: '17 * * * *', run: (database) => purgeExpiredSessions(database.db) },
  fundingRemindersJob,
  directoryReviewReminderJob,
  personRetentionJob,
];

/** Work queued once at start when `needed` says so (e.g. derived data computed by an older release). */
export interface StartupJob {
  name: string;
  needed(database: Database): Promise<boolean>;
  run(database: Database, config: Config): Promise<void>;
}

export const startupJobs: StartupJob[] = [searchKeysRefreshJob];

export async function startJobs(database: Database, config: Config): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: database.url, max: 2, schema: 'pgboss' });
  boss.on('error', () => {});
  await boss.start();
  for (const job of scheduledJobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Berlin' });
    await boss.work(job.name, async () => job.run(database, config));
  }
  for (const job of startupJobs) {
    await boss.createQueue(job.name);
    await boss.work(job.name, async () => job.run(database, config));
    // Several instances may start at once: one queued run is enough.
    if (await job.needed(database)) await boss.send(job.name, {}, { singletonKey: job.name });
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
