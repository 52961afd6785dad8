import { useMemo } from 'react';
import type { InterpreterGenderPreference, InterpreterRequestStatus, InterpretingMode, InterpretingTopic, RequesterKind } from '@teilhabe/shared';
import { LANGUAGE_NAMES_DE } from '@teilhabe/shared/interpreters/languages';
import { formatDateDe, isoWeekday, weekdayNameDe } from '@teilhabe/shared/interpreters/workdays';
import { useI18n, type MessageKey } from '../../i18n';

/** Labels of the pool's code lists in the UI language; language names come from Intl outside German. */
export function usePoolLabels() {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const names = locale === 'de' ? null : new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    return {
      kind: (k: RequesterKind) => t(`interpreters.kind.${k}` as MessageKey),
      topic: (k: InterpretingTopic) => t(`interpreters.topic.${k}` as MessageKey),
      mode: (k: InterpretingMode) => t(`interpreters.mode.${k}` as MessageKey),
      genderPreference: (k: InterpreterGenderPreference) => t(`interpreters.genderPref.${k}` as MessageKey),
      status: (k: InterpreterRequestStatus) => t(`interpreters.status.${k}` as MessageKey),
      language: (code: string) => {
        let name: string | undefined;
        try {
          name = names?.of(code);
        } catch {
          name = undefined;
        }
        return name ?? LANGUAGE_NAMES_DE[code] ?? code;
      },
    };
  }, [t, locale]);
}

/** `Mo, 16.03.2026, 10:00 Uhr` (German) or `Mon, 16/03/2026, 10:00` from the API's Berlin date and time. */
export function useAppointmentText() {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' });
    return (date: string, time: string) => {
      const day = locale === 'de' ? `${weekdayNameDe(isoWeekday(date)).slice(0, 2)}, ${formatDateDe(date)}` : format.format(new Date(`${date}T00:00:00Z`));
      return `${day}, ${t('interpreters.common.time', { time })}`;
    };
  }, [t, locale]);
}
