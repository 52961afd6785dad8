import { Badge, Box, Group, Text } from '@mantine/core';
import { CASE_PHASES, CASE_PHASE_LABELS_DE, formatBirthDateDe, type BirthDatePrecision, type CasePhase } from '@teilhabe/shared';

export function PhaseBadge({ phase }: { phase: CasePhase }) {
  return (
    <Badge variant="light" color={phase === 'closed' ? 'gray' : 'blue'} radius="sm" tt="none">
      {CASE_PHASE_LABELS_DE[phase]}
    </Badge>
  );
}

/**
 * The phases as an ordered list: done, current (aria-current="step") and upcoming. A list rather than a widget,
 * because the phase is changed with the form below it.
 */
export function PhaseStepper({ phase, visited }: { phase: CasePhase; visited: CasePhase[] }) {
  const current = CASE_PHASES.indexOf(phase);
  return (
    <Box component="ol" aria-label="Phasen des Falls" p={0} m={0} style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {CASE_PHASES.map((p, i) => {
        const state = i === current ? 'aktuell' : visited.includes(p) && i < current ? 'erledigt' : i < current ? 'übersprungen' : 'offen';
        return (
          <Box
            component="li"
            key={p}
            aria-current={i === current ? 'step' : undefined}
            px="sm"
            py={4}
            bdrs="xl"
            bd={i === current ? '2px solid var(--mantine-color-blue-8)' : '1px solid var(--mantine-color-gray-5)'}
            bg={i === current ? 'blue.8' : state === 'erledigt' ? 'blue.0' : 'white'}
          >
            <Text size="sm" fw={i === current ? 700 : 400} c={i === current ? 'white' : 'dark.7'}>
              {i + 1}. {CASE_PHASE_LABELS_DE[p]}
              <Text span size="xs" c={i === current ? 'white' : 'gray.8'}>
                {' '}
                ({state})
              </Text>
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

export function ReasonBadges({ reasons }: { reasons: string[] }) {
  return (
    <Group gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Gründe">
      {reasons.map((r) => (
        <li key={r}>
          <Badge variant="outline" color="dark.7" radius="sm" tt="none">
            {r}
          </Badge>
        </li>
      ))}
    </Group>
  );
}

export function birthDateText(date: string | null, precision: BirthDatePrecision, placeholder: boolean) {
  return formatBirthDateDe(date, precision, placeholder);
}

const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date (YYYY-MM-DD) as 12.03.2026; no time zone shift. */
export function dateDe(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export function dateTimeDe(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '–';
}

export function dayDe(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '–';
}

export function todayIso(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
}
