import { describe, expect, it } from 'vitest';
import { escapeText, firstOccurrence, foldLine, offerCalendar } from './directory.ical.js';

describe('iCalendar (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'ä'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
  });

  it('finds the first date a weekly or monthly rule produces', () => {
    expect(firstOccurrence('2031-01-01', { FREQ: 'WEEKLY', BYDAY: 'TU,TH' })).toBe('2031-01-02'); // Wed → Thu
    expect(firstOccurrence('2031-01-01', { FREQ: 'MONTHLY', BYDAY: '1MO' })).toBe('2031-01-06');
    expect(firstOccurrence('2031-01-01', { FREQ: 'MONTHLY', BYDAY: '-1FR' })).toBe('2031-01-31');
  });

  it('writes one VEVENT per date with UID and DTSTAMP, and nothing for offers by appointment', () => {
    const base = { id: 'x1', title: 'Infoabend', description: 'Text', location: null, validFrom: null, validTo: null, updatedAt: new Date('2030-05-01T08:00:00Z'), createdAt: new Date('2030-01-01'), url: 'https://example.org/angebote/x1', provider: 'KI' };
    const ics = offerCalendar({ ...base, schedule: { kind: 'dated', dates: [{ start: '2031-03-02T18:00:00+01:00', end: '2031-03-02T20:00:00+01:00' }] } }, 'example.org')!;
    expect(ics).toContain('UID:x1-1@example.org');
    expect(ics).toContain('DTSTAMP:20300501T080000Z');
    expect(ics).toContain('DTSTART:20310302T170000Z');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(offerCalendar({ ...base, schedule: { kind: 'none' } }, 'example.org')).toBeNull();
  });
});
