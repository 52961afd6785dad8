import type { ReactNode } from 'react';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  BARRIER_CATEGORY_LABELS_DE,
  BENEFIT_SYSTEM_LABELS_DE,
  BIRTH_DATE_PRECISION_LABELS_DE,
  BREAK_GLASS_REASON_LABELS_DE,
  CASE_PHASE_LABELS_DE,
  CLEARING_OUTCOME_LABELS_DE,
  CLOSURE_REASON_LABELS_DE,
  CONSENT_FORM_LANGUAGE_LABELS_DE,
  CONSENT_PURPOSE_LABELS_DE,
  CONSENT_STATUS_LABELS_DE,
  CONTACT_MODE_LABELS_DE,
  DATA_CATEGORY_LABELS_DE,
  FAMILY_ROLE_LABELS_DE,
  formatBirthDateDe,
  GOAL_STATUS_LABELS_DE,
  LANGUAGE_LABELS_DE,
  LEGAL_BASIS_LABELS_DE,
  LIFE_DOMAIN_LABELS_DE,
  MERGE_STATUS_LABELS_DE,
  NAME_KIND_LABELS_DE,
  NATIONALITY_LABELS_DE,
  NEED_LEVEL_LABELS_DE,
  NOTE_CONFIDENTIALITY_LABELS_DE,
  REFERRAL_STATUS_LABELS_DE,
  REFERRING_BODY_LABELS_DE,
  RELATION_KIND_LABELS_DE,
  SEX_LABELS_DE,
} from '@teilhabe/shared';
import { I18nProvider, type Locale } from '../../i18n';
import { useKimLabels } from './labels';

const labelsIn = (locale: Locale) =>
  renderHook(() => useKimLabels(), {
    wrapper: ({ children }: { children: ReactNode }) => <I18nProvider initialLocale={locale}>{children}</I18nProvider>,
  }).result.current;

/** Each label function of the hook with the shared German map it must reproduce. */
const SHARED_MAPS: [keyof ReturnType<typeof useKimLabels>, Readonly<Record<string | number, string>>][] = [
  ['phase', CASE_PHASE_LABELS_DE],
  ['clearingOutcome', CLEARING_OUTCOME_LABELS_DE],
  ['referringBody', REFERRING_BODY_LABELS_DE],
  ['closureReason', CLOSURE_REASON_LABELS_DE],
  ['lifeDomain', LIFE_DOMAIN_LABELS_DE],
  ['contactMode', CONTACT_MODE_LABELS_DE],
  ['noteConfidentiality', NOTE_CONFIDENTIALITY_LABELS_DE],
  ['goalStatus', GOAL_STATUS_LABELS_DE],
  ['needLevel', Object.fromEntries(NEED_LEVEL_LABELS_DE.entries())],
  ['barrierCategory', BARRIER_CATEGORY_LABELS_DE],
  ['breakGlassReason', BREAK_GLASS_REASON_LABELS_DE],
  ['dataCategory', DATA_CATEGORY_LABELS_DE],
  ['consentPurpose', CONSENT_PURPOSE_LABELS_DE],
  ['legalBasis', LEGAL_BASIS_LABELS_DE],
  ['consentStatus', CONSENT_STATUS_LABELS_DE],
  ['referralStatus', REFERRAL_STATUS_LABELS_DE],
  ['sex', SEX_LABELS_DE],
  ['birthDatePrecision', BIRTH_DATE_PRECISION_LABELS_DE],
  ['benefitSystem', BENEFIT_SYSTEM_LABELS_DE],
  ['nameKind', NAME_KIND_LABELS_DE],
  ['relationKind', RELATION_KIND_LABELS_DE],
  ['familyRole', FAMILY_ROLE_LABELS_DE],
  ['mergeStatus', MERGE_STATUS_LABELS_DE],
  ['consentFormLanguage', CONSENT_FORM_LANGUAGE_LABELS_DE],
  ['language', LANGUAGE_LABELS_DE],
  ['nationality', NATIONALITY_LABELS_DE],
];

describe('KIM labels', () => {
  it('are the shared German labels in German', () => {
    const labels = labelsIn('de');
    for (const [name, map] of SHARED_MAPS) {
      const label = labels[name] as (code: string | number) => string;
      for (const [code, text] of Object.entries(map)) expect(label(code), `${name}.${code}`).toBe(text);
    }
    for (const [date, precision, placeholder] of [
      ['1990-03-14', 'day', false],
      ['1990-01-01', 'day', true],
      ['1990-03-14', 'month', false],
      ['1990-03-14', 'year', false],
      [null, 'unknown', false],
    ] as const) {
      expect(labels.birthDate(date, precision, placeholder)).toBe(formatBirthDateDe(date, precision, placeholder));
    }
  });

  it('are English in English, with language and country names from Intl', () => {
    const labels = labelsIn('en');
    expect(labels.phase('planning')).toBe('Support planning');
    expect(labels.breakGlassReason('client_present')).toBe('Person is present');
    expect(labels.language('ar')).toBe('Arabic');
    expect(labels.consentFormLanguage('uk')).toBe('Ukrainian');
    expect(labels.nationality('SY')).toBe('Syria');
    expect(labels.nationality('XS')).toBe('stateless');
    expect(labels.birthDate('1990-03-14', 'day', false)).toBe('14 Mar 1990');
    expect(labels.birthDate('1990-01-01', 'day', true)).toBe('1 Jan 1990 (placeholder date)');
    expect(labels.birthDate(null, 'unknown', false)).toBe('unknown');
  });
});
