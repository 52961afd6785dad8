import {
  answerSchema,
  HANDLUNGSFELD_LABELS_DE,
  HANDLUNGSFELDER,
  isAnswered,
  isQuestionActive,
  type Survey,
  type SurveyAnswers,
  type SurveyAnswerValue,
  type SurveyQuestion,
  type SurveyResponse,
  type SurveyStatus,
  type SurveySummary,
  type ResponseStatus,
} from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import * as repo from './surveys.repository.js';
import { SURVEY_TEMPLATE_DEFS } from './surveys.templates.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentSurvey(row: repo.SurveyRow, ctx: AuthedContext): Survey {
  const manage = hasPermission(ctx.actor, 'surveys.manage');
  const status = row.status as SurveyStatus;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status,
    questions: row.questions,
    templateKey: row.templateKey,
    deadline: row.deadline,
    sentAt: iso(row.sentAt),
    closedAt: iso(row.closedAt),
    lastRemindedAt: iso(row.lastRemindedAt),
    counts: row.counts,
    version: row.version,
    can: {
      edit: manage && status === 'draft',
      send: manage && status === 'draft',
      remind: manage && status === 'open' && row.counts.submitted < row.counts.total,
      close: manage && status === 'open',
    },
  };
}

async function load(ctx: AuthedContext, id: string) {
  const row = await repo.findSurvey(ctx.tx, id);
  if (!row) throw notFound('Abfrage nicht gefunden.');
  return row;
}

export async function listSurveys(ctx: AuthedContext) {
  return (await repo.listSurveys(ctx.tx)).map((r) => presentSurvey(r, ctx));
}

export async function getSurvey(ctx: AuthedContext, id: string) {
  return presentSurvey(await load(ctx, id), ctx);
}

export function templates() {
  return SURVEY_TEMPLATE_DEFS;
}

export async function createSurvey(ctx: AuthedContext, input: { title: string; description: string; questions: SurveyQuestion[] }, templateKey: string | null = null) {
  const id = await repo.insertSurvey(ctx.tx, { ...input, templateKey, createdBy: ctx.actor.userId });
  const view = presentSurvey(await load(ctx, id), ctx);
  await ctx.audit.record({ action: 'surveys.create', subjectType: 'survey', subjectId: id, details: { questions: input.questions.length, templateKey } });
  return view;
}

export async function createFromTemplate(ctx: AuthedContext, key: string) {
  const template = SURVEY_TEMPLATE_DEFS.find((t) => t.key === key);
  if (!template) throw fieldError('template', 'Unbekannte Vorlage');
  return createSurvey(ctx, { title: template.title, description: template.description, questions: structuredClone(template.questions) }, template.key);
}

export async function updateSurvey(ctx: AuthedContext, id: string, version: number, input: { title?: string; description?: string; questions?: SurveyQuestion[] }) {
  const current = await load(ctx, id);
  if (current.status !== 'draft') throw conflict('Eine versandte Abfrage kann nicht mehr geändert werden.');
  if (!(await repo.updateSurvey(ctx.tx, id, version, input))) throw versionConflict();
  const view = presentSurvey(await load(ctx, id), ctx);
  await ctx.audit.record({ action: 'surveys.update', subjectType: 'survey', subjectId: id, details: { fields: Object.keys(input) } });
  return view;
}

/** Sends the Abfrage to every Kommune of the Kreis: one response each, an in-app invitation for its municipality users. */
export async function sendSurvey(ctx: AuthedContext, id: string, version: number, deadline: string) {
  const current = await load(ctx, id);
  if (current.status !== 'draft') throw conflict('Die Abfrage wurde bereits versandt.');
  if (deadline < new Date().toISOString().slice(0, 10)) throw fieldError('deadline', 'Die Frist liegt in der Vergangenheit.');
  const kommunen = await repo.kommunen(ctx.tx);
  if (!kommunen.length) throw conflict('Es gibt keine Kommunen, an die die Abfrage gehen könnte.');
  if (!(await repo.updateSurvey(ctx.tx, id, version, { status: 'open', deadline, sentAt: new Date() }))) throw versionConflict();
  await repo.createPendingResponses(ctx.tx, id, kommunen.map((k) => k.id));
  const recipients = await repo.municipalityUsers(ctx.tx, kommunen.map((k) => k.id));
  const due = new Date(`${deadline}T12:00:00Z`).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' });
  await repo.notifyUsers(
    ctx.tx,
    recipients.map((r) => ({
      userId: r.userId,
      kind: 'surveys.invitation',
      title: `Abfrage: ${current.title.slice(0, 120)}`,
      body: `Bitte bis ${due} für Ihre Kommune beantworten.`,
      link: `/netzwerk/abfragen/${id}/antwort/${r.organisationId}`,
    })),
  );
  const view = presentSurvey(await load(ctx, id), ctx);
  await ctx.audit.record({ action: 'surveys.send', subjectType: 'survey', subjectId: id, details: { kommunen: kommunen.length, notified: recipients.length, deadline } });
  return view;
}

