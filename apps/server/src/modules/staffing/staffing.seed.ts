import { addMonthsIso, isoDateInBerlin, mulDivRound, type PostType } from '@teilhabe/shared';
import type { Db } from '../../platform/db/client.js';
import type { KreisTree } from '../../seed/factories.js';
import { programmeIdByCode } from '../funding/programmes.service.js';
import * as repo from './staffing.repository.js';

/** Employer cost per full-time post in 2021 (demo values in the range of the KGSt tables); +3 % a year after. */
const PAY_GRADE_COSTS_2021: Record<string, number> = {
  'EG 6': 5_500_000,
  'EG 9c': 7_200_000,
  'EG 11': 8_000_000,
  'EG 13': 9_200_000,
  'S 12': 7_600_000,
  'S 15': 8_200_000,
};

interface DemoPost {
  number: string;
  title: string;
  type: PostType;
  fte: number;
  grade: string;
  org: (t: KreisTree) => string;
  funding?: { code: string; fte: number; from: string; to?: string; flatRate?: number };
  holders: { name: string; from: string; to: string | null }[];
}

const ki = (t: KreisTree) => t.ki.id;
const kim = (t: KreisTree) => t.orgs.kimKreis!.id;

/**
 * The Stellenplan of the demo KI: the posts behind the seed-004 personnel subsidies (3,5 VZÄ Grundförderung,
 * 16 VZÄ KIM, 2 KOMM-AN I, 0,5 IfKuF, 2 Durchstarten, 1 Guter Lebensabend) plus two seconded teachers. Contracts
 * that run on are extended to the end of the seeding year, so the contract alerts of the demo stay current.
 */
