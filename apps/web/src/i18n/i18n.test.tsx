import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { SideNavigation } from '../app/SideNavigation';
import { makeMe, renderPage } from '../test/utils';
import { de } from './de';
import { en } from './en';
import { LOCALE_STORAGE_KEY, readStoredLocale } from './index';

describe('i18n', () => {
  it('switches labels to English, stores the choice and updates <html lang>', async () => {
    const me = makeMe();
    renderPage(
      <>
        <LanguageSwitch />
        <SideNavigation user={me} />
      </>,
      { me },
    );
    expect(await screen.findByRole('link', { name: 'Benutzer:innen' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');

    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Sprache' }), 'en');

    expect(await screen.findByRole('link', { name: 'Users' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Benutzer:innen' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(readStoredLocale()).toBe('en');
  });

  it('keeps both catalogs on the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });
});
