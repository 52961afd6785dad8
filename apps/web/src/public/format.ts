import type { PublicLang, PublicOffer } from '@teilhabe/shared';
import type { PublicMessages } from './messages';

/** Intl locale per page language: Gregorian calendar and Latin digits everywhere (dates must match the German letters). */
export const INTL: Record<PublicLang, string> = {
  de: 'de-DE',
  'de-LS': 'de-DE',
  en: 'en-GB',
  ar: 'ar-u-nu-latn',
  fa: 'fa-u-ca-gregory-nu-latn',
  uk: 'uk-UA',
  ru: 'ru-RU',
  tr: 'tr-TR',
};

const TZ = 'Europe/Berlin';
const DAY_INDEX: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

export function formatDate(lang: PublicLang, isoDate: string): string {
  const d = new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate);
  return new Intl.DateTimeFormat(INTL[lang], { dateStyle: 'long', timeZone: TZ }).format(d);
}

export function formatDateTime(lang: PublicLang, iso: string): string {
  return new Intl.DateTimeFormat(INTL[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ }).format(new Date(iso));
}

function formatTime(lang: PublicLang, iso: string): string {
  return new Intl.DateTimeFormat(INTL[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ }).format(new Date(iso));
}

function weekdayName(lang: PublicLang, code: string): string {
  // 2024-01-07 was a Sunday.
  const d = new Date(Date.UTC(2024, 0, 7 + (DAY_INDEX[code] ?? 0), 12));
  return new Intl.DateTimeFormat(INTL[lang], { weekday: 'long', timeZone: 'UTC' }).format(d);
}

function list(m: PublicMessages, xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${m.and} ${xs[xs.length - 1]}`;
}

function parts(rule: string): Record<string, string> {
  return Object.fromEntries(
    rule
      .split(';')
      .map((p) => p.split('='))
      .filter((p): p is [string, string] => p.length === 2)
      .map(([k, v]) => [k.toUpperCase(), v.toUpperCase()]),
  );
}

/** "every Tuesday and Thursday, 09:00–11:30" in the page language. */
export function describeSchedule(lang: PublicLang, m: PublicMessages, schedule: PublicOffer['schedule']): string[] {
  if (schedule.kind === 'none') return [schedule.note || m.byAppointment];
  if (schedule.kind === 'dated') {
    return schedule.dates.map((d) => {
      const sameDay = d.start.slice(0, 10) === d.end.slice(0, 10);
      if (!sameDay) return `${formatDateTime(lang, d.start)} – ${formatDateTime(lang, d.end)}`;
      const day = new Intl.DateTimeFormat(INTL[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ }).format(new Date(d.start));
      return `${day}${lang === 'ar' || lang === 'fa' ? '، ' : ', '}\u2066${m.time(formatTime(lang, d.start), formatTime(lang, d.end))}\u2069`;
    });
  }
  const p = parts(schedule.rrule);
  const interval = Number(p.INTERVAL ?? '1');
  const days = (p.BYDAY ?? '').split(',').filter(Boolean);
  let text: string;
  if (p.FREQ === 'DAILY') text = m.daily;
  else if (p.FREQ === 'WEEKLY') {
    const names = list(m, days.map((d) => weekdayName(lang, d.slice(-2))));
    text = !names ? m.weekly : interval === 1 ? m.every(names) : interval === 2 ? m.everySecond(names) : m.everyNWeeks(interval, names);
  } else if (p.FREQ === 'MONTHLY') {
    const withOrdinal = days.map((d) => {
      const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(d);
      return { ordinal: match?.[1]?.replace('+', '') ?? '', day: weekdayName(lang, match?.[2] ?? 'MO') };
    });
    if (withOrdinal.length && withOrdinal.every((w) => w.ordinal)) {
      text = list(m, withOrdinal.map((w) => m.monthlyOn(m.ordinals[w.ordinal] ?? `${w.ordinal}.`, w.day)));
    } else if (p.BYMONTHDAY) text = m.monthlyOnDays(p.BYMONTHDAY.split(',').join(', '));
    else text = m.monthly;
  } else text = m.monthly;
  // Times are isolated left-to-right (U+2066…U+2069), or "16:00–18:00" reads backwards in Arabic and Farsi.
  const comma = lang === 'ar' || lang === 'fa' ? '، ' : ', ';
  return [`${text}${comma}\u2066${m.time(schedule.startTime, schedule.endTime)}\u2069${schedule.note ? ` (${schedule.note})` : ''}`];
}

export function ageText(m: PublicMessages, min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return m.ageFromTo(min, max);
  if (min !== null) return m.ageFrom(min);
  if (max !== null) return m.ageTo(max);
  return null;
}

export function languageName(lang: PublicLang, code: string): string {
  try {
    return new Intl.DisplayNames([INTL[lang]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function money(lang: PublicLang, cents: number): string {
  return new Intl.NumberFormat(INTL[lang], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** "Deutsch, Arabisch und Farsi" / "آلمانی، عربی و فارسی": lists in the reader's language. */
export function listOf(lang: PublicLang, items: string[]): string {
  return new Intl.ListFormat(INTL[lang], { style: 'long', type: 'conjunction' }).format(items);
}
