import {
  DATA_CATEGORY_LABELS_DE,
  formatDateDe,
  isoDateInBerlin,
  LANGUAGE_LABELS_DE,
  minimalCategoriesFor,
  ORGANISATION_KIND_LABELS_DE,
  partnerCategories,
  REFERRAL_STATUS_LABELS_DE,
  type BenefitSystem,
  type BirthDatePrecision,
  type CreateReferralBody,
  type DataCategory,
  type LifeDomain,
  type PartnerReferral,
  type PartnerReferralCategory,
  type PartnerReferralListItem,
  type Referral,
  type ReferralStatus,
  type Sex,
} from '@teilhabe/shared';
import type { DbOrTx } from '../../platform/db/client.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { AppError, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import { gemeindeByAgs } from '../../seed/geo.js';
import { requireCaseForWrite, requireCaseInScope, unsafeAssessmentsForConsentedShare, unsafeGoalsForConsentedShare } from '../cases/cases.service.js';
import { consentedCategories, requireConsent } from '../consents/consents.service.js';
import { notifyUser } from '../notifications/notifications.service.js';
import { unsafePersonForConsentedShare } from '../people/people.service.js';
import { canChangeReferral, referralTransitions } from './referrals.policy.js';
import * as repo from './referrals.repository.js';
import type { ReferralViewRow } from './referrals.repository.js';

function presentReferral(r: ReferralViewRow, writable: boolean): Referral {
  return {
    id: r.id,
    caseId: r.case_id,
    personId: r.person_id,
    recipientOrganisation: { id: r.recipient_organisation_id, name: r.recipient_name },
    offerName: r.offer_name,
    lifeDomain: r.life_domain as LifeDomain | null,
    message: r.message,
    status: r.status as ReferralStatus,
    statusChangedAt: new Date(r.status_changed_at).toISOString(),
    feedbackNote: r.feedback_note,
    consentCovered: r.consent_covered,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
    can: { changeStatus: writable ? referralTransitions(r.status as ReferralStatus, 'case_manager') : [] },
  };
}

async function isWritable(ctx: AuthedContext, caseId: string): Promise<boolean> {
  return requireCaseForWrite(ctx, caseId).then(
    () => true,
    () => false,
  );
}

export async function listReferrals(ctx: AuthedContext, caseId: string): Promise<Referral[]> {
  const c = await requireCaseInScope(ctx, caseId);
  const writable = await isWritable(ctx, caseId);
  const rows = await repo.listReferralsOfCase(ctx.tx, caseId);
  await ctx.audit.record({ action: 'referrals.list', subjectType: 'case', subjectId: caseId, details: { caseId, personId: c.person_id, shown: rows.length } });
  return rows.map((r) => presentReferral(r, writable));
}

