import { CASE_PHASES, LIFE_DOMAINS, type CasePhase, type DataCategory, type LifeDomain } from '@teilhabe/shared';
import type { Db } from '../../platform/db/client.js';
import { makeUser, type KreisTree } from '../../seed/factories.js';
import * as consentsRepo from '../consents/consents.repository.js';
import * as peopleRepo from '../people/people.repository.js';
import { searchFields } from '../people/people.service.js';
import * as referralsRepo from '../referrals/referrals.repository.js';
import * as repo from './cases.repository.js';
import { insertBarrier } from './barriers.repository.js';
import { ORIGIN_GROUPS, pick, pickWeighted, seededRandom, type NamePair } from './kim.names.js';

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** How many of the demo cases stand in each phase (weights); every phase is represented. */
const PHASE_WEIGHTS: Record<CasePhase, number> = {
  access: 6,
  clearing: 8,
  intake: 8,
  assessment: 10,
  planning: 10,
  linking: 12,
  monitoring: 18,
  evaluation: 6,
  closed: 22,
};

const NOTES = [
  'Erstgespräch mit Sprachmittlung; Anliegen und Unterlagen gesichtet.',
  'Gemeinsam Antrag vorbereitet, Kopien der Nachweise angefertigt.',
  'Telefonische Rückfrage zum Stand beim Amt; Termin wird abgewartet.',
  'Hausbesuch: Wohnsituation besprochen, nächste Schritte vereinbart.',
  'Bewerbungsunterlagen überarbeitet, Praktikumsstelle angefragt.',
  'Kita-Platz-Suche besprochen, Vormerkung unterstützt.',
  'Bescheid erläutert und Fristen notiert.',
  'Fortschritt im Sprachkurs besprochen, Prüfungstermin geplant.',
];

const GOALS: Record<LifeDomain, string[]> = {
  residence: ['Aufenthaltstitel verlängern', 'Antrag nach § 25b AufenthG vorbereiten', 'Pass beschaffen (Mitwirkungspflicht)'],
  language: ['Integrationskurs B1 abschließen', 'Berufssprachkurs B2 beginnen', 'Alphabetisierungskurs finden'],
  education: ['Anerkennung des Berufsabschlusses beantragen', 'Zeugnisbewertung bei der ZAB beantragen'],
  work: ['Minijob oder Teilzeitstelle finden', 'Ausbildungsplatz zum 1. August finden', 'Praktikum im Pflegebereich'],
  income: ['Leistungen nach dem SGB II sichern', 'Kindergeld und Kinderzuschlag beantragen'],
  housing: ['Eigene Wohnung finden', 'Wohnberechtigungsschein beantragen'],
  health: ['Hausärztliche Versorgung sicherstellen', 'Psychosoziale Beratung anbinden'],
  family: ['Kita-Platz für das jüngste Kind', 'Schulanmeldung der Kinder begleiten'],
  social: ['Anschluss an Sprachcafé oder Verein', 'Patenschaft vermitteln'],
};

function birthDateFor(random: () => number): { birthDate: string; precision: 'day' | 'year'; placeholder: boolean } {
  const year = 1962 + Math.floor(random() * 44);
  const r = random();
  if (r < 0.05) return { birthDate: `${year}-01-01`, precision: 'year', placeholder: false };
  if (r < 0.15) return { birthDate: `${year}-01-01`, precision: 'day', placeholder: true };
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return { birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, precision: 'day', placeholder: false };
}

/** A spelling variant as other offices write it (Mohammed → Mohamed), for aliases in the demo. */
function otherSpelling(latin: string): string | null {
  const swaps: [RegExp, string][] = [
    [/mm/, 'm'],
    [/ou/, 'u'],
    [/ee/, 'i'],
    [/ii$/, 'iy'],
    [/^Al-/, 'El-'],
    [/kh/i, 'ch'],
  ];
  for (const [re, to] of swaps) if (re.test(latin)) return latin.replace(re, to);
  return null;
}

interface Staff {
  troisdorf: { id: string }[];
  siegburg: { id: string }[];
}

