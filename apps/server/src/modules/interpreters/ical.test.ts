import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, foldLine, renderCalendar } from './ical.js';

describe('the iCalendar writer', () => {
  const events = [
    {
      uid: 'a1b2c3@teilhabe',
      stamp: new Date('2026-03-01T08:00:00Z'),
      start: new Date('2026-03-16T09:00:00Z'),
      end: new Date('2026-03-16T10:00:00Z'),
      summary: 'Sprachmittlung Arabisch – Gesamtschule am Rhein; Raum 2, Eingang B',
      location: 'Kölner Straße 1, 53840 Troisdorf, ein sehr langer Ortsname, der über fünfundsiebzig Oktette hinausgeht – Ümläute',
      description: 'Zeile 1\nZeile 2 mit \\ Backslash',
      status: 'CONFIRMED' as const,
      sequence: 0,
    },
  ];
  const text = renderCalendar({ name: 'Einsätze', productId: '-//Teilhabe//Sprachmittlerpool//DE', events });

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n').slice(0, -1)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
  });

  it('escapes commas, semicolons, backslashes and newlines', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine(`SUMMARY:${'ä'.repeat(100)}`);
    for (const part of folded.split('\r\n')) expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'ä'.repeat(100)}`);
  });

  it('parses with ical.js back to the same values, with UID and DTSTAMP', () => {
    const cal = new ICAL.Component(ICAL.parse(text));
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe('a1b2c3@teilhabe');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-03-01T08:00:00Z');
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(events[0]!.summary);
    expect(event.location).toBe(events[0]!.location);
    expect(event.description).toBe(events[0]!.description);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-16T09:00:00.000Z');
  });
});
