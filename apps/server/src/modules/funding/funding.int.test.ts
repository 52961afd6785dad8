import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMonthsIso,
  formatEuro,
  isoDateInBerlin,
  type BudgetOverview,
  type Grant,
  type Programme,
  type UseOfFundsReport,
} from '@teilhabe/shared';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { makeOrganisation, makeUser } from '../../seed/factories.js';
import { SAMPLE_PDF } from '../documents/sample-files.js';
import { SEED_004_SOURCE_NOTE } from './overview.service.js';
import { SEED_004_GRANTS, SEED_004_TOTALS, seed004Positions, type Seed004Grant } from './seed004.js';

let t: TestApp;
let finance: Agent;
let lead: Agent;
let coordinator: Agent;
let programmes: Programme[];
const code = (c: string) => programmes.find((p) => p.code === c)!;

beforeAll(async () => {
  t = await createTestApp();
  finance = await t.as('finance');
  lead = await t.as('lead');
  coordinator = await t.as('coordinator');
  programmes = (await finance.get('/api/v1/funding/programmes')).json();
});
afterAll(() => t.close());

function grantBody(g: Seed004Grant, organisationId: string) {
  return {
    programmeId: code(g.programmeCode).id,
    organisationId,
    title: g.title,
    fileNumber: g.fileNumber,
    decisionDate: g.decisionDate,
    approvalStart: g.approvalStart,
    approvalEnd: g.approvalEnd,
    financingType: 'fixed',
    conditions: g.conditions,
    calloffDates: g.calloffDates,
    useByDate: g.useByDate,
    reportDueDate: g.reportDueDate,
    positions: seed004Positions(g),
  };
}

