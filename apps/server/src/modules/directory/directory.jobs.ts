import type { Config } from '../../config.js';
import { AuditWriter } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/client.js';
import type { ScheduledJob } from '../../platform/jobs/jobs.js';
import type { RequestContext } from '../../platform/http/context.js';
import { sendReviewReminders } from './directory.service.js';

/**
 * Daily at 06:40: reminds providers of offers unconfirmed for 6 months (in-app notification; at most every 30 days).
 * Runs as the system (no user): the context is built here, with its own transaction and audit writer.
 */
export async function runReviewReminders(database: Database, _config?: Config): Promise<number> {
  return database.db.transaction(async (tx) => {
    const systemContext: RequestContext = {
      actor: null,
      tx,
      audit: new AuditWriter(tx, { actor: null, requestId: 'job:directory-review-reminders' }),
      requestId: 'job:directory-review-reminders',
      ip: '',
    };
    return sendReviewReminders(systemContext);
  });
}

/** To be listed in `scheduledJobs` (platform/jobs/jobs.ts). */
export const directoryReviewReminderJob: ScheduledJob = {
  name: 'directory-review-reminders',
  cron: '40 6 * * *',
  run: async (database, config) => {
    await runReviewReminders(database, config);
  },
};
