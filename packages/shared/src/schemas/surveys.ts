import { z } from 'zod';
import { IsoDateTime, text } from './common.js';
import { HANDLUNGSFELDER } from './directory.js';

/** Question types of an "Abfrage der Kommunen". `handlungsfelder` offers the Handlungsfeld catalogue as a multiple choice. */
export const QUESTION_TYPES = ['text', 'number', 'single_choice', 'multiple_choice', 'handlungsfelder', 'yes_no'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS_DE: Record<QuestionType, string> = {
  text: 'Freitext',
  number: 'Zahl',
  single_choice: 'Einfachauswahl',
  multiple_choice: 'Mehrfachauswahl',
  handlungsfelder: 'Handlungsfelder (Liste)',
  yes_no: 'Ja/Nein',
};

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS_DE: Record<SurveyStatus, string> = { draft: 'Entwurf', open: 'versandt, läuft', closed: 'abgeschlossen' };

export const RESPONSE_STATUSES = ['pending', 'draft', 'submitted'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
export const RESPONSE_STATUS_LABELS_DE: Record<ResponseStatus, string> = { pending: 'offen', draft: 'in Bearbeitung', submitted: 'abgegeben' };

export const SurveyQuestion = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Kennung: Kleinbuchstaben, Ziffern, _ (höchstens 40 Zeichen)' }),
    type: z.enum(QUESTION_TYPES, { message: 'Unbekannter Fragetyp' }),
    label: text({ min: 3, max: 500 }),
    help: text({ max: 1000 }).optional(),
    required: z.boolean({ message: 'Ja/Nein erwartet' }).default(false),
    options: z.array(text({ min: 1, max: 200 })).max(30, { message: 'Höchstens 30 Antwortmöglichkeiten' }).optional(),
    unit: text({ max: 40 }).optional(),
    /** Shown only when the yes/no question with this id was answered "yes" (e.g. hours only if an officer exists). */
    showIf: z.string().max(40).optional(),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === 'single_choice' || q.type === 'multiple_choice';
    if (choice && (!q.options || q.options.length < 2)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Mindestens zwei Antwortmöglichkeiten' });
    }
    if (choice && q.options && new Set(q.options).size !== q.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Antwortmöglichkeiten doppelt' });
    }
    if (!choice && q.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Nur bei Auswahlfragen' });
  });
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyQuestions = z
  .array(SurveyQuestion)
  .min(1, { message: 'Mindestens eine Frage' })
  .max(60, { message: 'Höchstens 60 Fragen' })
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Kennung doppelt' });
      seen.add(q.id);
      if (q.showIf && !qs.slice(0, i).some((p) => p.id === q.showIf && p.type === 'yes_no')) {
        ctx.addIssue({ code: 'custom', path: [i, 'showIf'], message: 'Muss auf eine vorherige Ja/Nein-Frage verweisen' });
      }
    });
  });

export type SurveyAnswerValue = string | number | boolean | string[] | null;
export type SurveyAnswers = Record<string, SurveyAnswerValue>;

/** The answer schema for one question; the server checks saved answers with it, the form uses it too. */
export function answerSchema(q: SurveyQuestion): z.ZodType<SurveyAnswerValue> {
  switch (q.type) {
    case 'text':
      return text({ max: 5000 }).nullable();
    case 'number':
      return z.number({ message: 'Zahl erwartet' }).min(0, { message: 'Mindestens 0' }).max(1_000_000_000).nullable();
    case 'yes_no':
      return z.boolean({ message: 'Ja/Nein erwartet' }).nullable();
    case 'single_choice':
      return z.enum(q.options as [string, ...string[]], { message: 'Keine der Antwortmöglichkeiten' }).nullable();
    case 'multiple_choice':
      return z.array(z.enum(q.options as [string, ...string[]], { message: 'Keine der Antwortmöglichkeiten' })).max(30).nullable();
    case 'handlungsfelder':
      return z.array(z.enum(HANDLUNGSFELDER, { message: 'Unbekanntes Handlungsfeld' })).max(HANDLUNGSFELDER.length).nullable();
  }
}

