import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@teilhabe/shared';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp } from '../../../test/harness.js';
import type {} from '../../../test/global-setup.js';
import { makeUser } from '../../seed/factories.js';

let t: TestApp;
let coord: Agent;
const agents: Record<string, Agent> = {};
const kommune = (name: string) => t.tree.kommunen.find((k) => k.name.endsWith(name))!;

async function municipalityAgent(name: string): Promise<Agent> {
  if (agents[name]) return agents[name]!;
  const k = kommune(name);
  const role: Role = 'municipality';
  const email = `ib-${k.ags}@test.example`;
  const user = await makeUser(t.database.db, { email, displayName: `Integrationsbeauftragte ${name}`, password: TEST_PASSWORD, memberships: [{ organisationId: k.id, role }] });
  agents[name] = await t.asUser({ id: user.id, email, role, organisationId: k.id });
  return agents[name]!;
}

beforeAll(async () => {
  t = await createTestApp();
  coord = await t.as('coordinator');
});
afterAll(() => t.close());

async function sendTemplateSurvey() {
  const created = await coord.post('/api/v1/surveys/from-template', { template: 'integrationsarbeit' });
  expect(created.statusCode, created.body).toBe(201);
  const survey = created.json();
  const sent = await coord.post(`/api/v1/surveys/${survey.id}/send`, { deadline: '2099-03-31' }, { 'if-match': String(survey.version) });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json() as { id: string; version: number; counts: { total: number } };
}

async function answer(name: string, surveyId: string, answers: Record<string, unknown>, submit = true) {
  const agent = await municipalityAgent(name);
  const k = kommune(name);
  const current = (await agent.get(`/api/v1/surveys/${surveyId}/responses/${k.id}`)).json();
  const res = await agent.put(`/api/v1/surveys/${surveyId}/responses/${k.id}`, { answers, submit }, { 'if-match': String(current.version) });
  return res;
}