export async function remindSurvey(ctx: AuthedContext, id: string) {
  const current = await load(ctx, id);
  if (current.status !== 'open') throw conflict('Erinnern ist nur bei laufenden Abfragen möglich.');
  const open = (await repo.responsesOf(ctx.tx, id)).filter((r) => r.status !== 'submitted');
  const recipients = await repo.municipalityUsers(ctx.tx, open.map((r) => r.organisationId));
  const due = current.deadline ? new Date(`${current.deadline}T12:00:00Z`).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' }) : null;
  await repo.notifyUsers(
    ctx.tx,
    recipients.map((r) => ({
      userId: r.userId,
      kind: 'surveys.reminder',
      title: `Erinnerung: ${current.title.slice(0, 120)}`,
      body: due ? `Die Antwort Ihrer Kommune fehlt noch (Frist: ${due}).` : 'Die Antwort Ihrer Kommune fehlt noch.',
      link: `/netzwerk/abfragen/${id}/antwort/${r.organisationId}`,
    })),
  );
  await repo.updateSurvey(ctx.tx, id, current.version, { lastRemindedAt: new Date() });
  await ctx.audit.record({ action: 'surveys.remind', subjectType: 'survey', subjectId: id, details: { kommunen: open.length, notified: recipients.length } });
  return { ok: true as const, notified: recipients.length };
}

export async function closeSurvey(ctx: AuthedContext, id: string, version: number) {
  const current = await load(ctx, id);
  if (current.status !== 'open') throw conflict('Nur laufende Abfragen können abgeschlossen werden.');
  if (!(await repo.updateSurvey(ctx.tx, id, version, { status: 'closed', closedAt: new Date() }))) throw versionConflict();
  const view = presentSurvey(await load(ctx, id), ctx);
  await ctx.audit.record({ action: 'surveys.close', subjectType: 'survey', subjectId: id, details: { submitted: current.counts.submitted } });
  return view;
}

