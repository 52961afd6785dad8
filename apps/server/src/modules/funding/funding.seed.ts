import { allocateCents, mulDivRound, type PositionCategory } from '@teilhabe/shared';
import type { Db } from '../../platform/db/client.js';
import { makeOrganisation, type KreisTree } from '../../seed/factories.js';
import * as coverageRepo from './coverage.repository.js';
import * as repo from './grants.repository.js';
import { programmeIdByCode } from './programmes.service.js';
import { usersWithRolesInTenantOf } from './reminders.repository.js';
import { SEED_004_GRANTS, seed004Positions } from './seed004.js';

/** Fictional receipts: quarterly payroll for personnel, a few invoices for Sachmittel. Deterministic. */
const MATERIAL_PAYEES = ['Druckerei Siebengebirge GmbH', 'Tagungshaus Sankt Augustin', 'IT-Dienstleistungszentrum des Kreises'];

/**
 * Demo data for the funding module: the seed-004 Bescheide 2021/2022 (approved by the demo KI-Leitung), spending
 * and call-offs for 2021, pass-through agreements with three organisations, and Integrationspauschale money
 * covering part of the KIM Case Management cost. Runs after the staffing seeder.
 */
export async function seedFundingDemo(db: Db, tree: KreisTree): Promise<void> {
  const [finance] = await usersWithRolesInTenantOf(db, tree.ki.id, ['finance']);
  const [lead] = await usersWithRolesInTenantOf(db, tree.ki.id, ['lead']);
  const recipients = {
    caritas: await makeOrganisation(db, { name: 'Caritasverband Rhein-Sieg e. V.', kind: 'wohlfahrtsverband', parentId: tree.kreis.id }),
    sprachcafe: await makeOrganisation(db, { name: 'Sprachcafé Siegburg e. V.', kind: 'verein', parentId: tree.kreis.id }),
    mso: await makeOrganisation(db, {
      name: 'Kurdische Gemeinschaft Rhein-Sieg/Bonn e. V.',
      kind: 'migrantenorganisation',
      parentId: tree.kreis.id,
    }),
    verbund: { id: tree.orgs.traeger!.id },
  };
  const grantIds: Record<string, string> = {};
  for (const g of SEED_004_GRANTS) {
    const grant = await repo.insertGrant(db, {
      programmeId: await programmeIdByCode(db, g.programmeCode),
      organisationId: tree.ki.id,
      title: g.title,
      createdBy: finance?.id ?? null,
    });
    const revision = await repo.insertRevision(db, grant.id, {
      revisionNo: 1,
      kind: 'initial',
      status: 'approved',
      decisionDate: g.decisionDate,
      fileNumber: g.fileNumber,
      approvalStart: g.approvalStart,
      approvalEnd: g.approvalEnd,
      financingType: 'fixed',
      conditions: g.conditions,
      calloffDates: g.calloffDates,
      useByDate: g.useByDate,
      reportDueDate: g.reportDueDate,
      documentRef: `DMS ${g.fileNumber}`,
      createdBy: finance?.id ?? null,
      approvedBy: lead?.id ?? null,
      approvedAt: new Date(`${g.decisionDate}T10:00:00Z`),
    });
    await repo.replacePositions(db, revision.id, seed004Positions(g));
    grantIds[g.programmeCode] = grant.id;
    if (g.programmeCode === 'IP_14C' || g.programmeCode === 'EIGEN_PROJEKT') continue;
    await seedSpending2021(db, grant.id, g.positions[2021] ?? {}, finance?.id ?? null);
  }

  // Guter Lebensabend: an Änderungsbescheid moves 2.000 € from Sachausgaben to Fortbildung in 2022 (totals unchanged).
  const gla = SEED_004_GRANTS.find((g) => g.programmeCode === 'GLA')!;
  const amended = await repo.insertRevision(db, grantIds.GLA!, {
    revisionNo: 2,
    kind: 'amendment',
    status: 'approved',
    decisionDate: '2021-09-14',
    fileNumber: `${gla.fileNumber}-Ä1`,
    approvalStart: gla.approvalStart,
    approvalEnd: gla.approvalEnd,
    financingType: 'fixed',
    conditions: gla.conditions,
    calloffDates: gla.calloffDates,
    useByDate: gla.useByDate,
    reportDueDate: gla.reportDueDate,
    documentRef: `DMS ${gla.fileNumber}-Ä1`,
    reason: 'Umschichtung von Sachausgaben zu Fortbildung 2022 (Schulung Pflegeberatung)',
    createdBy: finance?.id ?? null,
    approvedBy: lead?.id ?? null,
    approvedAt: new Date('2021-09-20T10:00:00Z'),
  });
  await repo.replacePositions(
    db,
    amended.id,
    seed004Positions(gla).map((p) =>
      p.budgetYear !== 2022
        ? p
        : p.category === 'material'
          ? { ...p, amountCents: p.amountCents - 200_000 }
          : p.category === 'training'
            ? { ...p, amountCents: p.amountCents + 200_000 }
            : p,
    ),
  );

  const onward = async (
    code: string,
    recipientId: string,
    amountCents: number,
    purpose: string,
    state: 'open' | 'received' | 'confirmed',
  ) => {
    await repo.insertOnwardGrant(db, {
      grantId: grantIds[code]!,
      budgetYear: 2021,
      recipientOrganisationId: recipientId,
      amountCents,
      purpose,
      agreementDate: '2021-04-15',
      reportDueDate: '2022-03-31',
      reportReceivedDate: state === 'open' ? null : '2022-03-18',
      checkStatus: state === 'confirmed' ? 'confirmed' : 'open',
      checkNote: state === 'confirmed' ? 'Belege vollständig, Sachbericht plausibel.' : '',
      checkedBy: state === 'confirmed' ? (finance?.id ?? null) : null,
      checkedAt: state === 'confirmed' ? new Date('2022-04-05T09:00:00Z') : null,
      confirmedBy: state === 'confirmed' ? (lead?.id ?? null) : null,
      confirmedAt: state === 'confirmed' ? new Date('2022-04-07T09:00:00Z') : null,
      createdBy: finance?.id ?? null,
    });
  };
  await onward(
    'KOMM_AN',
    recipients.verbund.id,
    15_000_000,
    'KOMM-AN II Baustein A/B: Ankommenstreffpunkte in Troisdorf und Siegburg',
    'confirmed',
  );
  await onward('KOMM_AN', recipients.sprachcafe.id, 1_260_000, 'KOMM-AN II Baustein B: Sprachcafé und Lesegruppen', 'received');
  await onward('KOMM_AN', recipients.mso.id, 1_600_000, 'KOMM-AN II Baustein D: Qualifizierung Ehrenamtlicher', 'open');
  await onward(
    'GLA',
    recipients.caritas.id,
    5_500_000,
    'Guter Lebensabend NRW: aufsuchende kultursensible Beratung älterer Migrantinnen und Migranten',
    'confirmed',
  );
  await onward(
    'DURCHSTARTEN',
    recipients.verbund.id,
    33_000_000,
    'Durchstarten F2–F4: Qualifizierungs- und Sprachkurse, Hauptschulabschlusskurse',
    'received',
  );

  // Integrationspauschale covers part of the KIM Case Management cost not met by the flat rates (until 30.11.2021).
  await coverageRepo.insertAllocation(db, {
    lumpSumGrantId: grantIds.IP_14C!,
    programmeId: await programmeIdByCode(db, 'KIM_B2'),
    year: 2021,
    amountCents: 10_000_000,
    note: 'Eigenanteil KIM Case Management 2021 (Kreistagsbeschluss)',
    createdBy: finance?.id ?? null,
  });
}

