import { TIME_ZONE } from '../i18n';

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds Berlin's wall clock is ahead of UTC at the instant `utcMs` (+1 h or +2 h). */
function berlinOffsetAt(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * A `datetime-local` value ("2025-03-30T02:30"), read as Berlin wall-clock time, as an ISO instant in UTC.
 * Times that do not exist (spring-forward gap) resolve to the later offset; null for anything unparsable.
 */
export function berlinLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(asUtc)) return null;
  let instant = asUtc - berlinOffsetAt(asUtc);
  instant = asUtc - berlinOffsetAt(instant);
  return new Date(instant).toISOString();
}