async function staff(db: Db, tree: KreisTree): Promise<Staff> {
  const troisdorf = await repo.usersWithRoleIn(db, tree.orgs.kimTroisdorf!.id, 'case_manager');
  // Fictional colleagues without a password (no login): a second case manager in Troisdorf, two in Siegburg.
  const extra = [
    { email: 'jonas.weber@teilhabe.example', name: 'Jonas Weber', org: tree.orgs.kimTroisdorf!.id },
    { email: 'lea.schneider@teilhabe.example', name: 'Lea Schneider', org: tree.orgs.kimSiegburg!.id },
    { email: 'yusuf.demir@teilhabe.example', name: 'Yusuf Demir', org: tree.orgs.kimSiegburg!.id },
  ];
  const made = [];
  for (const u of extra) made.push({ org: u.org, row: await makeUser(db, { email: u.email, displayName: u.name, password: null, memberships: [{ organisationId: u.org, role: 'case_manager' }] }) });
  return {
    troisdorf: [...troisdorf, ...made.filter((m) => m.org === tree.orgs.kimTroisdorf!.id).map((m) => m.row)],
    siegburg: made.filter((m) => m.org === tree.orgs.kimSiegburg!.id).map((m) => m.row),
  };
}

interface PersonSpec {
  given: NamePair;
  family: NamePair;
  sex: 'female' | 'male';
  organisationId: string;
  nationality: string;
  language: string;
  interpreter: boolean;
  status: string;
  ags: string;
  birth: ReturnType<typeof birthDateFor>;
  entryGermany: string;
  entryKreis: string;
  benefit: 'sgb2' | 'asylblg' | 'sgb12' | 'none' | 'sgb3';
  alias?: string | null;
}

async function insertPerson(db: Db, spec: PersonSpec, createdBy: string) {
  const names = {
    givenNames: spec.given.latin,
    familyName: spec.family.latin,
    nativeGivenNames: spec.given.native && spec.family.native ? spec.given.native : '',
    nativeFamilyName: spec.given.native && spec.family.native ? spec.family.native : '',
    aliases: spec.alias ? [{ givenNames: spec.alias, familyName: spec.family.latin, kind: 'spelling' as const }] : [],
  };
  const person = await peopleRepo.insertPerson(db, {
    ...names,
    ...searchFields(names),
    organisationId: spec.organisationId,
    createdBy,
    birthDate: spec.birth.birthDate,
    birthDatePrecision: spec.birth.precision,
    birthDateIsPlaceholder: spec.birth.placeholder,
    sex: spec.sex,
    nationalities: [spec.nationality],
    languages: [{ code: spec.language, interpreterNeeded: spec.interpreter }],
    entryGermanyDate: spec.entryGermany,
    entryKreisDate: spec.entryKreis,
    municipalityAgs: spec.ags,
    benefitSystem: spec.benefit,
  });
  await peopleRepo.insertResidenceStatus(db, { personId: person.id, statusCode: spec.status, validFrom: spec.entryKreis, validUntil: null, createdBy });
  return person;
}

/**
 * Demo data of the KIM case management: about 300 fictional persons with names in Arabic, Persian, Cyrillic, Turkish
 * and German spelling, cases in every phase with contacts, assessment, goals, Wiedervorlagen, consents and
 * referrals. Deterministic (seeded random); dates are relative to the day of seeding.
 */