async function createGrant(agent: Agent, body: unknown): Promise<Grant> {
  const res = await agent.post('/api/v1/funding/grants', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function approve(grant: Grant): Promise<Grant> {
  const res = await lead.post(`/api/v1/funding/grants/${grant.id}/approve`, {}, { 'if-match': String(grant.version) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const kimGrant = () => SEED_004_GRANTS.find((g) => g.programmeCode === 'KIM')!;

describe('the programme catalogue', () => {
  it('is pre-filled with the Land programmes, their Bausteine and versioned legal references', async () => {
    const codes = programmes.map((p) => p.code);
    for (const c of [
      'KI_GRUND',
      'KI_SMP',
      'KIM_B1',
      'KIM_B2',
      'KIM_B3',
      'KOMM_AN_I',
      'KOMM_AN_II',
      'IFKUF_RUCKSACK',
      'IFKUF_GRIFFBEREIT',
      'DURCHSTARTEN_F1',
      'DURCHSTARTEN_F4',
      'GLA',
      'IP_14C',
    ]) {
      expect(codes).toContain(c);
    }
    const ip = code('IP_14C');
    expect(ip.versions.map((v) => v.legalReference)).toEqual([
      '§ 14c TIG (Zuweisungen für Integrationsmaßnahmen 2019)',
      '§ 18 TIntG (vormals § 14c TIG)',
    ]);
    expect(ip.current?.legalReference).toMatch(/§ 18 TIntG/);
    expect(code('KIM_B2').current?.flatRatePerFteCents).toBe(5_700_000);
    expect(code('KIM_B2').parentId).toBe(code('KIM').id);
  });

  it('takes a new dated version and closes the one before it', async () => {
    const b3 = code('KIM_B3');
    const res = await finance.post(`/api/v1/funding/programmes/${b3.id}/versions`, {
      validFrom: '2030-01-01',
      legalReference: '§ 9 TIntG',
      guideline: 'Richtlinie 2030 (Test)',
      flatRatePerFteCents: 6_000_000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const updated: Programme = res.json();
    const before = updated.versions.find((v) => v.validFrom === '2022-01-01')!;
    expect(before.validTo).toBe('2029-12-31');
    expect(
      (await coordinator.post(`/api/v1/funding/programmes/${b3.id}/versions`, { validFrom: '2031-01-01', legalReference: 'x' })).statusCode,
    ).toBe(403);
  });

  it('renames a programme and corrects a dated version with If-Match; a stale version gets 409', async () => {
    const gla = code('GLA');
    const renamed = await finance.patch(
      `/api/v1/funding/programmes/${gla.id}`,
      { name: 'Guter Lebensabend NRW (Landesprogramm)' },
      { 'if-match': String(gla.version) },
    );
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('Guter Lebensabend NRW (Landesprogramm)');
    const stale = await finance.patch(`/api/v1/funding/programmes/${gla.id}`, { name: 'Anderer Name' }, { 'if-match': String(gla.version) });
    expect(stale.statusCode).toBe(409);
    const version = gla.versions[0]!;
    const corrected = await finance.patch(
      `/api/v1/funding/programme-versions/${version.id}`,
      { legalReference: `${version.legalReference} (berichtigt)` },
      { 'if-match': String(version.version) },
    );
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((corrected.json() as Programme).versions.find((v) => v.id === version.id)!.legalReference).toMatch(/\(berichtigt\)$/);
    const badDeadline = await finance.patch(
      `/api/v1/funding/programme-versions/${version.id}`,
      { reportDeadline: '13-01' },
      { 'if-match': String(version.version + 1) },
    );
    expect(badDeadline.statusCode).toBe(400);
    expect(badDeadline.json().fields.reportDeadline).toMatch(/MM-TT/);
    const back = await finance.patch(
      `/api/v1/funding/programmes/${gla.id}`,
      { name: gla.name },
      { 'if-match': String(renamed.json().version) },
    );
    expect(back.statusCode).toBe(200);
  });
});

describe('Zuwendungsbescheide', () => {
  it('keep the Bescheid as a document: finance uploads, the coordination reads and downloads but cannot upload', async () => {
    const grant = await createGrant(finance, { ...grantBody(kimGrant(), t.tree.ki.id), title: 'KIM mit Bescheid-PDF', fileNumber: 'DOC-1' });
    const octet = { 'content-type': 'application/octet-stream' };
    const up = await finance.post(`/api/v1/funding/grants/${grant.id}/documents?filename=Bescheid%20KIM.pdf`, SAMPLE_PDF, octet);
    expect(up.statusCode, up.body).toBe(201);
    const list = (await coordinator.get(`/api/v1/funding/grants/${grant.id}/documents`)).json();
    expect(list.items.map((d: { filename: string }) => d.filename)).toEqual(['Bescheid KIM.pdf']);
    expect(list.canWrite).toBe(false);
    const down = await coordinator.get(`/api/v1/funding/grants/${grant.id}/documents/${up.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, SAMPLE_PDF)).toBe(0);
    expect((await coordinator.post(`/api/v1/funding/grants/${grant.id}/documents?filename=x.pdf`, SAMPLE_PDF, octet)).statusCode).toBe(403);
    expect((await finance.get(`/api/v1/funding/grants/00000000-0000-4000-8000-000000000009/documents`)).statusCode).toBe(404);
  });

  it('are entered by finance as drafts and approved by the lead, never by the person who entered them', async () => {
    const grant = await createGrant(finance, grantBody(kimGrant(), t.tree.ki.id));
    expect(grant.status).toBe('draft');
    expect(grant.latest.totalCents).toBe(2 * 906_000_00 + 91_200_00 + 22_800_00 + 2 * 24_000_00);
    expect(grant.can.approve).toBe(false);
    expect((await coordinator.get(`/api/v1/funding/grants/${grant.id}`)).statusCode).toBe(200);
    expect((await coordinator.post('/api/v1/funding/grants', grantBody(kimGrant(), t.tree.ki.id))).statusCode).toBe(403);

    const own = await createGrant(lead, { ...grantBody(kimGrant(), t.tree.ki.id), title: 'Von der Leitung selbst erfasst' });
    const selfApproval = await lead.post(`/api/v1/funding/grants/${own.id}/approve`, {}, { 'if-match': String(own.version) });
    expect(selfApproval.statusCode).toBe(403);
    expect(selfApproval.json().message).toMatch(/Vier-Augen-Prinzip/);

    const approved = await approve(grant);
    expect(approved.status).toBe('approved');
    expect(approved.current.approvedByName).toBe('Test lead');
  });

  it('keep an approved Bescheid and add an Änderungsbescheid as a new revision', async () => {
    const grant = await approve(await createGrant(finance, grantBody(kimGrant(), t.tree.ki.id)));
    const overwrite = await finance.patch(
      `/api/v1/funding/grants/${grant.id}`,
      { conditions: 'geändert' },
      { 'if-match': String(grant.version) },
    );
    expect(overwrite.statusCode).toBe(409);
    const positions = seed004Positions(kimGrant()).map((p) =>
      p.budgetYear === 2022 && p.category === 'personnel' ? { ...p, amountCents: 960_000_00 } : p,
    );
    const amended = await finance.post(
      `/api/v1/funding/grants/${grant.id}/amendments`,
      {
        ...grantBody(kimGrant(), t.tree.ki.id),
        programmeId: undefined,
        organisationId: undefined,
        title: undefined,
        positions,
        reason: 'Höhere Zuweisung KIM nach der Haushaltsplanung',
      },
      { 'if-match': String(grant.version) },
    );
    expect(amended.statusCode, amended.body).toBe(201);
    const body: Grant = amended.json();
    expect(body.revisions.map((r) => [r.revisionNo, r.kind, r.status])).toEqual([
      [1, 'initial', 'approved'],
      [2, 'amendment', 'draft'],
    ]);
    // Until the lead approves it, the first Bescheid stays in force.
    expect(body.current.revisionNo).toBe(1);
    const after = await approve(body);
    expect(after.current.revisionNo).toBe(2);
    expect(after.revisions[0]!.positions.find((p) => p.budgetYear === 2022 && p.category === 'personnel')!.amountCents).toBe(906_000_00);
  });

  it('refuse bad input with German messages naming the field', async () => {
    const bad = await finance.post('/api/v1/funding/grants', {
      ...grantBody(kimGrant(), t.tree.ki.id),
      positions: [{ budgetYear: 2021, category: 'personnel', amountCents: -5 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields['positions.0.amountCents']).toMatch(/nicht negativ/);
    const outside = await finance.post('/api/v1/funding/grants', {
      ...grantBody(kimGrant(), t.tree.ki.id),
      positions: [{ budgetYear: 2024, category: 'personnel', amountCents: 5 }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields['positions.0.budgetYear']).toMatch(/außerhalb des Bewilligungszeitraums/);
    const reversed = await finance.post('/api/v1/funding/grants', { ...grantBody(kimGrant(), t.tree.ki.id), approvalEnd: '2020-12-31' });
    expect(reversed.json().fields.approvalEnd).toMatch(/vor seinem Beginn/);
  });
});

describe('spending against the plan', () => {
  let grant: Grant;
  beforeAll(async () => {
    grant = await approve(
      await createGrant(
        finance,
        grantBody(
          SEED_004_GRANTS.find((g) => g.programmeCode === 'IFKUF')!,
          t.tree.ki.id,
        ),
      ),
    );
  });

  it('books actual spending and shows plan versus actual', async () => {
    const res = await finance.post(`/api/v1/funding/grants/${grant.id}/bookings`, {
      category: 'material',
      bookingDate: '2021-05-10',
      amountCents: 123_456,
      payee: 'Druckerei am Rhein',
      receiptNo: 'RE-2021-0042',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().warnings).toEqual([]);
    const after: Grant = (await finance.get(`/api/v1/funding/grants/${grant.id}`)).json();
    expect(after.balances.find((b) => b.budgetYear === 2021 && b.category === 'material')).toMatchObject({
      plannedCents: 830_000,
      actualCents: 123_456,
      availableCents: 830_000 - 123_456,
    });
  });

  it('refuses negative amounts and dates outside the Bewilligungszeitraum', async () => {
    const negative = await finance.post(`/api/v1/funding/grants/${grant.id}/bookings`, {
      category: 'material',
      bookingDate: '2021-05-10',
      amountCents: -100,
      payee: 'X',
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().fields.amountCents).toBe('Der Betrag darf nicht negativ sein');
    const outside = await finance.post(`/api/v1/funding/grants/${grant.id}/bookings`, {
      category: 'material',
      bookingDate: '2023-01-02',
      amountCents: 100,
      payee: 'X',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toMatch(/„bookingDate“.*außerhalb des Bewilligungszeitraums \(01\.01\.2021 – 31\.12\.2022\)/);
  });

  it('warns about spending beyond a position, or stops it when the lead configured a hard stop', async () => {
    const over = { category: 'material', bookingDate: '2021-06-01', amountCents: 800_000, payee: 'Verlag' };
    const warned = await finance.post(`/api/v1/funding/grants/${grant.id}/bookings`, over);
    expect(warned.statusCode).toBe(201);
    expect(warned.json().warnings[0]).toMatch(/„Sachausgaben“ 2021 .* überschritten/);

    const settings = (await lead.get('/api/v1/funding/settings')).json();
    expect(
      (
        await finance.put(
          '/api/v1/funding/settings',
          { overspendMode: 'block', tolerancePercent: 0 },
          { 'if-match': String(settings.version) },
        )
      ).statusCode,
    ).toBe(403);
    const put = await lead.put(
      '/api/v1/funding/settings',
      { overspendMode: 'block', tolerancePercent: 0 },
      { 'if-match': String(settings.version) },
    );
    expect(put.statusCode, put.body).toBe(200);
    const blocked = await finance.post(`/api/v1/funding/grants/${grant.id}/bookings`, { ...over, amountCents: 1_000 });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().fields.amountCents).toMatch(/überschritten/);
    await lead.put('/api/v1/funding/settings', { overspendMode: 'warn', tolerancePercent: 0 }, { 'if-match': String(put.json().version) });
  });

  it('answers 409 to an edit based on an old version', async () => {
    const created = (
      await finance.post(`/api/v1/funding/grants/${grant.id}/bookings`, {
        category: 'personnel',
        kind: 'commitment',
        bookingDate: '2021-07-01',
        amountCents: 50_000,
        payee: 'Honorar',
      })
    ).json().booking;
    const first = await finance.patch(`/api/v1/funding/bookings/${created.id}`, { amountCents: 60_000 }, { 'if-match': '1' });
    expect(first.statusCode).toBe(200);
    const second = await finance.patch(`/api/v1/funding/bookings/${created.id}`, { amountCents: 70_000 }, { 'if-match': '1' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('version_conflict');
  });

  it('calls off at most what remains and suggests an amount from the plan', async () => {
    const suggestion = (
      await finance.get(`/api/v1/funding/grants/${grant.id}/calloff-suggestion?budgetYear=2021&callDate=2021-03-15`)
    ).json();
    // Plan 33.300 € spread over the year, needed until 15.05.: five months.
    expect(suggestion.plannedCents).toBe(3_330_000);
    expect(suggestion.suggestedCents).toBe(1_387_500);
    const ok = await finance.post(`/api/v1/funding/grants/${grant.id}/calloffs`, {
      budgetYear: 2021,
      callDate: '2021-03-15',
      amountCents: 3_000_000,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const tooMuch = await finance.post(`/api/v1/funding/grants/${grant.id}/calloffs`, {
      budgetYear: 2021,
      callDate: '2021-06-15',
      amountCents: 330_001,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().fields.amountCents).toBe(`Der Abruf übersteigt die noch abrufbaren Mittel: höchstens ${formatEuro(330_000)}.`);
  });

  it('changes a call-off’s amount and date; the remaining amount follows, more than the plan is refused', async () => {
    const [calloff] = (await finance.get(`/api/v1/funding/grants/${grant.id}/calloffs`)).json();
    const lower = await finance.patch(
      `/api/v1/funding/calloffs/${calloff.id}`,
      { amountCents: 2_500_000, callDate: '2021-03-20' },
      { 'if-match': String(calloff.version) },
    );
    expect(lower.statusCode, lower.body).toBe(200);
    expect(lower.json()).toMatchObject({ amountCents: 2_500_000, callDate: '2021-03-20' });
    const remaining = (
      await finance.get(`/api/v1/funding/grants/${grant.id}/calloff-suggestion?budgetYear=2021&callDate=2021-06-15`)
    ).json().remainingCents;
    expect(remaining).toBe(830_000);
    const tooMuch = await finance.patch(
      `/api/v1/funding/calloffs/${calloff.id}`,
      { amountCents: 3_330_001 },
      { 'if-match': String(lower.json().version) },
    );
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().fields.amountCents).toMatch(/übersteigt die noch abrufbaren Mittel/);
    const stale = await finance.patch(`/api/v1/funding/calloffs/${calloff.id}`, { amountCents: 1_000 }, { 'if-match': String(calloff.version) });
    expect(stale.statusCode).toBe(409);
  });
});

describe('Weiterleitung an Dritte', () => {
  it('records agreements with directory organisations and confirms their proper use with four eyes', async () => {
    const grant = await approve(
      await createGrant(
        finance,
        grantBody(
          SEED_004_GRANTS.find((g) => g.programmeCode === 'KOMM_AN')!,
          t.tree.ki.id,
        ),
      ),
    );
    const created = await finance.post(`/api/v1/funding/grants/${grant.id}/onward-grants`, {
      budgetYear: 2021,
      recipientOrganisationId: t.tree.orgs.traeger!.id,
      amountCents: 1_250_000,
      purpose: 'Ankommenstreffpunkt und Sprachcafé (Baustein A/B)',
      agreementDate: '2021-04-01',
      reportDueDate: '2022-03-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    let onward = created.json().onwardGrant;
    const early = await finance.post(`/api/v1/funding/onward-grants/${onward.id}/check`, {}, { 'if-match': String(onward.version) });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields.reportReceivedDate).toMatch(/noch nicht eingegangen/);
    onward = (
      await finance.patch(
        `/api/v1/funding/onward-grants/${onward.id}`,
        { reportReceivedDate: '2022-03-20' },
        { 'if-match': String(onward.version) },
      )
    ).json().onwardGrant;
    onward = (
      await lead.post(
        `/api/v1/funding/onward-grants/${onward.id}/check`,
        { note: 'Belege stichprobenartig geprüft' },
        { 'if-match': String(onward.version) },
      )
    ).json();
    expect(onward.checkStatus).toBe('checked');
    const self = await lead.post(`/api/v1/funding/onward-grants/${onward.id}/confirm`, {}, { 'if-match': String(onward.version) });
    expect(self.statusCode).toBe(403);
    const otherLead = await t.asUser({
      ...t.users.lead,
      id: (
        await makeUser(t.database.db, {
          email: 'lead2@test.example',
          displayName: 'Zweite Leitung',
          memberships: [{ organisationId: t.tree.ki.id, role: 'lead' }],
          totpSecret: 'JBSWY3DPEHPK3PXP',
        })
      ).id,
    });
    const confirmed = await otherLead.post(
      `/api/v1/funding/onward-grants/${onward.id}/confirm`,
      {},
      { 'if-match': String(onward.version) },
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ checkStatus: 'confirmed', checkedByName: 'Test lead', confirmedByName: 'Zweite Leitung' });
  });
});

describe('the Stellenplan and coverage', () => {
  it('funds a 0,5 VZÄ KIM post with 28.500,00 € and shows the uncovered cost', async () => {
    const grade = await finance.post('/api/v1/staffing/pay-grades', { year: 2021, payGrade: 'S 12', annualCostCents: 7_600_000 });
    expect(grade.statusCode, grade.body).toBe(201);
    const post = await finance.post('/api/v1/staffing/posts', {
      organisationId: t.tree.orgs.kimTroisdorf!.id,
      postNumber: 'KIM-CM-T1',
      title: 'Case Management Troisdorf',
      postType: 'case_management',
      fteMilli: 500,
      payGrade: 'S 12',
    });
    expect(post.statusCode, post.body).toBe(201);
    const postId = post.json().id;
    const funded = await finance.post(`/api/v1/staffing/posts/${postId}/fundings`, {
      programmeId: code('KIM_B2').id,
      fteMilli: 500,
      validFrom: '2021-01-01',
    });
    expect(funded.statusCode, funded.body).toBe(201);
    expect(funded.json().fundings[0].annualFundingCents).toBe(2_850_000);
    const held = await finance.post(`/api/v1/staffing/posts/${postId}/occupancies`, {
      holderName: 'Leyla Demir',
      fteMilli: 500,
      contractStart: '2021-01-01',
      contractEnd: '2022-12-31',
    });
    expect(held.statusCode, held.body).toBe(201);
    const year = (await finance.get(`/api/v1/staffing/posts/${postId}?year=2021`)).json();
    expect(year.figures).toMatchObject({ occupiedMonths: 12, costCents: 3_800_000, fundingCents: 2_850_000 });

    const coverage = (await finance.get('/api/v1/funding/coverage?year=2021')).json();
    const row = coverage.rows.find((r: { programme: { id: string } }) => r.programme.id === code('KIM_B2').id);
    expect(row).toMatchObject({ costCents: 3_800_000, fundingCents: 2_850_000, uncoveredCents: 950_000, ownShareCents: 950_000 });

    // The Integrationspauschale covers only what arises until 30.11.2021: 11 of 12 months.
    const ip = await approve(
      await createGrant(
        finance,
        grantBody(
          SEED_004_GRANTS.find((g) => g.programmeCode === 'IP_14C')!,
          t.tree.ki.id,
        ),
      ),
    );
    const tooMuch = await finance.post('/api/v1/funding/coverage/allocations', {
      lumpSumGrantId: ip.id,
      programmeId: code('KIM_B2').id,
      year: 2021,
      amountCents: 950_000,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().fields.amountCents).toMatch(/bis 30\.11\.2021 deckbar sind 2021 nur 8\.708,34\s€/);
    const ok = await finance.post('/api/v1/funding/coverage/allocations', {
      lumpSumGrantId: ip.id,
      programmeId: code('KIM_B2').id,
      year: 2021,
      amountCents: 870_834,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const covered = ok.json().rows.find((r: { programme: { id: string } }) => r.programme.id === code('KIM_B2').id);
    expect(covered).toMatchObject({ coveredByLumpSumCents: 870_834, ownShareCents: 950_000 - 870_834 });
    const late = await finance.post('/api/v1/funding/coverage/allocations', {
      lumpSumGrantId: ip.id,
      programmeId: code('KIM_B2').id,
      year: 2022,
      amountCents: 100,
    });
    expect(late.json().fields.year).toMatch(/nur vom 01\.01\.2019 bis 30\.11\.2021 verwendbar/);
  });

  it('alerts about a contract ending in two months, on the post and in the deadlines', async () => {
    const today = isoDateInBerlin();
    const end = addMonthsIso(today, 2);
    const post = (
      await finance.post('/api/v1/staffing/posts', {
        organisationId: t.tree.ki.id,
        postNumber: 'KI-ALERT',
        title: 'Koordination Alarm',
        postType: 'coordination',
        fteMilli: 1000,
        payGrade: 'EG 11',
      })
    ).json();
    await finance.post(`/api/v1/staffing/posts/${post.id}/occupancies`, {
      holderName: 'Jonas Weber',
      fteMilli: 1000,
      contractStart: addMonthsIso(today, -10),
      contractEnd: end,
    });
    const alerts = (await coordinator.get('/api/v1/staffing/alerts')).json();
    expect(alerts).toContainEqual(expect.objectContaining({ postNumber: 'KI-ALERT', contractEnd: end, level: 'within_3_months' }));
    const deadlines = (await coordinator.get('/api/v1/funding/deadlines')).json();
    expect(deadlines.items).toContainEqual(expect.objectContaining({ kind: 'contract_end', date: end, level: 'within_3_months' }));
  });

  it('hides another Kreis’ posts and grants (404)', async () => {
    const otherKreis = await makeOrganisation(t.database.db, { name: 'Anderer Kreis', kind: 'kreis', ags: '05999000' });
    const other = { ki: await makeOrganisation(t.database.db, { name: 'KI anderer Kreis', kind: 'amt', parentId: otherKreis.id }) };
    const stranger = await t.asUser({
      ...t.users.finance,
      id: (
        await makeUser(t.database.db, {
          email: 'finance-gl@test.example',
          displayName: 'Fremd',
          memberships: [{ organisationId: other.ki.id, role: 'finance' }],
        })
      ).id,
    });
    const grants = (await finance.get('/api/v1/funding/grants')).json();
    expect(grants.length).toBeGreaterThan(0);
    expect((await stranger.get(`/api/v1/funding/grants/${grants[0].id}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/funding/grants')).json()).toEqual([]);
    const posts = (await finance.get('/api/v1/staffing/posts')).json().items;
    expect((await stranger.get(`/api/v1/staffing/posts/${posts[0].id}`)).statusCode).toBe(404);
    expect((await stranger.post('/api/v1/funding/grants', grantBody(kimGrant(), t.tree.ki.id))).json().fields.organisationId).toMatch(
      /gibt es in Ihrem Kreis nicht/,
    );
  });
});

describe('the budget overview of seed 004', () => {
  let kreisGrants: Grant[];
  beforeAll(async () => {
    kreisGrants = [];
    for (const g of SEED_004_GRANTS) kreisGrants.push(await createGrant(finance, grantBody(g, t.tree.kreis.id)));
  });

  it('reproduces the council paper’s totals for 2021 and 2022 to the cent', async () => {
    for (const year of [2021, 2022] as const) {
      const o: BudgetOverview = (
        await coordinator.get(`/api/v1/funding/budget-overview?year=${year}&organisationId=${t.tree.kreis.id}`)
      ).json();
      const programmesSection = o.sections.find((s) => s.section === 'programme')!;
      expect(programmesSection.rows).toHaveLength(6);
      expect(programmesSection.totals.personnelCents).toBe(SEED_004_TOTALS[year].personnelCents);
      expect(programmesSection.totals.nonPersonnelCents).toBe(SEED_004_TOTALS[year].nonPersonnelCents);
      expect(o.sections.find((s) => s.section === 'own_funds')!.totals.totalCents).toBe(SEED_004_TOTALS[year].ownFundsCents);
      expect(o.sections.find((s) => s.section === 'lump_sum')?.totals.totalCents ?? 0).toBe(SEED_004_TOTALS[year].lumpSumCents);
      expect(o.notes.join(' ')).toMatch(/noch nicht von der KI-Leitung freigegeben/);
      expect(o.notes[0]).toBe(SEED_004_SOURCE_NOTE);
    }
  });

  it('exports the overview as XLSX and PDF with the same figures', async () => {
    const xlsx = await coordinator.get(`/api/v1/funding/budget-overview.xlsx?year=2021&organisationId=${t.tree.kreis.id}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values: unknown[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const sum = values.find((r) => r[0] === 'Summe Landesprogramme')!;
    expect(sum.slice(1, 2)).toEqual([1_412_200]);
    expect(sum[5]).toBe(836_700);
    const pdf = await coordinator.get(`/api/v1/funding/budget-overview.pdf?year=2021&organisationId=${t.tree.kreis.id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload)).toMatch(/1\.412\.200,00\s€[\s\S]*836\.700,00\s€/);
  });
});

describe('the Verwendungsnachweis', () => {
  it('shows bewilligt, Ist and Abweichung per position; XLSX and PDF carry the same numbers', async () => {
    const grant = await approve(
      await createGrant(
        finance,
        grantBody(
          SEED_004_GRANTS.find((g) => g.programmeCode === 'GLA')!,
          t.tree.ki.id,
        ),
      ),
    );
    const book = (category: string, amountCents: number, receiptNo: string) =>
      finance.post(`/api/v1/funding/grants/${grant.id}/bookings`, {
        category,
        bookingDate: '2021-09-30',
        amountCents,
        payee: 'Caritasverband Rhein-Sieg e. V.',
        receiptNo,
        description: 'Personalkosten Fachkraft kultursensible Altenhilfe',
      });
    expect((await book('personnel', 7_350_012, 'P-1')).statusCode).toBe(201);
    expect((await book('material', 1_012_345, 'S-1')).statusCode).toBe(201);
    const report: UseOfFundsReport = (await finance.get(`/api/v1/funding/grants/${grant.id}/reports/2021`)).json();
    expect(report.lines.find((l) => l.category === 'personnel')).toMatchObject({
      approvedCents: 7_500_000,
      actualCents: 7_350_012,
      deviationCents: -149_988,
    });
    expect(report.checklist.find((c) => c.key === 'narrative')).toMatchObject({ done: false, blocking: true });
    expect(report.activity.length).toBeGreaterThan(0);

    const xlsx = await finance.get(`/api/v1/funding/grants/${grant.id}/reports/2021/statement.xlsx`);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Zahlenmäßiger Nachweis')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    for (const line of report.lines) {
      const row = rows.find((r) => r[0] === line.label)!;
      expect(Math.round((row[1] as number) * 100)).toBe(line.approvedCents);
      expect(Math.round((row[2] as number) * 100)).toBe(line.actualCents);
      expect(Math.round((row[3] as number) * 100)).toBe(line.deviationCents);
    }
    const pdf = await finance.get(`/api/v1/funding/grants/${grant.id}/reports/2021/statement.pdf`);
    const text = pdfText(pdf.rawPayload);
    expect(text).toMatch(/Verwendungsnachweis – zahlenmäßiger Nachweis/);
    for (const line of report.lines) expect(text).toContain(formatEuro(line.actualCents).replace('\u00a0', ' '));
    const narrative = await finance.get(`/api/v1/funding/grants/${grant.id}/reports/2021/narrative.pdf`);
    expect(pdfText(narrative.rawPayload)).toMatch(/Sachbericht[\s\S]*Was noch fehlt/);

    // Finalising needs the narrative; then only the lead may close it.
    const saved = await finance.put(
      `/api/v1/funding/grants/${grant.id}/reports/2021`,
      { narrative: 'Das Projekt erreichte 2021 ältere Migrantinnen und Migranten in allen 19 Kommunen. Abweichungen: keine wesentlichen.' },
      { 'if-match': '0' },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(
      (await finance.post(`/api/v1/funding/grants/${grant.id}/reports/2021/finalise`, {}, { 'if-match': String(saved.json().version) }))
        .statusCode,
    ).toBe(403);
    const final = await lead.post(
      `/api/v1/funding/grants/${grant.id}/reports/2021/finalise`,
      {},
      { 'if-match': String(saved.json().version) },
    );
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', finalisedByName: 'Test lead' });
    const late = await finance.put(
      `/api/v1/funding/grants/${grant.id}/reports/2021`,
      { narrative: 'Nachträglich geändert – das geht nicht mehr, weil abgeschlossen.' },
      { 'if-match': String(final.json().version) },
    );
    expect(late.statusCode).toBe(409);
  });
});

function pdfText(buffer: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vn-')), 'doc.pdf');
  fs.writeFileSync(file, buffer);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
}
