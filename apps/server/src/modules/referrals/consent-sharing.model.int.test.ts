// Model-based property test of consent-scoped sharing: random sequences of "give consent", "withdraw",
// "create referral" and "partner reads" run against the real API and database and are compared with a small
// in-memory model of which consents are valid. The partner sees a referral while a valid, non-withdrawn consent covers
// its organisation, and exactly the categories such consents release that its kind of organisation needs (minimal data
// set); otherwise the referral does not exist for it (404, ADR 0012) and the attempt is audited as denied. One category
// read per step: 200 for a shown category, 403 `consent_required` (audited as denied) for any other, 404 as above.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_CATEGORIES, MINIMAL_CATEGORIES_BY_KIND, type DataCategory } from '@teilhabe/shared';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { freshUser } from '../../../test/helpers.js';

// Chosen so the two recipients' minimal data sets differ: the Jobcenter needs contact and goals but not residence,
// the Ausländerbehörde residence but neither contact nor goals.
const CATEGORIES = ['identity', 'contact', 'residence', 'languages', 'goals'] as const;
type Category = (typeof CATEGORIES)[number];
type Validity = 'open' | 'until2099' | 'expired';
const RECIPIENTS = [0, 1] as const;
type Recipient = (typeof RECIPIENTS)[number];
/** The organisation kind of each recipient (the test tree's Jobcenter and Ausländerbehörde). */
const RECIPIENT_KINDS = ['jobcenter', 'auslaenderbehoerde'] as const;

interface ModelConsent {
  recipient: Recipient;
  categories: Category[];
  validity: Validity;
  withdrawn: boolean;
}

interface Model {
  consents: ModelConsent[];
  referrals: Recipient[];
}

const validConsents = (model: Model, recipient: Recipient) => model.consents.filter((c) => c.recipient === recipient && !c.withdrawn && c.validity !== 'expired');

/** Whether a valid consent covers referrals to the recipient right now (whatever its categories). */
function covered(model: Model, recipient: Recipient): boolean {
  return validConsents(model, recipient).length > 0;
}

/** The categories the recipient is shown right now: released by a valid consent and in its kind's minimal set, in the API's order. */
function released(model: Model, recipient: Recipient): DataCategory[] {
  const set = new Set<string>();
  for (const c of validConsents(model, recipient)) c.categories.forEach((k) => set.add(k));
  const minimal: readonly string[] = MINIMAL_CATEGORIES_BY_KIND[RECIPIENT_KINDS[recipient]];
  return DATA_CATEGORIES.filter((k) => set.has(k) && minimal.includes(k));
}

interface Real {
  personId: string;
  caseId: string;
  consents: { id: string; version: number }[];
  referrals: string[];
}

let t: TestApp;
let cm: Agent;
let recipients: { organisationId: string; partner: Agent }[];
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  cm = await t.as('case_manager');
  const abhPartner = await freshUser(t, 'partner', { organisationId: t.tree.orgs.abh!.id });
  recipients = [
    { organisationId: t.tree.orgs.jobcenter!.id, partner: await t.as('partner') },
    { organisationId: t.tree.orgs.abh!.id, partner: await t.asUser(abhPartner) },
  ];
});
afterAll(() => t.close());

class GiveConsent implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly recipient: Recipient,
    readonly categories: Category[],
    readonly validity: Validity,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const dates =
      this.validity === 'expired' ? { givenAt: '2020-01-01', validUntil: '2020-12-31' } : this.validity === 'until2099' ? { givenAt: today, validUntil: '2099-12-31' } : { givenAt: today };
    const res = await cm.post(`/api/v1/people/${real.personId}/consents`, {
      recipientOrganisationId: recipients[this.recipient]!.organisationId,
      caseId: real.caseId,
      purpose: 'labour_market',
      categories: this.categories,
      legalBasis: 'art6_1a',
      ...dates,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe(this.validity === 'expired' ? 'expired' : 'active');
    real.consents.push({ id: res.json().id, version: res.json().version });
    model.consents.push({ recipient: this.recipient, categories: this.categories, validity: this.validity, withdrawn: false });
  }
  toString = () => `give(${this.recipient}, [${this.categories.join(',')}], ${this.validity})`;
}

class Withdraw implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.consents.length > 0;
  async run(model: Model, real: Real) {
    const i = this.pick % model.consents.length;
    const res = await cm.post(`/api/v1/consents/${real.consents[i]!.id}/withdraw`, {}, { 'if-match': String(real.consents[i]!.version) });
    if (model.consents[i]!.withdrawn) {
      expect(res.statusCode, res.body).toBe(409);
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    real.consents[i]!.version = res.json().version;
    model.consents[i]!.withdrawn = true;
  }
  toString = () => `withdraw(#${this.pick})`;
}

