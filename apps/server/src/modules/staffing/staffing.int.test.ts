import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, Programme } from '@teilhabe/shared';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let finance: Agent;
let kimB2: Programme;
beforeAll(async () => {
  t = await createTestApp();
  finance = await t.as('finance');
  kimB2 = ((await finance.get('/api/v1/funding/programmes')).json() as Programme[]).find((p) => p.code === 'KIM_B2')!;
});
afterAll(() => t.close());

async function newPost(fteMilli = 1000): Promise<Post> {
  const res = await finance.post('/api/v1/staffing/posts', {
    organisationId: t.tree.ki.id,
    postNumber: `P-${Math.random().toString(36).slice(2, 8)}`,
    title: 'Case Management',
    postType: 'case_management',
    fteMilli,
    payGrade: 'S 12',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('the Stellenplan', () => {
  it('is read by the coordinator and changed only by finance and lead', async () => {
    const post = await newPost();
    const coordinator = await t.as('coordinator');
    expect((await coordinator.get(`/api/v1/staffing/posts/${post.id}`)).statusCode).toBe(200);
    expect((await coordinator.patch(`/api/v1/staffing/posts/${post.id}`, { title: 'x y' }, { 'if-match': '1' })).statusCode).toBe(403);
    expect(
      (await (await t.as('lead')).patch(`/api/v1/staffing/posts/${post.id}`, { title: 'Case Management Siegburg' }, { 'if-match': '1' }))
        .statusCode,
    ).toBe(200);
    // Reading the Stellenplan (holder names, contracts) is on record.
    expect(await t.auditCount(`action = 'staffing.post_read' AND subject_id = $1`, [post.id])).toBeGreaterThanOrEqual(1);
  });

  it('never funds or fills more than the post has, with German messages naming the field', async () => {
    const post = await newPost(500);
    const tooMuch = await finance.post(`/api/v1/staffing/posts/${post.id}/fundings`, {
      programmeId: kimB2.id,
      fteMilli: 600,
      validFrom: '2021-01-01',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().fields.fteMilli).toBe('Die Stelle hat nur 0,5 VZÄ.');
    await finance.post(`/api/v1/staffing/posts/${post.id}/occupancies`, {
      holderName: 'A. Beispiel',
      fteMilli: 300,
      contractStart: '2021-01-01',
      contractEnd: '2021-12-31',
    });
    const overlap = await finance.post(`/api/v1/staffing/posts/${post.id}/occupancies`, {
      holderName: 'B. Beispiel',
      fteMilli: 300,
      contractStart: '2021-06-01',
    });
    expect(overlap.json().fields.fteMilli).toBe('In diesem Zeitraum sind schon 0,3 von 0,5 VZÄ besetzt.');
    const reversed = await finance.post(`/api/v1/staffing/posts/${post.id}/occupancies`, {
      holderName: 'C. Beispiel',
      fteMilli: 200,
      contractStart: '2021-06-01',
      contractEnd: '2021-05-01',
    });
    expect(reversed.json().fields.contractEnd).toBe('Das Vertragsende liegt vor dem Vertragsbeginn.');
    const fractional = await finance.post(`/api/v1/staffing/posts/${post.id}/occupancies`, {
      holderName: 'D. Beispiel',
      fteMilli: 0.5,
      contractStart: '2021-06-01',
    });
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().fields.fteMilli).toMatch(/Tausendsteln/);
    const shrink = await finance.patch(`/api/v1/staffing/posts/${post.id}`, { fteMilli: 200 }, { 'if-match': String(post.version) });
    expect(shrink.json().fields.fteMilli).toMatch(/kleiner geht es nicht/);
  });

  it('keeps one cost rate per pay grade and year and answers 409 to stale edits', async () => {
    const created = await finance.post('/api/v1/staffing/pay-grades', { year: 2035, payGrade: 'EG 9c', annualCostCents: 7_500_000 });
    expect(created.statusCode).toBe(201);
    const twice = await finance.post('/api/v1/staffing/pay-grades', { year: 2035, payGrade: 'EG  9c', annualCostCents: 7_600_000 });
    expect(twice.statusCode).toBe(409);
    const bad = await finance.post('/api/v1/staffing/pay-grades', { year: 2035, payGrade: 'Chef', annualCostCents: 1 });
    expect(bad.json().fields.payGrade).toMatch(/Entgeltgruppe/);
    const id = created.json().id;
    expect((await finance.patch(`/api/v1/staffing/pay-grades/${id}`, { annualCostCents: 7_700_000 }, { 'if-match': '1' })).statusCode).toBe(
      200,
    );
    const stale = await finance.patch(`/api/v1/staffing/pay-grades/${id}`, { annualCostCents: 7_800_000 }, { 'if-match': '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
  });
});