/** Refers a case to a recipient organisation; only with a valid consent covering that recipient (else 422). */
export async function createReferral(ctx: AuthedContext, caseId: string, input: CreateReferralBody): Promise<Referral> {
  const c = await requireCaseForWrite(ctx, caseId);
  if (c.phase === 'closed') throw fieldError('caseId', 'Der Fall ist abgeschlossen.');
  const categories = await requireConsent(ctx, c.personId, input.recipientOrganisationId);
  const row = await repo.insertReferral(ctx.tx, {
    caseId,
    personId: c.personId,
    recipientOrganisationId: input.recipientOrganisationId,
    offerName: input.offerName ?? '',
    lifeDomain: input.lifeDomain ?? null,
    message: input.message,
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({
    action: 'referrals.create',
    subjectType: 'referral',
    subjectId: row.id,
    details: { caseId, personId: c.personId, referralId: row.id, recipientOrganisationId: input.recipientOrganisationId, categories },
  });
  // The receiving partner is told in the app; the notice names no person (the extract behind the link is consent-checked).
  const view = (await repo.findReferralInCaseScope(ctx.tx, ctx.actor, row.id))!;
  for (const userId of await repo.partnerUsersOf(ctx.tx, input.recipientOrganisationId)) {
    await notifyUser(ctx.tx, {
      userId,
      kind: 'referral_new',
      title: `Neue Vermittlung${row.offerName ? `: ${row.offerName}` : ''}`,
      body: `Von ${view.creator_organisation_name ?? 'Case Management'} an ${view.recipient_name}.`,
      link: `/vermittlungen/${row.id}`,
    });
  }
  return presentReferral((await repo.findReferralInCaseScope(ctx.tx, ctx.actor, row.id))!, true);
}

export async function changeReferralStatus(ctx: AuthedContext, id: string, version: number, input: { status: ReferralStatus; feedbackNote?: string }): Promise<Referral> {
  const current = await repo.findReferralInCaseScope(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Vermittlung nicht gefunden.');
  await requireCaseForWrite(ctx, current.case_id);
  if (input.feedbackNote !== undefined) throw fieldError('feedbackNote', 'Die Rückmeldung schreibt die aufnehmende Stelle.');
  if (!canChangeReferral(current.status as ReferralStatus, input.status, 'case_manager')) {
    throw fieldError('status', 'Dieser Statuswechsel ist für die vermittelnde Stelle nicht vorgesehen.');
  }
  const row = await repo.updateReferralStatus(ctx.tx, id, version, { status: input.status });
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: 'referrals.status_change',
    subjectType: 'referral',
    subjectId: id,
    details: { caseId: current.case_id, personId: current.person_id, referralId: id, from: current.status, to: input.status },
  });
  return presentReferral((await repo.findReferralInCaseScope(ctx.tx, ctx.actor, id))!, true);
}

/** All referrals of a person for the Art. 15 export (the caller checked scope). */
export async function referralsForExport(ctx: AuthedContext, personId: string): Promise<Referral[]> {
  return (await repo.listReferralsOfPerson(ctx.tx, personId)).map((r) => presentReferral(r, false));
}

// ── Partner side ──────────────────────────────────────────────────────────────────────────────────────────────

export async function listForPartner(ctx: AuthedContext, limit: number, offset: number) {
  const { rows, total } = await repo.listReferralsForPartner(ctx.tx, ctx.actor, limit, offset);
  await ctx.audit.record({ action: 'referrals.partner_list', subjectType: 'referral', details: { shown: rows.map((r) => r.id) } });
  const items: PartnerReferralListItem[] = rows.map((r) => ({
    id: r.id,
    status: r.status as ReferralStatus,
    createdAt: new Date(r.created_at).toISOString(),
    offerName: r.offer_name,
    lifeDomain: r.life_domain as LifeDomain | null,
    // The name only when a consent releases identity and the recipient's kind receives it (minimal data set).
    personLabel: r.identity_shared && minimalCategoriesFor(r.recipient_kind).includes('identity') ? `${r.given_names} ${r.family_name}` : 'Person (Name nicht freigegeben)',
  }));
  return { items, total, limit, offset };
}

/**
 * Builds the partner's extract field by field from the given categories only (presenter allowlist); callers pass the
 * consented categories the recipient's kind needs (`partnerCategories`), never the consent's list as it is.
 */
async function partnerExtract(ctx: AuthedContext, r: ReferralViewRow, categories: DataCategory[]): Promise<PartnerReferral['person']> {
  const shared = new Set(categories);
  const data = await unsafePersonForConsentedShare(ctx, r.person_id);
  if (!data) return {};
  const p = data.row;
  const person: PartnerReferral['person'] = {};
  if (shared.has('identity')) {
    const nativeName = `${p.nativeGivenNames} ${p.nativeFamilyName}`.trim();
    person.identity = {
      givenNames: p.givenNames,
      familyName: p.familyName,
      nativeName: nativeName || null,
      birthDate: p.birthDate,
      birthDatePrecision: p.birthDatePrecision as BirthDatePrecision,
      sex: p.sex as Sex,
    };
  }
  if (shared.has('contact')) {
    person.contact = {
      street: p.street,
      postalCode: p.postalCode,
      municipality: p.municipalityAgs ? (gemeindeByAgs(p.municipalityAgs)?.name ?? null) : null,
      phone: p.phone,
      email: p.email,
    };
  }
  if (shared.has('residence')) person.residence = { status: data.residence?.label ?? null, validUntil: data.residence?.validUntil ?? null };
  if (shared.has('benefits')) person.benefits = { benefitSystem: p.benefitSystem as BenefitSystem };
  if (shared.has('languages')) {
    person.languages = { languages: p.languages.map((l) => ({ code: l.code, label: LANGUAGE_LABELS_DE[l.code] ?? l.code, interpreterNeeded: l.interpreterNeeded })) };
  }
  if (shared.has('family')) person.family = { householdMembers: data.household.household, children: data.household.children };
  if (shared.has('education_work')) {
    const assessments = await unsafeAssessmentsForConsentedShare(ctx, r.case_id);
    person.educationWork = {
      domains: assessments
        .filter((a) => a.lifeDomain === 'education' || a.lifeDomain === 'work' || a.lifeDomain === 'language')
        .map((a) => ({ lifeDomain: a.lifeDomain as LifeDomain, need: a.need, resources: a.resources })),
    };
  }
  if (shared.has('goals')) {
    const goals = await unsafeGoalsForConsentedShare(ctx, r.case_id);
    person.goals = goals.map((g) => ({ lifeDomain: g.lifeDomain, title: g.title, status: g.status, dueDate: g.dueDate }));
  }
  return person;
}

export type PartnerReadResult = { found: true; referral: PartnerReferral } | { found: false };

/** The referral addressed to the partner's organisation and the categories valid consents release for it right now. */
async function partnerReferralWithConsent(ctx: AuthedContext, id: string) {
  const r = await repo.findReferralAddressedTo(ctx.tx, ctx.actor, id);
  if (!r) return undefined;
  return { r, consented: await consentedCategories(ctx, r.person_id, r.recipient_organisation_id) };
}

/** Without a valid consent the referral does not exist for the partner (404); the attempt is recorded as denied. */
async function recordNoConsent(ctx: AuthedContext, r: ReferralViewRow, category?: DataCategory) {
  await ctx.audit.record({
    action: 'referrals.partner_read',
    subjectType: 'referral',
    subjectId: r.id,
    outcome: 'denied',
    details: { caseId: r.case_id, personId: r.person_id, referralId: r.id, reason: 'no_valid_consent', ...(category ? { category } : {}) },
  });
}

/**
 * The partner's view of one referral: the consented categories its kind of organisation needs (minimal data set),
 * and which categories of that set no consent releases. Without a valid consent it does not exist for them (404) —
 * and the attempt is recorded with outcome `denied`, so the case manager and an Art. 15 request see it.
 */
export async function getForPartner(ctx: AuthedContext, id: string): Promise<PartnerReadResult> {
  const found = await partnerReferralWithConsent(ctx, id);
  if (!found) return { found: false };
  const { r, consented } = found;
  if (!consented.length) {
    await recordNoConsent(ctx, r);
    return { found: false };
  }
  const { shared, withheld } = partnerCategories(r.recipient_kind, consented);
  const person = await partnerExtract(ctx, r, shared);
  await ctx.audit.record({
    action: 'referrals.partner_read',
    subjectType: 'referral',
    subjectId: id,
    details: { caseId: r.case_id, personId: r.person_id, referralId: id, categories: shared, recipientOrganisationId: r.recipient_organisation_id },
  });
  return {
    found: true,
    referral: {
      id: r.id,
      status: r.status as ReferralStatus,
      statusChangedAt: new Date(r.status_changed_at).toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
      offerName: r.offer_name,
      lifeDomain: r.life_domain as LifeDomain | null,
      message: r.message,
      feedbackNote: r.feedback_note,
      version: r.version,
      sharedCategories: shared,
      withheldCategories: withheld,
      referredBy: { displayName: r.creator_name ?? '', organisationName: r.creator_organisation_name ?? '' },
      person,
      can: { changeStatus: referralTransitions(r.status as ReferralStatus, 'partner') },
    },
  };
}

export type PartnerCategoryResult =
  | { found: false }
  | { found: true; /** 403 `consent_required` */ refused: AppError }
  | { found: true; refused?: undefined; data: PartnerReferralCategory };

/**
 * One data category of a referral for the partner. No valid consent for the referral at all: 404 as for the referral
 * itself. A category its kind of organisation does not need, or one no valid consent releases: 403
 * `consent_required` naming the category. Both refusals are recorded as denied with the category; the caller answers
 * them without throwing, so the audit row commits with the request.
 */
export async function getCategoryForPartner(ctx: AuthedContext, id: string, category: DataCategory): Promise<PartnerCategoryResult> {
  const found = await partnerReferralWithConsent(ctx, id);
  if (!found) return { found: false };
  const { r, consented } = found;
  if (!consented.length) {
    await recordNoConsent(ctx, r, category);
    return { found: false };
  }
  const label = DATA_CATEGORY_LABELS_DE[category];
  // The minimal data set first: its refusal says nothing about what the consent contains.
  const needed = minimalCategoriesFor(r.recipient_kind).includes(category);
  const refusal = !needed
    ? {
        reason: 'category_not_needed',
        message: `Die Datenkategorie „${label}“ wird an eine Stelle der Art „${ORGANISATION_KIND_LABELS_DE[r.recipient_kind as keyof typeof ORGANISATION_KIND_LABELS_DE] ?? r.recipient_kind}“ nicht übermittelt (Datenminimierung).`,
      }
    : !consented.includes(category)
      ? { reason: 'category_not_consented', message: `Für die Datenkategorie „${label}“ liegt Ihrer Stelle keine gültige Einwilligung der Person vor.` }
      : null;
  if (refusal) {
    await ctx.audit.record({
      action: 'referrals.partner_read',
      subjectType: 'referral',
      subjectId: id,
      outcome: 'denied',
      details: { caseId: r.case_id, personId: r.person_id, referralId: id, category, reason: refusal.reason, recipientOrganisationId: r.recipient_organisation_id },
    });
    return { found: true, refused: new AppError(403, 'consent_required', refusal.message, { category: refusal.message }) };
  }
  const person = await partnerExtract(ctx, r, [category]);
  await ctx.audit.record({
    action: 'referrals.partner_read',
    subjectType: 'referral',
    subjectId: id,
    details: { caseId: r.case_id, personId: r.person_id, referralId: id, category, categories: [category], recipientOrganisationId: r.recipient_organisation_id },
  });
  return { found: true, data: { referralId: r.id, category, person } };
}

/** The partner may change only the status and the feedback note, and only while a consent covers the referral. */
export async function changeStatusAsPartner(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { status: ReferralStatus; feedbackNote?: string },
): Promise<PartnerReadResult> {
  const found = await partnerReferralWithConsent(ctx, id);
  if (!found?.consented.length) throw notFound('Vermittlung nicht gefunden.');
  const { r } = found;
  if (!canChangeReferral(r.status as ReferralStatus, input.status, 'partner')) {
    throw fieldError('status', 'Dieser Statuswechsel ist für die aufnehmende Stelle nicht vorgesehen.');
  }
  const row = await repo.updateReferralStatus(ctx.tx, id, version, { status: input.status, ...(input.feedbackNote !== undefined ? { feedbackNote: input.feedbackNote } : {}) });
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: 'referrals.partner_status',
    subjectType: 'referral',
    subjectId: id,
    details: { caseId: r.case_id, personId: r.person_id, referralId: id, from: r.status, to: input.status, feedback: input.feedbackNote !== undefined },
  });
  const manager = await repo.caseManagerOfCase(ctx.tx, r.case_id);
  if (manager) {
    const what = r.status !== input.status ? `Status: ${REFERRAL_STATUS_LABELS_DE[input.status]}` : 'neue Rückmeldung';
    await notifyUser(ctx.tx, {
      userId: manager.id,
      kind: 'referral_answer',
      title: `Vermittlung an ${r.recipient_name}: ${what}`,
      body: `Fall ${manager.case_number}${input.feedbackNote ? ' · mit Rückmeldung' : ''}`,
      link: `/faelle/${r.case_id}`,
    });
  }
  return getForPartner(ctx, id);
}

