import type { DataCategory, ReferralStatus } from '@teilhabe/shared';

export type ReferralSide = 'case_manager' | 'partner';

/**
 * Vermittlung: angefragt → angenommen/abgelehnt → erledigt/abgebrochen. The recipient answers (accept, decline,
 * complete); the case manager may withdraw the request or break it off and may also mark it done.
 */
const TRANSITIONS: Record<ReferralSide, Partial<Record<ReferralStatus, ReferralStatus[]>>> = {
  partner: { requested: ['accepted', 'declined'], accepted: ['completed', 'cancelled'] },
  case_manager: { requested: ['cancelled'], accepted: ['completed', 'cancelled'] },
};

export function referralTransitions(status: ReferralStatus, side: ReferralSide): ReferralStatus[] {
  return TRANSITIONS[side][status] ?? [];
}

export function canChangeReferral(from: ReferralStatus, to: ReferralStatus, side: ReferralSide): boolean {
  return referralTransitions(from, side).includes(to);
}

/** The fields of the partner extract each data category releases (presenter allowlist). */
export const CATEGORY_FIELDS: Record<DataCategory, readonly string[]> = {
  identity: ['givenNames', 'familyName', 'nativeName', 'birthDate', 'birthDatePrecision', 'sex'],
  contact: ['street', 'postalCode', 'municipality', 'phone', 'email'],
  residence: ['status', 'validUntil'],
  benefits: ['benefitSystem'],
  languages: ['languages'],
  family: ['householdMembers', 'children'],
  health: [],
  education_work: ['domains'],
  goals: ['goals'],
};