function demoPosts(today: string): DemoPost[] {
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  const kimTerm = (name: string) => [
    { name, from: '2020-07-01', to: '2022-12-31' },
    { name, from: '2023-01-01', to: yearEnd },
  ];
  const posts: DemoPost[] = [
    {
      number: 'KI-01',
      title: 'Leitung Kommunales Integrationszentrum',
      type: 'coordination',
      fte: 1000,
      grade: 'EG 13',
      org: ki,
      funding: { code: 'KI_GRUND', fte: 1000, from: '2015-01-01' },
      holders: [{ name: 'Dr. Miriam Lorenz', from: '2015-01-01', to: null }],
    },
    {
      number: 'KI-02',
      title: 'Sozialpädagogik – Integration durch Bildung',
      type: 'social_work',
      fte: 1000,
      grade: 'S 12',
      org: ki,
      funding: { code: 'KI_GRUND', fte: 1000, from: '2015-01-01' },
      holders: [{ name: 'Anna Becker', from: '2015-03-01', to: null }],
    },
    {
      number: 'KI-03',
      title: 'Sozialpädagogik – Integration als Querschnittsaufgabe',
      type: 'social_work',
      fte: 1000,
      grade: 'S 12',
      org: ki,
      funding: { code: 'KI_GRUND', fte: 1000, from: '2015-01-01' },
      holders: [{ name: 'Murat Yılmaz', from: '2016-01-01', to: null }],
    },
    {
      number: 'KI-04',
      title: 'Bürokraft/Assistenz',
      type: 'assistant',
      fte: 500,
      grade: 'EG 6',
      org: ki,
      funding: { code: 'KI_GRUND', fte: 500, from: '2015-01-01' },
      holders: [{ name: 'Petra Schulz', from: '2015-01-01', to: null }],
    },
    {
      number: 'KI-L1',
      title: 'Lehrkraft (abgeordnet) – Seiteneinsteigerberatung',
      type: 'teacher',
      fte: 1000,
      grade: 'A 13',
      org: ki,
      holders: [{ name: 'Stefan Krämer', from: '2019-08-01', to: null }],
    },
    {
      number: 'KI-L2',
      title: 'Lehrkraft (abgeordnet) – Rucksack Schule',
      type: 'teacher',
      fte: 1000,
      grade: 'A 13',
      org: ki,
      holders: [{ name: 'Fatma Arslan', from: '2020-08-01', to: null }],
    },
    {
      number: 'SMP-01',
      title: 'Koordination Sprachmittlerpool',
      type: 'coordination',
      fte: 500,
      grade: 'EG 9c',
      org: (t) => t.orgs.sprachmittlerpool!.id,
      holders: [{ name: 'Olena Kravets', from: '2019-04-01', to: null }],
    },
    {
      number: 'KIM-K1',
      title: 'KIM-Koordination (Baustein 1) – Lenkungsgruppe',
      type: 'coordination',
      fte: 1000,
      grade: 'EG 11',
      org: kim,
      funding: { code: 'KIM_B1', fte: 1000, from: '2020-07-01' },
      holders: kimTerm('Sophie Brandt'),
    },
    {
      number: 'KIM-K2',
      title: 'KIM-Koordination (Baustein 1) – Arbeitsgruppen',
      type: 'coordination',
      fte: 1000,
      grade: 'EG 11',
      org: kim,
      funding: { code: 'KIM_B1', fte: 1000, from: '2020-07-01' },
      holders: kimTerm('Jan Hoffmann'),
    },
    {
      number: 'KIM-K3',
      title: 'KIM-Koordination (Baustein 1) – Fachaufsicht Case Management',
      type: 'coordination',
      fte: 1000,
      grade: 'EG 11',
      org: kim,
      funding: { code: 'KIM_B1', fte: 1000, from: '2020-07-01' },
      holders: kimTerm('Aylin Kaya'),
    },
    {
      number: 'KIM-K4',
      title: 'KIM-Koordination (Baustein 1) – Monitoring',
      type: 'coordination',
      fte: 500,
      grade: 'EG 11',
      org: kim,
      funding: { code: 'KIM_B1', fte: 500, from: '2020-07-01' },
      holders: [
        { name: 'Lena Wagner', from: '2020-07-01', to: '2022-12-31' },
        { name: 'Lena Wagner', from: '2023-01-01', to: addMonthsIso(today, 5) },
      ],
    },
    {
      number: 'KIM-VA',
      title: 'Verwaltungsassistenz KIM',
      type: 'assistant',
      fte: 500,
      grade: 'EG 6',
      org: kim,
      funding: { code: 'KIM_B1_VA', fte: 500, from: '2020-07-01' },
      holders: kimTerm('Monika Richter'),
    },
    {
      number: 'KIM-ABH1',
      title: 'Ausländerbehörde – Bleiberecht (§§ 25a, 25b AufenthG)',
      type: 'administration',
      fte: 1000,
      grade: 'EG 9c',
      org: (t) => t.orgs.abh!.id,
      funding: { code: 'KIM_B3', fte: 1000, from: '2020-07-01' },
      holders: kimTerm('Markus Klein'),
    },
    {
      number: 'KIM-ABH2',
      title: 'Einbürgerungsbehörde – Einbürgerung',
      type: 'administration',
      fte: 1000,
      grade: 'EG 9c',
      org: (t) => t.orgs.abh!.id,
      funding: { code: 'KIM_B3', fte: 1000, from: '2020-07-01' },
      holders: kimTerm('Elif Şahin'),
    },
    {
      number: 'KA-01',
      title: 'KOMM-AN NRW – Ehrenamtskoordination',
      type: 'social_work',
      fte: 1000,
      grade: 'S 12',
      org: ki,
      funding: { code: 'KOMM_AN_I', fte: 1000, from: '2016-01-01' },
      holders: [{ name: 'Tobias Neumann', from: '2016-04-01', to: null }],
    },
    {
      number: 'KA-02',
      title: 'KOMM-AN NRW – Weiterleitungen und Beratung von Initiativen',
      type: 'social_work',
      fte: 1000,
      grade: 'S 12',
      org: ki,
      funding: { code: 'KOMM_AN_I', fte: 1000, from: '2016-01-01' },
      holders: [{ name: 'Hanna Schmitz', from: '2017-01-01', to: null }],
    },
    {
      number: 'IF-01',
      title: 'Koordination Rucksack und Griffbereit',
      type: 'social_work',
      fte: 500,
      grade: 'S 12',
      org: ki,
      funding: { code: 'IFKUF', fte: 500, from: '2018-01-01', flatRate: 5_000_000 },
      holders: [{ name: 'Sara Haddad', from: '2018-02-01', to: null }],
    },
    {
      number: 'DS-01',
      title: 'Durchstarten – Coaching (F1)',
      type: 'social_work',
      fte: 1000,
      grade: 'S 12',
      org: ki,
      funding: { code: 'DURCHSTARTEN_F1', fte: 1000, from: '2020-04-01', to: '2023-06-30', flatRate: 5_860_000 },
      holders: [{ name: 'Daniel Okafor', from: '2020-04-01', to: '2023-06-30' }],
    },
    {
      number: 'DS-02',
      title: 'Durchstarten – Coaching (F1)',
      type: 'social_work',
      fte: 1000,
      grade: 'S 12',
      org: ki,
      funding: { code: 'DURCHSTARTEN_F1', fte: 1000, from: '2020-04-01', to: '2023-06-30', flatRate: 5_860_000 },
      holders: [{ name: 'Mira Popescu', from: '2020-04-01', to: '2023-06-30' }],
    },
    {
      number: 'GLA-01',
      title: 'Guter Lebensabend NRW – kultursensible Altenhilfe',
      type: 'social_work',
      fte: 1000,
      grade: 'S 15',
      org: ki,
      funding: { code: 'GLA', fte: 1000, from: '2021-01-01', to: '2023-12-31', flatRate: 7_500_000 },
      holders: [{ name: 'Hülya Demir', from: '2021-01-01', to: '2023-12-31' }],
    },
  ];
  const cmNames = [
    'Kemal Aydın',
    'Julia Meyer',
    'Amina Rahimi',
    'Felix Braun',
    'Nadia Haddad',
    'Lukas Schäfer',
    'Irina Volkova',
    'Thomas Lang',
    'Zeynep Aksoy',
    'Ben Fischer',
  ];
  cmNames.forEach((name, i) => {
    const n = String(i + 1).padStart(2, '0');
    const org = i < 3 ? (t: KreisTree) => t.orgs.kimTroisdorf!.id : i < 6 ? (t: KreisTree) => t.orgs.kimSiegburg!.id : kim;
    // CM10 shows a vacancy: the first holder left in June 2021, the successor started in September.
    const holders =
      i === 9
        ? [
            { name: 'Ben Fischer', from: '2020-07-01', to: '2021-06-30' },
            { name: 'Carla Nowak', from: '2021-09-01', to: '2022-12-31' },
            { name: 'Carla Nowak', from: '2023-01-01', to: `${today.slice(0, 4)}-12-31` },
          ]
        : kimTerm(name);
    posts.push({
      number: `KIM-CM${n}`,
      title: 'Case Management (KIM Baustein 2)',
      type: 'case_management',
      fte: 1000,
      grade: 'S 12',
      org,
      funding: { code: 'KIM_B2', fte: 1000, from: '2020-07-01' },
      holders,
    });
  });
  return posts;
}

