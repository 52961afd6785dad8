import { DATA_CATEGORIES, type Consent, type ConsentStatus, type DataCategory, type RecordConsentBody } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { AppError, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import { requireCaseInScope } from '../cases/cases.service.js';
import { requirePersonForWrite, requirePersonInScope } from '../people/people.service.js';
import * as repo from './consents.repository.js';
import type { ConsentView } from './consents.repository.js';

const todayBerlin = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());

export function consentStatus(c: Pick<ConsentView, 'withdrawnAt' | 'givenAt' | 'validUntil'>, today = todayBerlin()): ConsentStatus {
  if (c.withdrawnAt) return 'withdrawn';
  if (c.givenAt > today) return 'pending';
  if (c.validUntil && c.validUntil < today) return 'expired';
  return 'active';
}

function presentConsent(c: ConsentView, canWithdraw: boolean): Consent {
  const status = consentStatus(c);
  return {
    id: c.id,
    personId: c.personId,
    caseId: c.caseId,
    recipientOrganisation: { id: c.recipientOrganisationId, name: c.recipientName },
    purpose: c.purpose as Consent['purpose'],
    purposeNote: c.purposeNote,
    categories: c.categories as DataCategory[],
    legalBasis: c.legalBasis as Consent['legalBasis'],
    formLanguage: c.formLanguage as Consent['formLanguage'],
    givenBy: c.givenBy as Consent['givenBy'],
    guardianName: c.guardianName,
    givenAt: c.givenAt,
    validUntil: c.validUntil,
    withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
    status,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    can: { withdraw: canWithdraw && status !== 'withdrawn' },
  };
}

async function canWrite(ctx: AuthedContext, personId: string): Promise<boolean> {
  try {
    await requirePersonForWrite(ctx, personId);
    return true;
  } catch {
    return false;
  }
}

export async function listConsents(ctx: AuthedContext, personId: string): Promise<Consent[]> {
  await requirePersonInScope(ctx, personId);
  const writable = await canWrite(ctx, personId);
  const rows = await repo.listConsentsOfPerson(ctx.tx, personId);
  await ctx.audit.record({ action: 'consents.list', subjectType: 'person', subjectId: personId, details: { personId, shown: rows.length } });
  return rows.map((r) => presentConsent(r, writable));
}

export async function recordConsent(ctx: AuthedContext, personId: string, input: RecordConsentBody): Promise<Consent> {
  await requirePersonForWrite(ctx, personId);
  const recipient = await repo.findOrganisation(ctx.tx, input.recipientOrganisationId);
  if (!recipient) throw fieldError('recipientOrganisationId', 'Diese Organisation gibt es nicht.');
  if (input.caseId) {
    const c = await requireCaseInScope(ctx, input.caseId).catch(() => null);
    if (!c || c.person_id !== personId) throw fieldError('caseId', 'Dieser Fall gehört nicht zu der Person.');
  }
  const today = todayBerlin();
  if (input.givenAt > today) throw fieldError('givenAt', 'Eine Einwilligung gilt erst ab ihrer Erteilung: das Datum liegt in der Zukunft.');
  if (input.validUntil && input.validUntil < input.givenAt) throw fieldError('validUntil', 'Das Ende liegt vor der Erteilung.');
  // Health data (Art. 9 DSGVO) is shared only on an explicit consent to special categories.
  if (input.categories.includes('health') && input.legalBasis !== 'art9_2a') {
    throw fieldError('legalBasis', 'Für Gesundheitsdaten ist eine ausdrückliche Einwilligung nach Art. 9 Abs. 2 lit. a DSGVO nötig.');
  }
  if (input.givenBy === 'guardian' && !input.guardianName) throw fieldError('guardianName', 'Bitte den Namen der gesetzlichen Vertretung angeben.');
  if (input.purpose === 'other' && !input.purposeNote) throw fieldError('purposeNote', 'Bitte den Zweck beschreiben.');
  const row = await repo.insertConsent(ctx.tx, {
    personId,
    caseId: input.caseId ?? null,
    recipientOrganisationId: recipient.id,
    purpose: input.purpose,
    purposeNote: input.purposeNote ?? '',
    categories: [...new Set(input.categories)],
    legalBasis: input.legalBasis,
    formLanguage: input.formLanguage,
    givenBy: input.givenBy,
    guardianName: input.guardianName ?? '',
    givenAt: input.givenAt,
    validUntil: input.validUntil ?? null,
    organisationId: ctx.actor.organisationIds[0] ?? null,
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({
    action: 'consents.record',
    subjectType: 'consent',
    subjectId: row.id,
    details: { personId, consentId: row.id, recipientOrganisationId: recipient.id, categories: row.categories },
  });
  return presentConsent({ ...row, recipientName: recipient.name }, true);
}

/** Withdrawal takes effect at once: every partner request checks the consent in the database, nothing is cached. */
export async function withdrawConsent(ctx: AuthedContext, id: string, version: number): Promise<Consent> {
  const current = await repo.findConsentInScope(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Einwilligung nicht gefunden.');
  await requirePersonForWrite(ctx, current.personId);
  if (current.withdrawnAt) throw new AppError(409, 'conflict', 'Die Einwilligung ist bereits widerrufen.');
  const row = await repo.withdrawConsent(ctx.tx, id, version, ctx.actor.userId);
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: 'consents.withdraw',
    subjectType: 'consent',
    subjectId: id,
    details: { personId: current.personId, consentId: id, recipientOrganisationId: current.recipientOrganisationId },
  });
  return presentConsent({ ...row, recipientName: current.recipientName }, true);
}

/**
 * Consent as a policy input (DESIGN §2.4): the categories valid consents release to the recipient, or 422
 * `consent_required` when there are none.
 */
export async function requireConsent(ctx: AuthedContext, personId: string, recipientOrganisationId: string, field = 'recipientOrganisationId'): Promise<DataCategory[]> {
  const categories = (await repo.validConsentCategories(ctx.tx, personId, recipientOrganisationId)) as DataCategory[];
  if (!categories.length) {
    throw new AppError(422, 'consent_required', 'Für diese Stelle liegt keine gültige Einwilligung der Person vor. Bitte zuerst die Einwilligung erfassen.', {
      [field]: 'Keine gültige Einwilligung für diese Stelle',
    });
  }
  return categories;
}

/** The categories valid consents release to a recipient right now (empty when none), for the partner view. */
export async function consentedCategories(ctx: AuthedContext, personId: string, recipientOrganisationId: string): Promise<DataCategory[]> {
  const released = new Set(await repo.validConsentCategories(ctx.tx, personId, recipientOrganisationId));
  return DATA_CATEGORIES.filter((c) => released.has(c));
}

/** All consents of a person for the Art. 15 export (the caller checked scope). */
export async function consentsForExport(ctx: AuthedContext, personId: string): Promise<Consent[]> {
  return (await repo.listConsentsOfPerson(ctx.tx, personId)).map((r) => presentConsent(r, false));
}