export async function responseStatus(ctx: AuthedContext, id: string) {
  await load(ctx, id);
  return (await repo.responsesOf(ctx.tx, id)).map((r) => ({
    organisationId: r.organisationId,
    name: r.organisationName,
    ags: r.ags,
    status: r.status as ResponseStatus,
    submittedAt: iso(r.submittedAt),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

// ── Answering (Kommune) ─────────────────────────────────────────────────────────────────────────────────────────

export async function assigned(ctx: AuthedContext) {
  return (await repo.assignedResponses(ctx.tx, ctx.actor)).map((r) => ({
    ...r,
    surveyStatus: r.surveyStatus as SurveyStatus,
    status: r.status as ResponseStatus,
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
  }));
}

function presentResponse(row: repo.ResponseRow, survey: repo.SurveyRow): SurveyResponse {
  return {
    surveyId: survey.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    status: row.status as ResponseStatus,
    answers: row.answers,
    submittedAt: iso(row.submittedAt),
    version: row.version,
    survey: { id: survey.id, title: survey.title, description: survey.description, status: survey.status as SurveyStatus, questions: survey.questions, deadline: survey.deadline },
    can: { edit: survey.status === 'open' },
  };
}

async function ownResponse(ctx: AuthedContext, surveyId: string, organisationId: string) {
  const survey = await repo.findSurvey(ctx.tx, surveyId);
  const row = survey && survey.status !== 'draft' ? await repo.findOwnResponse(ctx.tx, ctx.actor, surveyId, organisationId) : undefined;
  if (!survey || !row) throw notFound('Abfrage nicht gefunden.');
  return { survey, row };
}

export async function getResponse(ctx: AuthedContext, surveyId: string, organisationId: string) {
  const { survey, row } = await ownResponse(ctx, surveyId, organisationId);
  return presentResponse(row, survey);
}

/** Checks every answer against its question; on submit every active required question must be answered. */
export function validateAnswers(questions: SurveyQuestion[], raw: Record<string, unknown>, submit: boolean): SurveyAnswers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers: SurveyAnswers = {};
  for (const [key, value] of Object.entries(raw)) {
    const q = byId.get(key);
    if (!q) throw fieldError(`answers.${key}`, 'Diese Frage gibt es in der Abfrage nicht.');
    const parsed = answerSchema(q).safeParse(value);
    if (!parsed.success) throw fieldError(`answers.${key}`, parsed.error.issues[0]?.message ?? 'Ungültige Antwort');
    answers[key] = parsed.data;
  }
  // Answers to questions that no longer apply (e.g. hours when there is no officer) are dropped, not stored.
  for (const q of questions) if (!isQuestionActive(q, answers)) delete answers[q.id];
  if (submit) {
    for (const q of questions) {
      if (q.required && isQuestionActive(q, answers) && !isAnswered(answers[q.id])) throw fieldError(`answers.${q.id}`, 'Pflichtfrage – bitte beantworten.');
    }
  }
  return answers;
}

export async function saveResponse(ctx: AuthedContext, surveyId: string, organisationId: string, version: number, input: { answers: Record<string, unknown>; submit: boolean }) {
  const { survey, row } = await ownResponse(ctx, surveyId, organisationId);
  if (survey.status !== 'open') throw conflict('Die Abfrage ist abgeschlossen; Antworten können nicht mehr geändert werden.');
  const answers = validateAnswers(survey.questions, input.answers, input.submit);
  const status = input.submit || row.status === 'submitted' ? 'submitted' : 'draft';
  const ok = await repo.saveResponse(ctx.tx, row.id, version, {
    answers,
    status,
    updatedBy: ctx.actor.userId,
    ...(input.submit ? { submittedAt: new Date(), submittedBy: ctx.actor.userId } : {}),
  });
  if (!ok) throw versionConflict();
  const view = presentResponse((await repo.findOwnResponse(ctx.tx, ctx.actor, surveyId, organisationId))!, survey);
  await ctx.audit.record({
    action: input.submit ? 'surveys.response_submit' : 'surveys.response_save',
    subjectType: 'survey_response',
    subjectId: row.id,
    details: { surveyId, organisationId, answered: Object.keys(answers).length },
  });
  return view;
}

// ── Zusammenfassende Darstellung ────────────────────────────────────────────────────────────────────────────────

const fmtNumber = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 2 });

export function answerText(q: SurveyQuestion, value: SurveyAnswerValue | undefined): string {
  if (!isAnswered(value ?? null)) return '–';
  switch (q.type) {
    case 'yes_no':
      return value ? 'ja' : 'nein';
    case 'number':
      return `${fmtNumber(value as number)}${q.unit ? ` ${q.unit}` : ''}`;
    case 'handlungsfelder':
      return (value as string[]).map((h) => HANDLUNGSFELD_LABELS_DE[h as keyof typeof HANDLUNGSFELD_LABELS_DE] ?? h).join(', ');
    case 'multiple_choice':
      return (value as string[]).join(', ');
    default:
      return String(value);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Each question aggregated over the submitted responses, plus the answer of every Kommune. */
export function summarise(survey: repo.SurveyRow, responses: repo.ResponseRow[]): SurveySummary {
  const submitted = responses.filter((r) => r.status === 'submitted');
  const questions = survey.questions.map((q) => {
    const values = submitted.map((r) => r.answers[q.id]).filter((v) => isAnswered(v ?? null)) as SurveyAnswerValue[];
    let counts: { option: string; label: string; count: number }[] = [];
    let stats: SurveySummary['questions'][number]['stats'] = null;
    if (q.type === 'yes_no') {
      counts = [
        { option: 'true', label: 'ja', count: values.filter((v) => v === true).length },
        { option: 'false', label: 'nein', count: values.filter((v) => v === false).length },
      ];
    } else if (q.type === 'single_choice' || q.type === 'multiple_choice') {
      counts = (q.options ?? []).map((o) => ({
        option: o,
        label: o,
        count: values.filter((v) => (Array.isArray(v) ? v.includes(o) : v === o)).length,
      }));
    } else if (q.type === 'handlungsfelder') {
      counts = HANDLUNGSFELDER.map((h) => ({ option: h, label: HANDLUNGSFELD_LABELS_DE[h], count: values.filter((v) => Array.isArray(v) && v.includes(h)).length }));
    } else if (q.type === 'number' && values.length) {
      const nums = values as number[];
      const sum = nums.reduce((a, b) => a + b, 0);
      stats = { sum, mean: Math.round((sum / nums.length) * 100) / 100, median: median(nums), min: Math.min(...nums), max: Math.max(...nums) };
    }
    return {
      id: q.id,
      label: q.label,
      type: q.type,
      unit: q.unit ?? null,
      answered: values.length,
      counts,
      stats,
      perKommune: submitted.map((r) => ({
        organisationId: r.organisationId,
        name: r.organisationName,
        answer: isQuestionActive(q, r.answers) ? answerText(q, r.answers[q.id]) : 'entfällt',
      })),
    };
  });
  return {
    survey: { id: survey.id, title: survey.title, description: survey.description, status: survey.status as SurveyStatus, deadline: survey.deadline, sentAt: iso(survey.sentAt) },
    kommunen: responses.length,
    submitted: submitted.length,
    questions,
    generatedAt: new Date().toISOString(),
  };
}

export async function summary(ctx: AuthedContext, id: string): Promise<SurveySummary> {
  const survey = await load(ctx, id);
  return summarise(survey, await repo.responsesOf(ctx.tx, id));
}