/** Pay grade costs 2021–2030, rising 3 % a year, rounded to 100 €; integer arithmetic only. */
function payGradeCosts(): { year: number; payGrade: string; annualCostCents: number }[] {
  const rows: { year: number; payGrade: string; annualCostCents: number }[] = [];
  for (const [payGrade, base] of Object.entries(PAY_GRADE_COSTS_2021)) {
    let cost = base;
    for (let year = 2021; year <= 2030; year++) {
      rows.push({ year, payGrade, annualCostCents: cost });
      cost = mulDivRound(mulDivRound(cost, 103, 100), 1, 10_000) * 10_000;
    }
  }
  return rows;
}

export async function seedStaffingDemo(db: Db, tree: KreisTree): Promise<void> {
  for (const row of payGradeCosts()) await repo.insertPayGradeCost(db, row);
  for (const p of demoPosts(isoDateInBerlin())) {
    const post = await repo.insertPost(db, {
      organisationId: p.org(tree),
      postNumber: p.number,
      title: p.title,
      postType: p.type,
      fteMilli: p.fte,
      payGrade: p.grade,
      notes: '',
    });
    if (p.funding) {
      const programmeId = await programmeIdByCode(db, p.funding.code);
      const flatRate =
        p.funding.flatRate ?? (p.funding.code === 'KI_GRUND' ? 5_000_000 : p.funding.code === 'KIM_B1_VA' ? 4_500_000 : 5_700_000);
      await repo.insertFunding(db, {
        postId: post.id,
        programmeId,
        fteMilli: p.funding.fte,
        flatRatePerFteCents: flatRate,
        validFrom: p.funding.from,
        validTo: p.funding.to ?? null,
      });
    }
    for (const h of p.holders)
      await repo.insertOccupancy(db, { postId: post.id, holderName: h.name, fteMilli: p.fte, contractStart: h.from, contractEnd: h.to });
  }
}