describe('Abfrage der Kommunen', () => {
  it('round trip: the template goes to all 19 Kommunen, three answer, the summary PDF shows their answers aggregated', async () => {
    const templates = (await coord.get('/api/v1/surveys/templates')).json() as { key: string; questions: unknown[] }[];
    expect(templates.map((tpl) => tpl.key)).toEqual(['integrationsarbeit']);
    const survey = await sendTemplateSurvey();
    expect(survey.counts.total).toBe(19);
    expect(((await coord.get('/api/v1/surveys')).json() as { id: string }[]).map((s) => s.id)).toContain(survey.id);
    // The Troisdorf municipality user (in the harness) got an invitation.
    const notes = await t.database.pool.query(`SELECT link FROM notifications WHERE user_id = $1 AND kind = 'surveys.invitation'`, [t.users.municipality.id]);
    expect(notes.rows[0]?.link).toBe(`/netzwerk/abfragen/${survey.id}/antwort/${kommune('Troisdorf').id}`);

    const r1 = await answer('Troisdorf', survey.id, {
      ib_vorhanden: true,
      ib_funktion: 'Stabsstelle Integration beim Bürgermeister',
      stunden: 39,
      handlungsfelder: ['sprache', 'bildung', 'beratung'],
      einzelfall: true,
      integrationsrat: 'Integrationsrat',
      ehrenamt: ['Sprachcafés', 'Patenschaftsprojekte'],
      anmerkungen: 'Hoher Bedarf an Sprachkursen mit Kinderbetreuung.',
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().status).toBe('submitted');
    expect((await answer('Siegburg', survey.id, { ib_vorhanden: true, stunden: 19.5, handlungsfelder: ['sprache', 'wohnen'], einzelfall: true, integrationsrat: 'Integrationsausschuss' })).statusCode).toBe(200);
    expect((await answer('Much', survey.id, { ib_vorhanden: false, handlungsfelder: ['ehrenamt'], einzelfall: false, ehrenamt: ['Flüchtlingshilfe / Willkommensinitiative'] })).statusCode).toBe(200);
    // A draft does not count.
    expect((await answer('Windeck', survey.id, { ib_vorhanden: true }, false)).json().status).toBe('draft');

    const status = (await coord.get(`/api/v1/surveys/${survey.id}/responses`)).json() as { name: string; status: string }[];
    expect(status.filter((s) => s.status === 'submitted').map((s) => s.name).sort()).toEqual(['Gemeinde Much', 'Stadt Siegburg', 'Stadt Troisdorf']);
    expect(status.find((s) => s.name === 'Gemeinde Windeck')!.status).toBe('draft');

    const summary = (await coord.get(`/api/v1/surveys/${survey.id}/summary`)).json();
    expect(summary.submitted).toBe(3);
    const q = (id: string) => summary.questions.find((x: { id: string }) => x.id === id);
    expect(q('ib_vorhanden').counts).toEqual([
      { option: 'true', label: 'ja', count: 2 },
      { option: 'false', label: 'nein', count: 1 },
    ]);
    expect(q('stunden').stats).toMatchObject({ sum: 58.5, min: 19.5, max: 39 });
    expect(q('handlungsfelder').counts.find((c: { option: string }) => c.option === 'sprache').count).toBe(2);
    expect(q('stunden').perKommune.find((p: { name: string }) => p.name === 'Gemeinde Much').answer).toBe('entfällt');

    const pdf = await coord.get(`/api/v1/surveys/${survey.id}/summary.pdf`);
    expect(pdf.statusCode).toBe(200);
    const file = path.join(os.tmpdir(), `survey-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(file);
    expect(text).toContain('Zusammenfassende Darstellung: Integrationsarbeit in den Kommunen');
    expect(text).toMatch(/Rücklauf\s+3 von 19 Kommunen/);
    expect(text).toMatch(/ja\s+2 \(67 %\)/);
    expect(text).toMatch(/nein\s+1 \(33 %\)/);
    expect(text).toMatch(/Summe\s+Mittelwert/);
    expect(text).toMatch(/58,5 Std\.\/Woche/);
    expect(text).toContain('Stadt Troisdorf');
    expect(text).toContain('Gemeinde Much');
    expect(text).toContain('Hoher Bedarf an Sprachkursen mit Kinderbetreuung.');
    expect(text).not.toContain('Gemeinde Windeck');

    const xlsx = await coord.get(`/api/v1/surveys/${survey.id}/summary.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Antworten je Kommune')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(1).value).toBe('Gemeinde Much');
  });

  it('one response per Kommune: another Kommune’s response is 404, required questions are enforced, bad answers are 400', async () => {
    const survey = await sendTemplateSurvey();
    const troisdorf = await municipalityAgent('Troisdorf');
    const siegburg = kommune('Siegburg');
    expect((await troisdorf.get(`/api/v1/surveys/${survey.id}/responses/${siegburg.id}`)).statusCode).toBe(404);
    expect((await troisdorf.put(`/api/v1/surveys/${survey.id}/responses/${siegburg.id}`, { answers: {}, submit: false }, { 'if-match': '1' })).statusCode).toBe(404);

    const missing = await answer('Troisdorf', survey.id, { ib_vorhanden: true }, true);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toHaveProperty('answers.stunden');
    const wrong = await answer('Troisdorf', survey.id, { stunden: 'viele' }, false);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/answers\.stunden/);
    const unknown = await answer('Troisdorf', survey.id, { lieblingsfarbe: 'blau' }, false);
    expect(unknown.statusCode).toBe(400);
    const choice = await answer('Troisdorf', survey.id, { integrationsrat: 'Bürgerrat' }, false);
    expect(choice.statusCode).toBe(400);

    const assigned = (await troisdorf.get('/api/v1/surveys/assigned')).json() as { surveyId: string; status: string }[];
    expect(assigned.find((a) => a.surveyId === survey.id)?.status).toBe('pending');
    // Municipality users may not manage surveys, coordinators may not answer.
    expect((await troisdorf.get(`/api/v1/surveys/${survey.id}/summary`)).statusCode).toBe(403);
    expect((await coord.get(`/api/v1/surveys/${survey.id}/responses/${siegburg.id}`)).statusCode).toBe(403);
  });

  it('builds a questionnaire with every question type, refuses changes after sending, reminds and closes', async () => {
    const res = await coord.post('/api/v1/surveys', {
      title: 'Ehrenamt und Sprachmittlung 2026',
      questions: [
        { id: 'freitext', type: 'text', label: 'Was läuft gut?' },
        { id: 'anzahl', type: 'number', label: 'Wie viele Ehrenamtliche?', unit: 'Personen', required: true },
        { id: 'einfach', type: 'single_choice', label: 'Bedarf an Sprachmittlung', options: ['hoch', 'mittel', 'gering'] },
        { id: 'mehrfach', type: 'multiple_choice', label: 'Sprachen mit Bedarf', options: ['Arabisch', 'Ukrainisch', 'Farsi'] },
        { id: 'felder', type: 'handlungsfelder', label: 'Schwerpunkte' },
        { id: 'janein', type: 'yes_no', label: 'Gibt es eine Ehrenamtskoordination?' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const survey = res.json();
    const bad = await coord.post('/api/v1/surveys', { title: 'Kaputt', questions: [{ id: 'x', type: 'single_choice', label: 'Nur eine Option', options: ['a'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('questions.0.options');

    const sent = (await coord.post(`/api/v1/surveys/${survey.id}/send`, { deadline: '2099-01-31' }, { 'if-match': String(survey.version) })).json();
    expect((await coord.patch(`/api/v1/surveys/${survey.id}`, { title: 'Neu' }, { 'if-match': String(sent.version) })).statusCode).toBe(409);
    const reminded = await coord.post(`/api/v1/surveys/${survey.id}/remind`, {});
    expect(reminded.json().notified).toBeGreaterThanOrEqual(1);
    const current = (await coord.get(`/api/v1/surveys/${survey.id}`)).json();
    const closed = await coord.post(`/api/v1/surveys/${survey.id}/close`, {}, { 'if-match': String(current.version) });
    expect(closed.json().status).toBe('closed');
    const late = await answer('Troisdorf', survey.id, { anzahl: 3 }, true);
    expect(late.statusCode).toBe(409);
  });
});