/** Whether a question applies, given the answers so far (questions with `showIf` follow a yes/no answer). */
export function isQuestionActive(q: SurveyQuestion, answers: SurveyAnswers): boolean {
  return !q.showIf || answers[q.showIf] === true;
}

export function isAnswered(value: SurveyAnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export const CreateSurveyBody = z.strictObject({
  title: text({ min: 3, max: 200 }),
  description: text({ max: 3000 }).default(''),
  questions: SurveyQuestions,
});
export const UpdateSurveyBody = z.strictObject({
  title: text({ min: 3, max: 200 }).optional(),
  description: text({ max: 3000 }).optional(),
  questions: SurveyQuestions.optional(),
});
export const SURVEY_TEMPLATES = ['integrationsarbeit'] as const;
export const CreateSurveyFromTemplateBody = z.strictObject({ template: z.enum(SURVEY_TEMPLATES, { message: 'Unbekannte Vorlage' }) });
export const SendSurveyBody = z.strictObject({ deadline: z.iso.date({ message: 'Datum im Format JJJJ-MM-TT erwartet' }) });
export const SaveResponseBody = z.strictObject({
  answers: z.record(z.string().max(40), z.unknown()),
  submit: z.boolean({ message: 'Ja/Nein erwartet' }).default(false),
});

export const SurveyTemplate = z.object({ key: z.enum(SURVEY_TEMPLATES), title: z.string(), description: z.string(), questions: z.array(z.unknown()) });

const QuestionView = z.object({
  id: z.string(),
  type: z.enum(QUESTION_TYPES),
  label: z.string(),
  help: z.string().optional(),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  unit: z.string().optional(),
  showIf: z.string().optional(),
});

export const Survey = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(SURVEY_STATUSES),
  questions: z.array(QuestionView),
  templateKey: z.string().nullable(),
  deadline: z.string().nullable(),
  sentAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
  lastRemindedAt: IsoDateTime.nullable(),
  counts: z.object({ total: z.number().int(), submitted: z.number().int(), draft: z.number().int(), pending: z.number().int() }),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), send: z.boolean(), remind: z.boolean(), close: z.boolean() }),
});
export type Survey = z.infer<typeof Survey>;

export const SurveyResponseStatusRow = z.object({
  organisationId: z.string(),
  name: z.string(),
  ags: z.string().nullable(),
  status: z.enum(RESPONSE_STATUSES),
  submittedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
});

export const SurveyResponse = z.object({
  surveyId: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  status: z.enum(RESPONSE_STATUSES),
  answers: z.record(z.string(), z.unknown()),
  submittedAt: IsoDateTime.nullable(),
  version: z.number().int(),
  survey: Survey.pick({ id: true, title: true, description: true, status: true, questions: true, deadline: true }),
  can: z.object({ edit: z.boolean() }),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

export const AssignedSurvey = z.object({
  surveyId: z.string(),
  title: z.string(),
  deadline: z.string().nullable(),
  surveyStatus: z.enum(SURVEY_STATUSES),
  organisationId: z.string(),
  organisationName: z.string(),
  status: z.enum(RESPONSE_STATUSES),
  submittedAt: IsoDateTime.nullable(),
});

export const SurveySummary = z.object({
  survey: Survey.pick({ id: true, title: true, description: true, status: true, deadline: true, sentAt: true }),
  kommunen: z.number().int(),
  submitted: z.number().int(),
  questions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      type: z.enum(QUESTION_TYPES),
      unit: z.string().nullable(),
      answered: z.number().int(),
      /** Counts per option for choice, yes/no and Handlungsfeld questions. */
      counts: z.array(z.object({ option: z.string(), label: z.string(), count: z.number().int() })),
      /** For number questions. */
      stats: z.object({ sum: z.number(), mean: z.number(), median: z.number(), min: z.number(), max: z.number() }).nullable(),
      perKommune: z.array(z.object({ organisationId: z.string(), name: z.string(), answer: z.string() })),
    }),
  ),
  generatedAt: IsoDateTime,
});
export type SurveySummary = z.infer<typeof SurveySummary>;
