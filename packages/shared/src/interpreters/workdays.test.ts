import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkdays,
  berlinParts,
  berlinWallTimeToInstant,
  earliestAppointmentDate,
  easterSunday,
  formatDateLongDe,
  isWorkday,
  nrwHolidays,
} from './workdays.js';
import { formatCents, isValidIban } from './format.js';

describe('NRW public holidays', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the eleven NRW holidays of 2026 with the Easter-based ones', () => {
    const h = nrwHolidays(2026);
    expect(h.size).toBe(11);
    expect(h.get('2026-04-03')).toBe('Karfreitag');
    expect(h.get('2026-04-06')).toBe('Ostermontag');
    expect(h.get('2026-05-14')).toBe('Christi Himmelfahrt');
    expect(h.get('2026-05-25')).toBe('Pfingstmontag');
    expect(h.get('2026-06-04')).toBe('Fronleichnam');
    expect(h.get('2026-11-01')).toBe('Allerheiligen');
    expect(h.get('2026-10-03')).toBe('Tag der Deutschen Einheit');
  });

  it('skips weekends, holidays and configured closing days when counting working days', () => {
    expect(isWorkday('2026-04-03')).toBe(false); // Karfreitag
    expect(isWorkday('2026-04-04')).toBe(false); // Samstag
    expect(isWorkday('2026-12-24', ['12-24'])).toBe(false);
    expect(isWorkday('2026-02-16', ['2026-02-16'])).toBe(false);
    // Monday → five working days later is the next Monday.
    expect(earliestAppointmentDate('2026-03-09', 5)).toBe('2026-03-16');
    // Over Easter 2026: Wed 1 Apr + 5 working days (Thu 2, Tue 7, Wed 8, Thu 9, Fri 10)
    expect(earliestAppointmentDate('2026-04-01', 5)).toBe('2026-04-10');
    // Christmas with the KI closed on 24 and 31 December.
    expect(addWorkdays('2026-12-22', 5, ['12-24', '12-31'])).toBe('2027-01-04');
  });

  it('always lands on a working day at least n working days ahead (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 15 }), (d, n) => {
        const start = d.toISOString().slice(0, 10);
        const end = addWorkdays(start, n);
        expect(isWorkday(end)).toBe(true);
        expect(end > start).toBe(true);
      }),
    );
  });

  it('names the date in German', () => {
    expect(formatDateLongDe('2026-03-16')).toBe('Montag, 16. März 2026');
  });
});

describe('Berlin wall-clock time', () => {
  it('converts winter and summer times to the right instant', () => {
    expect(berlinWallTimeToInstant('2026-01-15', '10:00').toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(berlinWallTimeToInstant('2026-07-15', '10:00').toISOString()).toBe('2026-07-15T08:00:00.000Z');
    // The spring gap moves forward: 02:30 does not exist on 29 March 2026.
    expect(berlinWallTimeToInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads an instant back as date, weekday and time in Berlin', () => {
    expect(berlinParts(new Date('2026-03-15T23:30:00Z'))).toEqual({ date: '2026-03-16', minutes: 30, weekday: 1, time: '00:30' });
  });
});

describe('formats', () => {
  it('checks IBANs with mod 97', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('DE8937040044053201300')).toBe(false);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
  });

  it('formats cents as euros', () => {
    expect(formatCents(2500)).toBe('25,00 €');
    expect(formatCents(123456)).toBe('1.234,56 €');
    expect(formatCents(5)).toBe('0,05 €');
  });
});
