/**
 * Working days in NRW and wall-clock time in Europe/Berlin, without a date library: the request form (browser) and the
 * server compute the same earliest date. Dates are ISO strings `YYYY-MM-DD`; weekdays are ISO (1 = Monday … 7 = Sunday).
 */

export const TIME_ZONE_BERLIN = 'Europe/Berlin';

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toUtcDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(iso: string, days: number): string {
  const d = toUtcDay(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const day = toUtcDay(iso).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The public holidays of North Rhine-Westphalia (Feiertagsgesetz NW §2), by date. */
export function nrwHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  return new Map([
    [isoDate(year, 1, 1), 'Neujahr'],
    [addDays(easter, -2), 'Karfreitag'],
    [addDays(easter, 1), 'Ostermontag'],
    [isoDate(year, 5, 1), 'Tag der Arbeit'],
    [addDays(easter, 39), 'Christi Himmelfahrt'],
    [addDays(easter, 50), 'Pfingstmontag'],
    [addDays(easter, 60), 'Fronleichnam'],
    [isoDate(year, 10, 3), 'Tag der Deutschen Einheit'],
    [isoDate(year, 11, 1), 'Allerheiligen'],
    [isoDate(year, 12, 25), '1. Weihnachtstag'],
    [isoDate(year, 12, 26), '2. Weihnachtstag'],
  ]);
}

/**
 * Extra closing days of the KI: `MM-DD` repeats every year (e.g. `12-24`), `YYYY-MM-DD` is a single day
 * (e.g. Rosenmontag 2026-02-16).
 */
export type ClosedDays = readonly string[];

export function isWorkday(iso: string, closedDays: ClosedDays = []): boolean {
  if (isoWeekday(iso) >= 6) return false;
  if (nrwHolidays(Number(iso.slice(0, 4))).has(iso)) return false;
  return !closedDays.includes(iso) && !closedDays.includes(iso.slice(5));
}

/** The date `count` working days after `iso` (the start day itself is not counted). */
export function addWorkdays(iso: string, count: number, closedDays: ClosedDays = []): string {
  let day = iso;
  let left = count;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkday(day, closedDays)) left -= 1;
  }
  return day;
}

/**
 * The earliest date an appointment may have when requested on `today`: `leadTimeWorkdays` full working days lie in
 * between, so a request made on a Monday with 5 working days can be for the next Monday at the earliest.
 */
export function earliestAppointmentDate(today: string, leadTimeWorkdays: number, closedDays: ClosedDays = []): string {
  return addWorkdays(today, leadTimeWorkdays, closedDays);
}

const WEEKDAY_DE = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];
const MONTH_DE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

export function weekdayNameDe(weekday: number): string {
  return WEEKDAY_DE[weekday - 1] ?? '';
}

/** `Montag, 16. März 2026` */
export function formatDateLongDe(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${weekdayNameDe(isoWeekday(iso))}, ${d}. ${MONTH_DE[m - 1]} ${y}`;
}

/** `16.03.2026` */
export function formatDateDe(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

export function monthNameDe(month: number): string {
  return MONTH_DE[month - 1] ?? '';
}

export interface BerlinParts {
  date: string;
  /** minutes since local midnight */
  minutes: number;
  weekday: number;
  time: string;
}

const berlinFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE_BERLIN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Date, weekday and wall-clock time of an instant in Europe/Berlin. */
export function berlinParts(instant: Date): BerlinParts {
  const parts = Object.fromEntries(berlinFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  return {
    date,
    minutes: hour * 60 + minute,
    weekday: isoWeekday(date),
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  };
}

export function berlinToday(now: Date = new Date()): string {
  return berlinParts(now).date;
}

/** The instant of a wall-clock time in Berlin (`2026-03-16`, `10:30`); in the spring gap the time moves forward. */
export function berlinWallTimeToInstant(date: string, time: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (ms: number) => {
    const p = berlinParts(new Date(ms));
    const [py, pm, pd] = p.date.split('-').map(Number) as [number, number, number];
    return Date.UTC(py, pm - 1, pd, Math.floor(p.minutes / 60), p.minutes % 60) - ms;
  };
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  return new Date(Math.max(first, second));
}

/** `HH:MM` → minutes since midnight. */
export function timeToMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** First and last instant (exclusive) of a Berlin calendar month `YYYY-MM`. */
export function berlinMonthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? isoDate(y + 1, 1, 1) : isoDate(y, m + 1, 1);
  return { from: berlinWallTimeToInstant(isoDate(y, m, 1), '00:00'), to: berlinWallTimeToInstant(next, '00:00') };
}

export function berlinYearRange(year: number): { from: Date; to: Date } {
  return { from: berlinWallTimeToInstant(isoDate(year, 1, 1), '00:00'), to: berlinWallTimeToInstant(isoDate(year + 1, 1, 1), '00:00') };
}
