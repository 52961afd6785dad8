import { useMemo } from 'react';
import {
  CONSENT_FORM_LANGUAGE_LABELS_DE,
  LANGUAGE_LABELS_DE,
  NATIONALITY_LABELS_DE,
  type BarrierCategory,
  type BenefitSystem,
  type BirthDatePrecision,
  type BreakGlassReason,
  type CasePhase,
  type ClearingOutcome,
  type ClosureReason,
  type ConsentFormLanguage,
  type ConsentPurpose,
  type ConsentStatus,
  type ContactMode,
  type DataCategory,
  type ErasureStatus,
  type FamilyRole,
  type GoalStatus,
  type LegalBasis,
  type LifeDomain,
  type MergeStatus,
  type NameKind,
  type NoteConfidentiality,
  type ReferralStatus,
  type ReferringBody,
  type RelationKind,
  type Sex,
} from '@teilhabe/shared';
import { useI18n, type MessageKey } from '../../i18n';

/** Codes without a country: XS = stateless, XU = not determined. */
const NO_COUNTRY = new Set(['XS', 'XU']);

/**
 * Labels of the KIM code lists (cases, people, consents) in the UI language. The German catalog entries are the
 * shared `*_LABELS_DE` maps; language and country names come from Intl outside German.
 */
export function useKimLabels() {
  const { t, locale, formatDate } = useI18n();
  return useMemo(() => {
    const list =
      <Code extends string | number>(name: string) =>
      (code: Code) =>
        t(`kim.${name}.${code}` as MessageKey);
    const languageNames = locale === 'de' ? null : new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    const regionNames = locale === 'de' ? null : new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    const displayName = (names: Intl.DisplayNames | null, code: string) => {
      try {
        return names?.of(code);
      } catch {
        return undefined;
      }
    };
    return {
      phase: list<CasePhase>('phase'),
      clearingOutcome: list<ClearingOutcome>('clearingOutcome'),
      referringBody: list<ReferringBody>('referringBody'),
      closureReason: list<ClosureReason>('closureReason'),
      lifeDomain: list<LifeDomain>('lifeDomain'),
      contactMode: list<ContactMode>('contactMode'),
      noteConfidentiality: list<NoteConfidentiality>('noteConfidentiality'),
      goalStatus: list<GoalStatus>('goalStatus'),
      /** 0 = no need … 3 = high need. */
      needLevel: list<number>('needLevel'),
      barrierCategory: list<BarrierCategory>('barrierCategory'),
      breakGlassReason: list<BreakGlassReason>('breakGlassReason'),
      dataCategory: list<DataCategory>('dataCategory'),
      consentPurpose: list<ConsentPurpose>('consentPurpose'),
      legalBasis: list<LegalBasis>('legalBasis'),
      consentStatus: list<ConsentStatus>('consentStatus'),
      referralStatus: list<ReferralStatus>('referralStatus'),
      sex: list<Sex>('sex'),
      birthDatePrecision: list<BirthDatePrecision>('birthDatePrecision'),
      benefitSystem: list<BenefitSystem>('benefitSystem'),
      nameKind: list<NameKind>('nameKind'),
      relationKind: list<RelationKind>('relationKind'),
      familyRole: list<FamilyRole>('familyRole'),
      mergeStatus: list<MergeStatus>('mergeStatus'),
      erasureStatus: list<ErasureStatus>('erasureStatus'),
      language: (code: string) => displayName(languageNames, code) ?? LANGUAGE_LABELS_DE[code] ?? code,
      consentFormLanguage: (code: ConsentFormLanguage) => displayName(languageNames, code) ?? CONSENT_FORM_LANGUAGE_LABELS_DE[code],
      nationality: (code: string) =>
        NO_COUNTRY.has(code)
          ? t(`kim.nationality.${code}` as MessageKey)
          : (displayName(regionNames, code) ?? NATIONALITY_LABELS_DE[code] ?? code),
      /** A date of birth that says how much of it is known: 14.03.1990 (or 14 Mar 1990), 03/1990, 1990, unknown. */
      birthDate: (date: string | null, precision: BirthDatePrecision, placeholder: boolean) => {
        if (!date || precision === 'unknown') return t('kim.birthDate.unknown');
        const [year, month] = date.split('-');
        if (precision === 'year') return year!;
        if (precision === 'month') return `${month}/${year}`;
        return placeholder ? t('kim.birthDate.placeholder', { date: formatDate(date) }) : formatDate(date);
      },
    };
  }, [t, locale, formatDate]);
}
