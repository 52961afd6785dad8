import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
// Deep import: the package index also loads the Zod schemas, which the shell does not need at start.
import { ROLE_LABELS_DE, isRole } from '@teilhabe/shared/access/permissions';
import { de, type MessageKey } from './de';
import { en, ROLE_LABELS_EN } from './en';

export type { MessageKey } from './de';
export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';
export const LOCALE_STORAGE_KEY = 'teilhabe.locale';

const CATALOGS: Record<Locale, Readonly<Record<MessageKey, string>>> = { de, en };
/** Intl locale per UI language; dates are always shown in Europe/Berlin, wherever the browser is. */
const INTL_LOCALE: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
export const TIME_ZONE = 'Europe/Berlin';

export type MessageVars = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

// Code outside React (the API client) translates with the language the UI currently shows.
let activeLocale: Locale = DEFAULT_LOCALE;

export function getActiveLocale(): Locale {
  return activeLocale;
}

function interpolate(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

export function translate(key: MessageKey, vars?: MessageVars, locale: Locale = activeLocale): string {
  return interpolate(CATALOGS[locale][key], vars);
}

/** Keys that exist as `<base>_one` and `<base>_other`. */
type PluralBase<K extends string, All extends string = K> = K extends `${infer Base}_one`
  ? `${Base}_other` extends All
    ? Base
    : never
  : never;
export type PluralKey = PluralBase<MessageKey>;

export interface Translator {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: MessageVars) => string;
  /** Plural by count: picks `<base>_one` or `<base>_other`; `{count}` is available in the message. */
  tp: (base: PluralKey, count: number, vars?: MessageVars) => string;
  /** Like `t`, but placeholders may be React nodes (e.g. a name inside `<bdi>`). */
  tx: (key: MessageKey, vars: Readonly<Record<string, ReactNode>>) => ReactNode;
  formatDateTime: (iso: string | null | undefined) => string;
  formatDate: (iso: string | null | undefined) => string;
  /** Date and time with seconds, for the audit log. */
  formatTimestamp: (iso: string | null | undefined) => string;
  formatNumber: (value: number) => string;
  roleLabel: (role: string) => string;
}

const I18nContext = createContext<{ locale: Locale; setLocale: (locale: Locale) => void } | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readStoredLocale());
  activeLocale = locale;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Private mode or blocked storage: the switch still works for this visit.
    }
    activeLocale = next;
    setLocaleState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function buildTranslator(locale: Locale, setLocale: (locale: Locale) => void): Translator {
  const intl = INTL_LOCALE[locale];
  const dateTime = new Intl.DateTimeFormat(intl, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(intl, { timeZone: TIME_ZONE, dateStyle: 'medium' });
  const timestamp = new Intl.DateTimeFormat(intl, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'medium' });
  const number = new Intl.NumberFormat(intl);
  const plural = new Intl.PluralRules(intl);
  const t = (key: MessageKey, vars?: MessageVars) => translate(key, vars, locale);
  const formatWith = (format: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
    if (!iso) return '–';
    const value = new Date(iso);
    return Number.isNaN(value.getTime()) ? iso : format.format(value);
  };
  return {
    locale,
    setLocale,
    t,
    tp: (base, count, vars) => {
      const key = `${base}_${plural.select(count) === 'one' ? 'one' : 'other'}` as MessageKey;
      return translate(key, { ...vars, count: number.format(count) }, locale);
    },
    tx: (key, vars) => {
      const parts = CATALOGS[locale][key].split(/\{(\w+)\}/g);
      // split() with a capture group alternates text and placeholder names.
      return parts.map((part, index) =>
        index % 2 === 1 ? <Fragment key={index}>{vars[part] ?? `{${part}}`}</Fragment> : part,
      );
    },
    formatDateTime: formatWith(dateTime),
    formatDate: formatWith(date),
    formatTimestamp: formatWith(timestamp),
    formatNumber: (value) => number.format(value),
    roleLabel: (role) => {
      if (!isRole(role)) return role;
      return locale === 'de' ? ROLE_LABELS_DE[role] : ROLE_LABELS_EN[role];
    },
  };
}

export function useI18n(): Translator {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n() needs an <I18nProvider>');
  const { locale, setLocale } = context;
  return useMemo(() => buildTranslator(locale, setLocale), [locale, setLocale]);
}

export function useT(): Translator['t'] {
  return useI18n().t;
}
