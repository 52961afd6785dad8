import { NativeSelect } from '@mantine/core';
import { isLocale, useI18n } from '../i18n';

/** The UI language; stored in localStorage and mirrored to `<html lang>`. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      value={locale}
      size="xs"
      w={96}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLocale(next)) setLocale(next);
      }}
    >
      <option value="de" lang="de">
        Deutsch
      </option>
      <option value="en" lang="en">
        English
      </option>
    </NativeSelect>
  );
}