export async function seedKimDemo(db: Db, tree: KreisTree, opts: { persons?: number } = {}): Promise<void> {
  const random = seededRandom(4711);
  const team = await staff(db, tree);
  const kemal = team.troisdorf[0];
  if (!kemal) return;
  const now = Date.now();
  const kommunen = tree.kommunen.map((k) => ({ ...k, weight: k.population }));
  const siegburgArea = new Set(['05382060', '05382056', '05382020', '05382028', '05382016', '05382036', '05382040', '05382052', '05382076']);
  const partners = { jobcenter: tree.orgs.jobcenter!.id, sozialamt: tree.orgs.sozialamt!.id, abh: tree.orgs.abh!.id, jugendamt: tree.orgs.jugendamt!.id, traeger: tree.orgs.traeger!.id };

  // The journey's person: "محمد الحسن / Mohammed Al-Hassan", in Troisdorf, with a case in Monitoring.
  const special: (PersonSpec & { phase: CasePhase })[] = [
    {
      given: { latin: 'Mohammed', native: 'محمد' },
      family: { latin: 'Al-Hassan', native: 'الحسن' },
      sex: 'male',
      organisationId: tree.orgs.kimTroisdorf!.id,
      nationality: 'SY',
      language: 'ar',
      interpreter: true,
      status: 'ae_25_2_fluechtling',
      ags: '05382068',
      birth: { birthDate: '1991-04-12', precision: 'day', placeholder: false },
      entryGermany: '2022-09-01',
      entryKreis: '2023-02-15',
      benefit: 'sgb2',
      phase: 'monitoring',
    },
    {
      given: { latin: 'Olena', native: 'Олена' },
      family: { latin: 'Kovalenko', native: 'Коваленко' },
      sex: 'female',
      organisationId: tree.orgs.kimSiegburg!.id,
      nationality: 'UA',
      language: 'uk',
      interpreter: false,
      status: 'ae_24',
      ags: '05382060',
      birth: { birthDate: '1985-02-03', precision: 'day', placeholder: false },
      entryGermany: '2022-03-20',
      entryKreis: '2022-04-01',
      benefit: 'sgb2',
      phase: 'linking',
    },
  ];

  const total = opts.persons ?? 300;
  const specs: (PersonSpec & { phase: CasePhase | null })[] = [...special];
  for (let i = specs.length; i < total; i++) {
    const origin = pickWeighted(random, ORIGIN_GROUPS);
    const sex = random() < 0.52 ? 'male' : 'female';
    const given = pick(random, sex === 'male' ? origin.male : origin.female);
    const family = pick(random, origin.family);
    const kommune = pickWeighted(random, kommunen);
    const birth = birthDateFor(random);
    const entryGermany = new Date(now - (60 + random() * 365 * 9) * DAY);
    const entryKreis = new Date(Math.min(now - 30 * DAY, entryGermany.getTime() + random() * 365 * 2 * DAY));
    const status = pick(random, origin.statuses);
    const benefit = status === 'gestattung' || status.startsWith('duldung') || status.endsWith('duldung') ? 'asylblg' : origin.key === 'germany' ? 'none' : random() < 0.8 ? 'sgb2' : 'none';
    specs.push({
      given,
      family,
      sex,
      organisationId: siegburgArea.has(kommune.ags) ? tree.orgs.kimSiegburg!.id : tree.orgs.kimTroisdorf!.id,
      nationality: origin.nationality,
      language: origin.language,
      interpreter: random() < origin.interpreterShare,
      status,
      ags: kommune.ags,
      birth,
      entryGermany: isoDate(entryGermany),
      entryKreis: isoDate(entryKreis),
      benefit,
      alias: random() < 0.15 ? otherSpelling(given.latin) : null,
      phase: random() < 0.88 ? pickWeighted(random, CASE_PHASES.map((p) => ({ phase: p, weight: PHASE_WEIGHTS[p] }))).phase : null,
    });
  }

  for (const spec of specs) {
    const inTroisdorf = spec.organisationId === tree.orgs.kimTroisdorf!.id;
    const managers = inTroisdorf ? team.troisdorf : team.siegburg;
    // Kemal Aydın (the demo login) carries most Troisdorf cases, so "Meine Fälle" is full.
    const manager = inTroisdorf && random() < 0.75 ? kemal : pick(random, managers.length ? managers : [kemal]);
    const person = await insertPerson(db, spec, manager.id);
    if (!spec.phase) continue;
    await seedCase(db, random, { personId: person.id, organisationId: spec.organisationId, managerId: manager.id, phase: spec.phase, benefit: spec.benefit, partners, interpreter: spec.interpreter });
  }
  const barriers: [string, string, string, string][] = [
    ['waiting_time', 'Ausländerbehörde', 'residence', 'Termine zur Verlängerung von Aufenthaltstiteln erst nach drei bis vier Monaten; Fiktionsbescheinigungen fehlen in der Zwischenzeit.'],
    ['language', 'Jobcenter', 'work', 'Keine Sprachmittlung für Tigrinya und Dari bei Erstgesprächen im Jobcenter.'],
    ['capacity', 'Sprachkursträger', 'language', 'Wartelisten für Integrationskurse mit Kinderbetreuung von über sechs Monaten.'],
    ['documents', 'Anerkennungsstelle', 'education', 'Übersetzungen von Zeugnissen werden nur von vereidigten Übersetzer:innen anerkannt, Kosten werden nicht übernommen.'],
    ['access_rules', 'Sozialamt', 'income', 'Beim Rechtskreiswechsel vom AsylbLG ins SGB II entstehen Lücken von mehreren Wochen.'],
    ['capacity', 'Kommune', 'housing', 'Kaum Wohnungen im geförderten Wohnungsbau für große Familien.'],
  ];
  for (const [category, agency, lifeDomain, description] of barriers) {
    await insertBarrier(db, { organisationId: pick(random, [tree.orgs.kimTroisdorf!.id, tree.orgs.kimSiegburg!.id]), category, agency, lifeDomain, description, createdBy: kemal.id });
  }
}

