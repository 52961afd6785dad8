import type { AuthedContext } from '../../platform/http/context.js';
import { narrativePdf, overviewPdf, overviewXlsx, statementPdf, statementXlsx } from './exports/documents.js';
import { tenantRootName } from './grants.repository.js';
import { budgetOverview } from './overview.service.js';
import { buildReport } from './reports.service.js';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

function safeName(s: string) {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export async function exportReport(
  ctx: AuthedContext,
  grantId: string,
  year: number,
  kind: 'statement.xlsx' | 'statement.pdf' | 'narrative.pdf',
): Promise<ExportFile> {
  const report = await buildReport(ctx, grantId, year);
  const base = `Verwendungsnachweis-${safeName(report.grantTitle)}-${year}`;
  let file: ExportFile;
  if (kind === 'statement.xlsx') file = { filename: `${base}.xlsx`, contentType: XLSX, body: await statementXlsx(report) };
  else if (kind === 'statement.pdf')
    file = { filename: `${base}.pdf`, contentType: PDF, body: await statementPdf(report, await tenantRootName(ctx.tx, ctx.actor)) };
  else
    file = {
      filename: `Sachbericht-${safeName(report.grantTitle)}-${year}.pdf`,
      contentType: PDF,
      body: await narrativePdf(report, await tenantRootName(ctx.tx, ctx.actor)),
    };
  // Receipts name payees: every export is on record.
  await ctx.audit.record({ action: 'funding.report_export', subjectType: 'funding_grant', subjectId: grantId, details: { year, kind } });
  return file;
}

export async function exportOverview(
  ctx: AuthedContext,
  year: number,
  organisationId: string | undefined,
  kind: 'xlsx' | 'pdf',
): Promise<ExportFile> {
  const overview = await budgetOverview(ctx, year, organisationId);
  const base = `Haushalt-Foerderprogramme-${year}`;
  const file =
    kind === 'xlsx'
      ? { filename: `${base}.xlsx`, contentType: XLSX, body: await overviewXlsx(overview) }
      : { filename: `${base}.pdf`, contentType: PDF, body: await overviewPdf(overview, await tenantRootName(ctx.tx, ctx.actor)) };
  await ctx.audit.record({
    action: 'funding.overview_export',
    subjectType: 'funding_overview',
    subjectId: String(year),
    details: { kind },
  });
  return file;
}