async function seedSpending2021(db: Db, grantId: string, plan: Partial<Record<PositionCategory, number>>, createdBy: string | null) {
  const book = (
    category: PositionCategory,
    bookingDate: string,
    amountCents: number,
    payee: string,
    receiptNo: string,
    description: string,
  ) =>
    repo.insertBooking(db, {
      grantId,
      budgetYear: 2021,
      category,
      kind: 'actual',
      status: 'booked',
      bookingDate,
      amountCents,
      payee,
      receiptNo,
      description,
      createdBy,
    });
  const personnel = (plan.personnel ?? 0) * 100;
  if (personnel) {
    const quarters = allocateCents(personnel, [1, 1, 1, 1]);
    for (const [i, amount] of quarters.entries()) {
      await book(
        'personnel',
        ['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-15'][i]!,
        amount,
        'Personalabrechnung des Kreises',
        `PA-2021-Q${i + 1}`,
        `Bezüge Quartal ${i + 1}/2021`,
      );
    }
  }
  const material = mulDivRound((plan.material ?? 0) * 100, 96, 100);
  if (material) {
    const parts = allocateCents(material, [5, 3, 2]);
    for (const [i, amount] of parts.entries()) {
      await book(
        'material',
        ['2021-04-20', '2021-08-12', '2021-11-03'][i]!,
        amount,
        MATERIAL_PAYEES[i]!,
        `RE-2021-${String(100 + i)}`,
        ['Druck Informationsmaterial (mehrsprachig)', 'Raummiete Fachtag', 'Arbeitsplatzausstattung'][i]!,
      );
    }
  }
  const training = mulDivRound((plan.training ?? 0) * 100, 80, 100);
  if (training)
    await book(
      'training',
      '2021-10-05',
      training,
      'Fortbildungsinstitut Rheinland',
      'RE-2021-200',
      'Fortbildung Interkulturelle Kompetenz',
    );
  const passThrough = (plan.pass_through ?? 0) * 100;
  if (passThrough)
    await book(
      'pass_through',
      '2021-05-03',
      passThrough,
      'Weiterleitung an Dritte (Sammelbuchung)',
      'WL-2021-01',
      'Auszahlung nach Weiterleitungsverträgen',
    );
  const total = personnel + material + training + passThrough;
  const calloffs = allocateCents(total, [1, 1, 1, 1]);
  for (const [i, amount] of calloffs.entries()) {
    const callDate = ['2021-03-15', '2021-06-15', '2021-09-15', '2021-11-15'][i]!;
    if (amount > 0)
      await repo.insertCalloff(db, {
        grantId,
        budgetYear: 2021,
        callDate,
        amountCents: amount,
        status: 'received',
        receivedDate: callDate.replace(/-15$/, '-29'),
        note: '',
        createdBy,
      });
  }
}
