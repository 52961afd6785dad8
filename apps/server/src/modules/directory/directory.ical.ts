import { parseRrule, type Schedule } from '@teilhabe/shared';

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const BERLIN_TZ = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The first date on or after `from` (YYYY-MM-DD) that the rule produces, for the common weekly/monthly rules. */
export function firstOccurrence(from: string, parts: Record<string, string>): string {
  const start = new Date(`${from}T12:00:00Z`);
  const byDay = (parts.BYDAY ?? '').split(',').filter(Boolean);
  if (!byDay.length || (parts.FREQ !== 'WEEKLY' && parts.FREQ !== 'MONTHLY')) return from;
  for (let i = 0; i < 62; i++) {
    const d = new Date(start.getTime() + i * 86_400_000);
    const weekday = DAYS[d.getUTCDay()]!;
    const ok = byDay.some((spec) => {
      const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(spec);
      if (!m || m[2] !== weekday) return false;
      if (parts.FREQ === 'WEEKLY' || !m[1]) return true;
      const n = Number(m[1]);
      const day = d.getUTCDate();
      const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      return n > 0 ? Math.ceil(day / 7) === n : Math.ceil((daysInMonth - day + 1) / 7) === -n;
    });
    if (ok) return d.toISOString().slice(0, 10);
  }
  return from;
}

export interface CalendarOffer {
  id: string;
  title: string;
  description: string;
  schedule: Schedule;
  location: string | null;
  validFrom: string | null;
  validTo: string | null;
  updatedAt: Date;
  createdAt: Date;
  url: string;
  provider: string;
}

/** One VCALENDAR for an offer: a VEVENT per dated appointment, or one recurring VEVENT (RRULE in Europe/Berlin). */
export function offerCalendar(offer: CalendarOffer, host: string): string | null {
  const s = offer.schedule;
  if (s.kind === 'none') return null;
  const stamp = utcStamp(offer.updatedAt);
  const common = (uid: string) => [
    `UID:${uid}@${host}`,
    `DTSTAMP:${stamp}`,
    `SUMMARY:${escapeText(offer.title)}`,
    `DESCRIPTION:${escapeText(`${offer.description}\n\nAnbieter: ${offer.provider}\n${offer.url}`)}`,
    ...(offer.location ? [`LOCATION:${escapeText(offer.location)}`] : []),
    `URL:${offer.url}`,
    `LAST-MODIFIED:${stamp}`,
  ];
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Teilhabe//Angebotsverzeichnis//DE', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(offer.title)}`];
  if (s.kind === 'dated') {
    s.dates.forEach((d, i) => {
      lines.push('BEGIN:VEVENT', ...common(`${offer.id}-${i + 1}`), `DTSTART:${utcStamp(new Date(d.start))}`, `DTEND:${utcStamp(new Date(d.end))}`, 'END:VEVENT');
    });
  } else {
    const parsed = parseRrule(s.rrule);
    if (!parsed.ok) return null;
    const parts = { ...parsed.parts };
    // With a local DTSTART, UNTIL must be UTC (RFC 5545 §3.3.10); the offer's end date closes an open rule.
    if (parts.UNTIL && /^\d{8}$/.test(parts.UNTIL)) parts.UNTIL = `${parts.UNTIL}T225959Z`;
    if (!parts.UNTIL && !parts.COUNT && offer.validTo) parts.UNTIL = `${offer.validTo.replace(/-/g, '')}T225959Z`;
    const from = offer.validFrom ?? offer.createdAt.toISOString().slice(0, 10);
    const day = firstOccurrence(from, parts).replace(/-/g, '');
    const time = (t: string) => `${t.replace(':', '')}00`;
    const rule = Object.entries(parts)
      .map(([k, v]) => `${k}=${v}`)
      .join(';');
    lines.push(...BERLIN_TZ);
    lines.push(
      'BEGIN:VEVENT',
      ...common(`${offer.id}-r`),
      `DTSTART;TZID=Europe/Berlin:${day}T${time(s.startTime)}`,
      `DTEND;TZID=Europe/Berlin:${day}T${time(s.endTime)}`,
      `RRULE:${rule}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
