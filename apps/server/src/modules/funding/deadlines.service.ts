import { addMonthsIso, formatDateDe, formatEuro, isoDateInBerlin, type Deadline, type DeadlineLevel } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { contractEnds } from '../staffing/staffing.service.js';
import * as repo from './grants.repository.js';
import { listOnwardGrantsOf, loadGrantsOfTenant } from './grants.service.js';
import { listProgrammes } from './programmes.service.js';

export function deadlineLevel(date: string, today: string): DeadlineLevel {
  if (date < today) return 'overdue';
  if (date <= addMonthsIso(today, 3)) return 'within_3_months';
  if (date <= addMonthsIso(today, 6)) return 'within_6_months';
  return 'later';
}

/**
 * Every date the KI must not miss, from three months back (what is overdue and still open) to `months` ahead:
 * Mittelabruf dates, use-by dates, Verwendungsnachweis due dates (own and third parties'), contract ends and
 * application deadlines of the programmes.
 */
export async function listDeadlines(ctx: AuthedContext, opts: { from?: string; months: number }) {
  const today = opts.from ?? isoDateInBerlin();
  const start = addMonthsIso(today, -3);
  const end = addMonthsIso(today, opts.months);
  const inWindow = (d: string | null): d is string => d !== null && d >= start && d <= end;
  const items: Deadline[] = [];
  const push = (item: Omit<Deadline, 'level'>) => items.push({ ...item, level: deadlineLevel(item.date, today) });

  const grants = await loadGrantsOfTenant(ctx);
  const grantIds = grants.map((g) => g.row.id);
  const [calloffs, reports, onward] = await Promise.all([
    repo.listCalloffs(ctx.tx, grantIds),
    repo.listReports(ctx.tx, grantIds),
    listOnwardGrantsOf(ctx, grantIds),
  ]);
  for (const g of grants) {
    const r = g.current.row;
    const link = `/foerderung/bescheide/${g.row.id}`;
    for (const date of r.calloffDates.filter(inWindow)) {
      const done = calloffs.some((c) => c.grantId === g.row.id && c.callDate === date && c.status !== 'cancelled');
      if (done && date < today) continue;
      push({
        kind: 'calloff',
        date,
        title: `Mittelabruf: ${g.row.title}`,
        detail: done ? 'Abruf erfasst' : `Aktenzeichen ${r.fileNumber}`,
        link,
      });
    }
    if (inWindow(r.useByDate)) {
      push({
        kind: 'use_by',
        date: r.useByDate,
        title: `Verwendungsfrist endet: ${g.row.title}`,
        detail: `Mittel sind bis ${formatDateDe(r.useByDate)} zu verbrauchen.`,
        link,
      });
    }
    if (inWindow(r.reportDueDate)) {
      const lastYear = Number(r.approvalEnd.slice(0, 4));
      const final = reports.some((x) => x.grantId === g.row.id && x.budgetYear === lastYear && x.status === 'final');
      if (!(final && r.reportDueDate < today)) {
        push({
          kind: 'report_due',
          date: r.reportDueDate,
          title: `Verwendungsnachweis fällig: ${g.row.title}`,
          detail: final ? 'abgeschlossen' : `Haushaltsjahr ${lastYear} – noch nicht abgeschlossen`,
          link: `/foerderung/bescheide/${g.row.id}/nachweis/${lastYear}`,
        });
      }
    }
  }
  for (const o of onward) {
    if (!inWindow(o.reportDueDate) || (o.reportReceivedDate && o.reportDueDate < today)) continue;
    push({
      kind: 'onward_report_due',
      date: o.reportDueDate,
      title: `Verwendungsnachweis von ${o.recipient.name}`,
      detail: `${formatEuro(o.amountCents)} (${o.budgetYear}) – ${o.reportReceivedDate ? `eingegangen am ${formatDateDe(o.reportReceivedDate)}` : 'noch nicht eingegangen'}`,
      link: `/foerderung/bescheide/${o.grantId}`,
    });
  }
  for (const c of await contractEnds(ctx, start, end)) {
    push({
      kind: 'contract_end',
      date: c.contractEnd,
      title: `Vertragsende: Stelle ${c.postNumber} – ${c.postTitle}`,
      detail: c.holderName,
      link: `/stellenplan/${c.postId}`,
    });
  }
  const programmes = await listProgrammes(ctx);
  for (const p of programmes.filter((x) => x.active && x.current?.applicationDeadline)) {
    const parent = programmes.find((x) => x.id === p.parentId);
    if (parent?.current?.applicationDeadline === p.current!.applicationDeadline) continue;
    for (const year of [Number(start.slice(0, 4)), Number(start.slice(0, 4)) + 1, Number(start.slice(0, 4)) + 2]) {
      const date = `${year}-${p.current!.applicationDeadline}`;
      if (inWindow(date) && date >= today)
        push({ kind: 'application', date, title: `Antragsfrist: ${p.shortName}`, detail: p.name, link: `/foerderung/programme/${p.id}` });
    }
  }
  items.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'de'));
  return { today, items };
}