/**
 * Art. 19 DSGVO: after an approved erasure every recipient of earlier shares is told to erase its copies. Partner
 * accounts of the recipient get an in-app notice naming no person, only the referral dates and offers as reference;
 * recipients without a partner account are marked for a notice by letter or e-mail.
 */
export async function notifyRecipientsOfErasure(
  db: DbOrTx,
  personId: string,
  recipients: { id: string; name: string }[],
): Promise<{ id: string; name: string; notifiedInApp: boolean }[]> {
  const out: { id: string; name: string; notifiedInApp: boolean }[] = [];
  for (const recipient of recipients) {
    const users = await repo.partnerUsersOf(db, recipient.id);
    const references = (await repo.unsafeReferralReferences(db, personId, recipient.id))
      .map((r) => `Vermittlung vom ${formatDateDe(isoDateInBerlin(new Date(r.created_at)))}${r.offer_name ? ` (${r.offer_name})` : ''}`)
      .join('; ');
    for (const userId of users) {
      await notifyUser(db, {
        userId,
        kind: 'erasure_notice',
        title: 'Löschung nach Art. 17 DSGVO: bitte übermittelte Daten löschen',
        body: `Eine Person, deren Daten Ihrer Stelle übermittelt wurden, ist auf ihren Antrag gelöscht worden. Bitte löschen Sie auch die Daten, die Sie erhalten haben (Art. 19 DSGVO).${references ? ` Bezug: ${references}.` : ''}`,
      });
    }
    out.push({ ...recipient, notifiedInApp: users.length > 0 });
  }
  return out;
}