class CreateReferral implements fc.AsyncCommand<Model, Real> {
  constructor(readonly recipient: Recipient) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const res = await cm.post(`/api/v1/cases/${real.caseId}/referrals`, { recipientOrganisationId: recipients[this.recipient]!.organisationId, message: 'Bitte um einen Termin' });
    if (!covered(model, this.recipient)) {
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe('consent_required');
      return;
    }
    expect(res.statusCode, res.body).toBe(201);
    real.referrals.push(res.json().id);
    model.referrals.push(this.recipient);
  }
  toString = () => `refer(${this.recipient})`;
}

class PartnerRead implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly reader: Recipient,
    readonly category: Category,
  ) {}
  check = (model: Readonly<Model>) => model.referrals.length > 0;
  async run(model: Model, real: Real) {
    const i = this.pick % model.referrals.length;
    const id = real.referrals[i]!;
    const addressedTo = model.referrals[i]!;
    const own = addressedTo === this.reader;
    const visible = own && covered(model, addressedTo);
    const expected = visible ? released(model, addressedTo) : [];
    const denied = () => t.auditCount(`action = 'referrals.partner_read' AND subject_id = $1 AND outcome = 'denied'`, [id]);
    const deniedBefore = await denied();
    const partner = recipients[this.reader]!.partner;
    const res = await partner.get(`/api/v1/partner/referrals/${id}`);
    const one = await partner.get(`/api/v1/partner/referrals/${id}/categories/${this.category}`);
    const list = await partner.get('/api/v1/partner/referrals?limit=200');
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.some((x: { id: string }) => x.id === id);
    if (visible) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().sharedCategories).toEqual(expected);
      // The extract carries exactly the shown categories (the ones used here are named like their fields).
      expect(Object.keys(res.json().person).sort()).toEqual([...expected].sort());
      expect(listed).toBe(true);
      if (expected.includes(this.category)) {
        expect(one.statusCode, one.body).toBe(200);
        expect(Object.keys(one.json().person)).toEqual([this.category]);
      } else {
        expect(one.statusCode, one.body).toBe(403);
        expect(one.json().code).toBe('consent_required');
      }
      // A refused category is the only denial of this step.
      expect(await denied()).toBe(deniedBefore + (expected.includes(this.category) ? 0 : 1));
    } else {
      expect(res.statusCode, res.body).toBe(404);
      expect(one.statusCode, one.body).toBe(404);
      expect(listed).toBe(false);
      // Reads of a referral addressed to the reader's organisation but not covered are audited as denied (both
      // requests); another organisation's referral is simply not there for the reader.
      expect(await denied()).toBe(deniedBefore + (own ? 2 : 0));
    }
  }
  toString = () => `read(#${this.pick} by ${this.reader}, ${this.category})`;
}

const recipient = fc.constantFrom(...RECIPIENTS);
const commands = [
  fc.tuple(recipient, fc.subarray([...CATEGORIES], { minLength: 1 }), fc.constantFrom<Validity>('open', 'until2099', 'expired')).map(([r, c, v]) => new GiveConsent(r, c, v)),
  fc.nat(9).map((n) => new Withdraw(n)),
  recipient.map((r) => new CreateReferral(r)),
  fc.tuple(fc.nat(9), recipient, fc.constantFrom(...CATEGORIES)).map(([n, r, c]) => new PartnerRead(n, r, c)),
];

let runs = 0;

describe('consent-scoped sharing (model-based)', () => {
  it('shows a partner a referral’s categories exactly when a valid, non-withdrawn consent covers its organisation and its kind needs them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 8 }), async (cmds) => {
        runs += 1;
        const person = await cm.post('/api/v1/people', { givenNames: `Modell ${runs}`, familyName: 'Beispiel', languages: [{ code: 'ar', interpreterNeeded: false }] });
        expect(person.statusCode, person.body).toBe(201);
        const kase = await cm.post('/api/v1/cases', { personId: person.json().id, referringBody: 'self' });
        expect(kase.statusCode, kase.body).toBe(201);
        const real: Real = { personId: person.json().id, caseId: kase.json().id, consents: [], referrals: [] };
        await fc.asyncModelRun(() => ({ model: { consents: [], referrals: [] }, real }), cmds);
      }),
      { numRuns: 30, endOnFailure: true },
    );
  }, 120_000);
});