async function seedCase(
  db: Db,
  random: () => number,
  c: { personId: string; organisationId: string; managerId: string; phase: CasePhase; benefit: string; partners: Record<string, string>; interpreter: boolean },
) {
  const now = Date.now();
  const target = CASE_PHASES.indexOf(c.phase);
  const openedDaysAgo = 10 + Math.floor(random() * 520);
  const opened = new Date(now - openedDaysAgo * DAY);
  const closedEarly = c.phase === 'closed' && random() < 0.25;
  // The path through the phases: all steps up to the current one; an early closure leaves from Clearing.
  const path: CasePhase[] = closedEarly ? ['access', 'clearing', 'closed'] : (CASE_PHASES.slice(0, target + 1) as CasePhase[]);
  const step = (openedDaysAgo - 3) / Math.max(1, path.length);
  const clearingOutcome = path.includes('intake') ? 'admitted' : closedEarly ? (random() < 0.5 ? 'referred_elsewhere' : 'short_counselling') : null;
  const closureReason = c.phase === 'closed' ? (closedEarly ? 'handed_over' : pick(random, ['goals_achieved', 'goals_achieved', 'handed_over', 'moved', 'contact_lost', 'status_change'] as const)) : null;
  const phaseAt = (i: number) => new Date(opened.getTime() + i * step * DAY);
  const row = await repo.insertCase(db, {
    personId: c.personId,
    organisationId: c.organisationId,
    caseManagerId: c.managerId,
    phase: c.phase,
    phaseChangedAt: phaseAt(path.length - 1),
    referringBody: pick(random, ['self', 'mbe', 'jmd', 'sozialamt', 'abh', 'jobcenter', 'jobcenter', 'schule', 'traeger'] as const),
    firstConcern: pick(random, ['Arbeitssuche und Anerkennung', 'Wohnungssuche', 'Aufenthaltsrechtliche Fragen', 'Kita und Schule der Kinder', 'Leistungen und Bescheide']),
    openedAt: isoDate(opened),
    clearingOutcome,
    clearingCriteria: clearingOutcome ? [{ code: 'max_3_years_in_kreis', met: true }, { code: 'complex_needs', met: clearingOutcome === 'admitted' }] : [],
    closedAt: c.phase === 'closed' ? isoDate(phaseAt(path.length - 1)) : null,
    closureReason,
    reviewDueAt: c.phase === 'monitoring' && random() < 0.4 ? isoDate(new Date(now + (random() * 20 - 5) * DAY)) : null,
    createdBy: c.managerId,
  });
  for (let i = 0; i < path.length; i++) {
    await repo.insertPhaseEvent(db, { caseId: row.id, fromPhase: i === 0 ? null : path[i - 1]!, toPhase: path[i]!, actorId: c.managerId, occurredAt: phaseAt(i), note: '' });
  }
  const depth = closedEarly ? 1 : target;
  // Contacts: more the further the case is; some open cases have had none for weeks.
  const silent = c.phase !== 'closed' && random() < 0.15;
  const contacts = depth === 0 ? 0 : Math.min(14, 1 + Math.floor(depth * (0.6 + random())));
  const lastContactAt = c.phase === 'closed' ? phaseAt(path.length - 1).getTime() : silent ? now - 45 * DAY : now - 2 * DAY;
  for (let k = 0; k < contacts; k++) {
    const at = new Date(opened.getTime() + ((k + 1) / contacts) * (lastContactAt - opened.getTime()));
    await repo.insertContact(db, {
      caseId: row.id,
      occurredAt: at,
      durationMinutes: 15 * (1 + Math.floor(random() * 6)),
      mode: pickWeighted(random, [
        { m: 'in_person', weight: 55 },
        { m: 'phone', weight: 30 },
        { m: 'video', weight: 5 },
        { m: 'outreach', weight: 10 },
      ]).m,
      interpreterUsed: c.interpreter && random() < 0.7,
      lifeDomains: [...new Set([pick(random, LIFE_DOMAINS), pick(random, LIFE_DOMAINS)])],
      note: pick(random, NOTES),
      noteConfidentiality: pickWeighted(random, [
        { v: 'case', weight: 50 },
        { v: 'team', weight: 40 },
        { v: 'author', weight: 10 },
      ]).v,
      authorId: c.managerId,
      authorOrganisationId: c.organisationId,
    });
  }
  if (depth >= CASE_PHASES.indexOf('assessment')) {
    for (const domain of LIFE_DOMAINS) {
      if (random() < 0.45) continue;
      await repo.saveAssessment(db, row.id, domain, 0, {
        needLevel: Math.floor(random() * 4),
        need: pick(random, ['Unterstützung bei Anträgen nötig', 'Noch keine Anbindung', 'Hoher Klärungsbedarf', 'Nur Information nötig']),
        resources: pick(random, ['Motiviert, gute Selbstorganisation', 'Familie unterstützt', 'Berufserfahrung vorhanden', '']),
        updatedBy: c.managerId,
      });
    }
  }
  if (depth >= CASE_PHASES.indexOf('planning')) {
    const n = 1 + Math.floor(random() * 3);
    for (let g = 0; g < n; g++) {
      const domain = pick(random, LIFE_DOMAINS);
      const status = c.phase === 'closed' ? pick(random, ['achieved', 'achieved', 'partly_achieved', 'not_achieved'] as const) : depth >= 6 ? pick(random, ['in_progress', 'achieved'] as const) : 'open';
      await repo.insertGoal(db, {
        caseId: row.id,
        lifeDomain: domain,
        title: pick(random, GOALS[domain]),
        steps: [{ text: 'Unterlagen zusammenstellen', done: depth >= 6 }],
        responsibleOrganisationId: domain === 'work' || domain === 'income' ? c.partners.jobcenter! : domain === 'residence' ? c.partners.abh! : null,
        dueDate: isoDate(new Date(now + (random() * 180 - 30) * DAY)),
        status,
      });
    }
  }
  if (c.phase !== 'closed' && random() < 0.45) {
    await repo.insertTask(db, {
      caseId: row.id,
      assigneeId: c.managerId,
      title: pick(random, ['Bescheid nachfragen', 'Termin beim Jobcenter vorbereiten', 'Rückruf der Ausländerbehörde abwarten', 'Kita-Anmeldung nachhalten']),
      dueDate: isoDate(new Date(now + (random() * 40 - 20) * DAY)),
      createdBy: c.managerId,
    });
  }
  if (depth >= CASE_PHASES.indexOf('linking') && random() < 0.7) {
    const recipient = c.benefit === 'asylblg' ? c.partners.sozialamt! : random() < 0.7 ? c.partners.jobcenter! : c.partners.traeger!;
    const categories: DataCategory[] = ['identity', 'languages', ...(random() < 0.5 ? (['education_work'] as const) : []), ...(random() < 0.3 ? (['goals'] as const) : [])];
    const givenAt = isoDate(phaseAt(Math.min(path.length - 1, 2)));
    await consentsRepo.insertConsent(db, {
      personId: c.personId,
      caseId: row.id,
      recipientOrganisationId: recipient,
      purpose: recipient === c.partners.sozialamt ? 'benefits' : 'labour_market',
      categories,
      legalBasis: 'sgb10_67b',
      formLanguage: 'de',
      givenAt,
      validUntil: isoDate(new Date(now + (random() < 0.1 ? -10 : 200) * DAY)),
      organisationId: c.organisationId,
      createdBy: c.managerId,
    });
    const status = c.phase === 'closed' ? 'completed' : depth >= 6 ? pick(random, ['accepted', 'completed'] as const) : 'requested';
    const ref = await referralsRepo.insertReferral(db, {
      caseId: row.id,
      personId: c.personId,
      recipientOrganisationId: recipient,
      offerName: recipient === c.partners.jobcenter ? 'Arbeitsvermittlung' : recipient === c.partners.sozialamt ? 'Leistungsabteilung AsylbLG' : 'Migrationsberatung',
      lifeDomain: recipient === c.partners.sozialamt ? 'income' : 'work',
      message: 'Bitte um einen Beratungstermin; Unterlagen liegen vor.',
      createdBy: c.managerId,
    });
    if (status !== 'requested') await referralsRepo.updateReferralStatus(db, ref.id, ref.version, { status, feedbackNote: status === 'completed' ? 'Termin hat stattgefunden.' : 'Termin vereinbart.' });
  }
}
