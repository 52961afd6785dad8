import { z } from 'zod';
import {
  AddContactBody,
  AddGoalBody,
  AddTaskBody,
  Barrier,
  BreakGlassSession,
  ConsentFormQuery,
  ReviewBreakGlassBody,
  StartBreakGlassBody,
  PageQuery,
  ReportBarrierBody,
  AdmissionCriterion,
  Assessment,
  CaseDetail,
  CaseListQuery,
  CaseUserRef,
  CaseSummary,
  Evaluation,
  EvaluationQuery,
  ChangePhaseBody,
  Contact,
  Goal,
  IdParams,
  MyCasesOverview,
  MyCasesQuery,
  OpenCaseBody,
  Page,
  SaveAssessmentBody,
  SetCaseTeamBody,
  Task,
  UpdateCaseBody,
  UpdateGoalBody,
  UpdateTaskBody,
} from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { idempotent, requiredVersion } from '../../platform/http/preconditions.js';
import * as service from './cases.service.js';
import { evaluation } from './evaluation.service.js';
import { hilfeplanPdf } from './hilfeplan.pdf.js';

import { evaluationPdf, evaluationXlsx } from './evaluation.export.js';
import { listBarriers, listCaseBarriers, reportBarrier } from './barriers.service.js';
import * as breakGlass from './break-glass.service.js';

const tags = ['Fälle (KIM)'];

