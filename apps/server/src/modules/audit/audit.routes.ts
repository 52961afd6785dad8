import { z } from 'zod';
import { AuditEvent, AuditQuery, Page } from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { CSV_BOM, csvLine } from '../../platform/csv.js';
import * as repo from './audit.repository.js';

const tags = ['Audit'];

export const auditModule: Module = {
  name: 'audit',
  register(app, { database }) {
    app.get(
      '/api/v1/audit-events',
      { config: { access: 'audit.read' }, schema: { tags, summary: 'Audit-Protokoll filtern (neueste zuerst)', querystring: AuditQuery, response: { 200: Page(AuditEvent) } } },
      async (request) => {
        const { items, total } = await repo.queryAudit(request.ctx.tx, request.query);
        return {
          items: items.map((r) => ({ ...r, seq: Number(r.seq), occurredAt: new Date(r.occurredAt).toISOString() })),
          total,
          limit: request.query.limit,
          offset: request.query.offset,
        };
      },
    );

    app.get(
      '/api/v1/audit-events/export.csv',
      { config: { access: 'audit.read' }, schema: { tags, summary: 'Audit-Protokoll als CSV exportieren', querystring: AuditQuery.omit({ limit: true, offset: true }), produces: ['text/csv'] } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        let out = CSV_BOM + csvLine(['Nr', 'Zeit (UTC)', 'Akteur:in', 'E-Mail', 'Rolle', 'Aktion', 'Gegenstand', 'Gegenstand-ID', 'Ergebnis', 'Request-ID', 'Details']);
        let rows = 0;
        for await (const page of repo.exportAudit(ctx.tx, request.query)) {
          for (const r of page) {
            rows++;
            out += csvLine([r.seq, new Date(r.occurredAt), r.actorId, r.actorEmail, r.actorRole, r.action, r.subjectType, r.subjectId, r.outcome, r.requestId, r.details]);
          }
        }
        await ctx.audit.record({ action: 'audit.export', subjectType: 'audit_events', details: { rows, filter: request.query } });
        const stamp = new Date().toISOString().slice(0, 10);
        // Returned, not sent: the export's own audit row commits before the file leaves the server.
        reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-protokoll-${stamp}.csv"`);
        return out;
      },
    );

    app.get(
      '/api/v1/audit-events/verify',
      {
        config: { access: 'audit.read' },
        schema: {
          tags,
          summary: 'Hash-Kette des Audit-Protokolls prüfen',
          response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBroken: z.object({ seq: z.number(), id: z.string(), reason: z.string() }).optional() }) },
        },
      },
      async (request) => {
        const report = await verifyAuditChain(database.pool);
        await request.ctx.audit.record({ action: 'audit.verify', outcome: report.ok ? 'success' : 'failure', details: { checked: report.checked } });
        return report;
      },
    );
  },
};
