import { addMonthsIso, formatDateDe, isoDateInBerlin } from '@teilhabe/shared';
import type { Config } from '../../config.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Database, DbOrTx } from '../../platform/db/client.js';
import type { ScheduledJob } from '../../platform/jobs/jobs.js';
import { sendMail } from '../../platform/mail.js';
import { notifyUser } from '../notifications/notifications.service.js';
import { unsafeContractsEndingBetween } from '../staffing/staffing.service.js';
import { claimReminder, unsafeGrantDeadlines, unsafeOpenOnwardReports, usersWithRolesInTenantOf } from './reminders.repository.js';

/** Who is reminded: the people who can act on funding and staffing (finance and the KI-Leitung). */
const RECIPIENT_ROLES = ['finance', 'lead'];

interface Reminder {
  key: string;
  organisationId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
}

/**
 * Daily reminders: contract ends 6 and 3 months ahead, Verwendungsnachweise due within 30 days, third parties'
 * reports due within 14 days, Mittelabruf dates within 7 days. In-app for every recipient, by e-mail when SMTP is
 * configured; each reminder goes out once per user. Texts name posts and grants, never the people holding them.
 */
export async function runFundingReminders(database: Database, config: Config | undefined, today = isoDateInBerlin()): Promise<number> {
  return database.db.transaction(async (tx) => {
    const reminders = await collectReminders(tx, today);
    let sent = 0;
    for (const r of reminders) {
      for (const user of await usersWithRolesInTenantOf(tx, r.organisationId, RECIPIENT_ROLES)) {
        if (!(await claimReminder(tx, `${r.key}:${user.id}`))) continue;
        await notifyUser(tx, { userId: user.id, kind: r.kind, title: r.title, body: r.body, link: r.link });
        if (config)
          await sendMail(config, { to: user.email, subject: `Teilhabe: ${r.title}`, text: `${r.body}\n\n${config.publicUrl}${r.link}\n` });
        sent++;
      }
    }
    await recordAudit(
      tx,
      { actor: null, requestId: 'job:funding-reminders' },
      { action: 'funding.reminders_sent', details: { today, sent } },
    );
    return sent;
  });
}

async function collectReminders(db: DbOrTx, today: string): Promise<Reminder[]> {
  const reminders: Reminder[] = [];
  const in3 = addMonthsIso(today, 3);
  for (const c of await unsafeContractsEndingBetween(db, today, addMonthsIso(today, 6))) {
    const threshold = c.contractEnd <= in3 ? 3 : 6;
    reminders.push({
      key: `contract:${c.occupancyId}:${c.contractEnd}:${threshold}`,
      organisationId: c.organisationId,
      kind: 'staffing.contract_end',
      title: `Vertrag endet am ${formatDateDe(c.contractEnd)}: Stelle ${c.postNumber}`,
      body: `Der befristete Vertrag auf der Stelle ${c.postNumber} (${c.postTitle}) endet in weniger als ${threshold} Monaten. Verlängerung oder Nachbesetzung klären.`,
      link: `/stellenplan/${c.postId}`,
    });
  }
  const in30 = addMonthsIso(today, 1);
  const in7 = new Date(`${today}T12:00:00Z`);
  in7.setUTCDate(in7.getUTCDate() + 7);
  const week = in7.toISOString().slice(0, 10);
  for (const g of await unsafeGrantDeadlines(db)) {
    if (g.report_due_date && g.report_due_date >= today && g.report_due_date <= in30 && !g.final) {
      reminders.push({
        key: `report:${g.grant_id}:${g.report_due_date}`,
        organisationId: g.organisation_id,
        kind: 'funding.report_due',
        title: `Verwendungsnachweis fällig am ${formatDateDe(g.report_due_date)}`,
        body: `Der Verwendungsnachweis für „${g.title}“ (Haushaltsjahr ${g.last_year}) ist bis ${formatDateDe(g.report_due_date)} vorzulegen.`,
        link: `/foerderung/bescheide/${g.grant_id}/nachweis/${g.last_year}`,
      });
    }
    for (const d of g.calloff_dates.filter((x) => x >= today && x <= week)) {
      reminders.push({
        key: `calloff:${g.grant_id}:${d}`,
        organisationId: g.organisation_id,
        kind: 'funding.calloff_due',
        title: `Mittelabruf am ${formatDateDe(d)}`,
        body: `Abruftermin für „${g.title}“. Der Vorschlag in Teilhabe rechnet den Bedarf der nächsten zwei Monate aus.`,
        link: `/foerderung/bescheide/${g.grant_id}`,
      });
    }
  }
  const in14 = new Date(`${today}T12:00:00Z`);
  in14.setUTCDate(in14.getUTCDate() + 14);
  for (const o of await unsafeOpenOnwardReports(db, today, in14.toISOString().slice(0, 10))) {
    reminders.push({
      key: `onward:${o.id}:${o.reportDueDate}`,
      organisationId: o.organisationId,
      kind: 'funding.onward_report_due',
      title: `Nachweis einer Weiterleitung fällig am ${formatDateDe(o.reportDueDate)}`,
      body: 'Der Verwendungsnachweis einer Empfängerin von weitergeleiteten Mitteln steht noch aus.',
      link: `/foerderung/bescheide/${o.grantId}`,
    });
  }
  return reminders;
}

/** Listed in `scheduledJobs` (platform/jobs/jobs.ts): daily at 06:15 Europe/Berlin. */
export const fundingRemindersJob: ScheduledJob = {
  name: 'funding-reminders',
  cron: '15 6 * * *',
  run: async (database, config) => {
    await runFundingReminders(database, config);
  },
};