export const casesModule: Module = {
  name: 'cases',
  register(app) {
    app.get(
      '/api/v1/cases',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Fälle im eigenen Zuständigkeitsbereich', querystring: CaseListQuery, response: { 200: Page(CaseSummary) } } },
      async (request) => service.listCases(authed(request.ctx), request.query),
    );
    app.get(
      '/api/v1/cases/admission-criteria',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Aufnahmekriterien des Kreises für das Clearing', response: { 200: z.array(AdmissionCriterion) } } },
      async (request) => service.listAdmissionCriteria(authed(request.ctx)),
    );
    app.get(
      '/api/v1/evaluation',
      {
        config: { access: 'cases.evaluation' },
        schema: { tags, summary: 'Beratungszahlen eines Zeitraums (nur Summen; Werte unter 5 unterdrückt)', querystring: EvaluationQuery, response: { 200: Evaluation } },
      },
      async (request) => evaluation(authed(request.ctx), request.query.from, request.query.to),
    );
    app.get(
      '/api/v1/evaluation.xlsx',
      { config: { access: 'cases.evaluation' }, schema: { tags, summary: 'Beratungszahlen als XLSX (ein Blatt je Merkmal; unterdrückte Werte als •)', querystring: EvaluationQuery } },
      async (request, reply) => {
        const { from, to } = request.query;
        const xlsx = await evaluationXlsx(await evaluation(authed(request.ctx), from, to));
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="beratungszahlen-${from}-${to}.xlsx"`);
        return xlsx;
      },
    );
    app.get(
      '/api/v1/evaluation.pdf',
      { config: { access: 'cases.evaluation' }, schema: { tags, summary: 'Beratungszahlen als PDF mit Diagrammen (unterdrückte Werte als •)', querystring: EvaluationQuery } },
      async (request, reply) => {
        const { from, to } = request.query;
        const pdf = await evaluationPdf(await evaluation(authed(request.ctx), from, to));
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="beratungszahlen-${from}-${to}.pdf"`);
        return pdf;
      },
    );
    app.get(
      '/api/v1/barriers',
      { config: { access: 'barriers.read' }, schema: { tags, summary: 'Systembarrieren aus der Fallarbeit (anonymisiert, für Koordination und Lenkungsgruppe)', querystring: PageQuery, response: { 200: Page(Barrier) } } },
      async (request) => listBarriers(authed(request.ctx), request.query.limit, request.query.offset),
    );
    app.get(
      '/api/v1/cases/:id/barriers',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Aus diesem Fall gemeldete Systembarrieren', params: IdParams, response: { 200: z.array(Barrier) } } },
      async (request) => listCaseBarriers(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/cases/:id/barriers',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Systembarriere melden (ohne personenbezogene Angaben)', params: IdParams, body: ReportBarrierBody, response: { 201: Barrier } } },
      async (request, reply) => {
        reply.status(201);
        return reportBarrier(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.post(
      '/api/v1/cases/:id/break-glass',
      {
        config: { access: 'cases.breakglass' },
        schema: { tags, summary: 'Notfallzugriff: Grund + TOTP, 30 Minuten nur lesend auf diesen Fall; die KI-Leitung wird benachrichtigt', params: IdParams, body: StartBreakGlassBody, response: { 201: BreakGlassSession } },
      },
      async (request, reply) => {
        reply.status(201);
        return breakGlass.startBreakGlass(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.post(
      '/api/v1/break-glass/:id/end',
      { config: { access: 'cases.breakglass' }, schema: { tags, summary: 'Eigenen Notfallzugriff beenden', params: IdParams, response: { 200: BreakGlassSession } } },
      async (request) => breakGlass.endBreakGlass(authed(request.ctx), request.params.id),
    );
    app.get(
      '/api/v1/break-glass',
      { config: { access: 'cases.approve' }, schema: { tags, summary: 'Notfallzugriffe zur Prüfung (KI-Leitung)', response: { 200: z.array(BreakGlassSession) } } },
      async (request) => breakGlass.listForReview(authed(request.ctx)),
    );
    app.post(
      '/api/v1/break-glass/:id/review',
      { config: { access: 'cases.approve' }, schema: { tags, summary: 'Notfallzugriff prüfen (If-Match: Version)', params: IdParams, body: ReviewBreakGlassBody, response: { 200: BreakGlassSession } } },
      async (request) => breakGlass.reviewBreakGlass(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.get(
      '/api/v1/my-cases',
      {
        config: { access: 'cases.read' },
        schema: { tags, summary: 'Meine Fälle: fällige Wiedervorlagen, Fälle ohne Kontakt seit N Wochen, anstehende Überprüfungen', querystring: MyCasesQuery, response: { 200: MyCasesOverview } },
      },
      async (request) => service.myCases(authed(request.ctx), request.query.weeksWithoutContact),
    );
    app.get(
      '/api/v1/cases/:id',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Ein Fall mit Phasenverlauf', params: IdParams, response: { 200: CaseDetail } } },
      async (request) => service.getCase(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/cases',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Fall eröffnen (Phase Zugang; Idempotency-Key empfohlen)', body: OpenCaseBody, response: { 201: CaseDetail } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.openCase(ctx, request.body) }));
        reply.status(201);
        return result.body;
      },
    );
    app.patch(
      '/api/v1/cases/:id',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Fall ändern (If-Match: Version)', params: IdParams, body: UpdateCaseBody, response: { 200: CaseDetail } } },
      async (request) => service.updateCase(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.post(
      '/api/v1/cases/:id/phase',
      {
        config: { access: 'cases.write' },
        schema: { tags, summary: 'Phase wechseln (mit Clearing-Ergebnis bzw. Abschlussgrund; If-Match: Version)', params: IdParams, body: ChangePhaseBody, response: { 200: CaseDetail } },
      },
      async (request) => service.changePhase(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
    app.put(
      '/api/v1/cases/:id/deputies',
      {
        // Case manager (cases.write) or KI-Leitung (read-only otherwise): the service checks who may change the team.
        config: { access: 'cases.read' },
        schema: { tags, summary: 'Vertretungen des Falls setzen: fallführende Fachkraft oder KI-Leitung (If-Match: Version)', params: IdParams, body: SetCaseTeamBody, response: { 200: CaseDetail } },
      },
      async (request) => service.setDeputies(authed(request.ctx), request.params.id, requiredVersion(request), request.body.deputyIds),
    );
    app.get(
      '/api/v1/cases/:id/deputy-candidates',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Case Manager:innen der Organisation des Falls, die vertreten können', params: IdParams, response: { 200: z.array(CaseUserRef) } } },
      async (request) => service.deputyCandidates(authed(request.ctx), request.params.id),
    );

    app.get(
      '/api/v1/cases/:id/contacts',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Beratungskontakte (Notizen je nach Vertraulichkeit)', params: IdParams, response: { 200: z.array(Contact) } } },
      async (request) => service.listContacts(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/cases/:id/contacts',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Beratungskontakt erfassen', params: IdParams, body: AddContactBody, response: { 201: Contact } } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const result = await idempotent(ctx.tx, request, ctx.actor.userId, async () => ({ status: 201, body: await service.addContact(ctx, request.params.id, request.body) }));
        reply.status(201);
        return result.body;
      },
    );

    app.get(
      '/api/v1/cases/:id/goals',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Hilfeplan: Ziele je Lebensbereich', params: IdParams, response: { 200: z.array(Goal) } } },
      async (request) => service.listGoals(authed(request.ctx), request.params.id),
    );
    app.get(
      '/api/v1/cases/:id/hilfeplan.pdf',
      {
        config: { access: 'cases.read' },
        schema: {
          tags,
          summary: 'Hilfeplan als PDF (Standardtexte auf Deutsch und in der Sprache der Person oder der gewählten Sprache; de = nur Deutsch)',
          params: IdParams,
          // The Hilfeplan is printed in the languages of the consent form.
          querystring: ConsentFormQuery,
        },
      },
      async (request, reply) => {
        const { pdf, filename } = await hilfeplanPdf(authed(request.ctx), request.params.id, request.query.language);
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`);
        return pdf;
      },
    );
    app.post(
      '/api/v1/cases/:id/goals',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Ziel in den Hilfeplan aufnehmen', params: IdParams, body: AddGoalBody, response: { 201: Goal } } },
      async (request, reply) => {
        reply.status(201);
        return service.addGoal(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.patch(
      '/api/v1/goals/:id',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Ziel ändern, Schritte abhaken, Zielerreichung (If-Match: Version)', params: IdParams, body: UpdateGoalBody, response: { 200: Goal } } },
      async (request) => service.updateGoal(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );

    app.get(
      '/api/v1/cases/:id/assessment',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Assessment je Lebensbereich', params: IdParams, response: { 200: z.array(Assessment) } } },
      async (request) => service.getAssessment(authed(request.ctx), request.params.id),
    );
    app.put(
      '/api/v1/cases/:id/assessment',
      {
        config: { access: 'cases.write' },
        schema: { tags, summary: 'Assessment eines Lebensbereichs speichern (If-Match: Version des Lebensbereichs, 0 beim ersten Mal)', params: IdParams, body: SaveAssessmentBody, response: { 200: Assessment } },
      },
      async (request) => {
        const { lifeDomain, ...values } = request.body;
        return service.saveAssessment(authed(request.ctx), request.params.id, lifeDomain, requiredVersion(request), values);
      },
    );

    app.get(
      '/api/v1/cases/:id/tasks',
      { config: { access: 'cases.read' }, schema: { tags, summary: 'Wiedervorlagen des Falls', params: IdParams, response: { 200: z.array(Task) } } },
      async (request) => service.listTasks(authed(request.ctx), request.params.id),
    );
    app.post(
      '/api/v1/cases/:id/tasks',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Wiedervorlage anlegen', params: IdParams, body: AddTaskBody, response: { 201: Task } } },
      async (request, reply) => {
        reply.status(201);
        return service.addTask(authed(request.ctx), request.params.id, request.body);
      },
    );
    app.patch(
      '/api/v1/tasks/:id',
      { config: { access: 'cases.write' }, schema: { tags, summary: 'Wiedervorlage ändern oder erledigen (If-Match: Version)', params: IdParams, body: UpdateTaskBody, response: { 200: Task } } },
      async (request) => service.updateTask(authed(request.ctx), request.params.id, requiredVersion(request), request.body),
    );
  },
};
