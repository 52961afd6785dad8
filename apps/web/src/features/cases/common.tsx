import { Badge, Box, Group, Text } from '@mantine/core';
import { CASE_PHASES, type CasePhase } from '@teilhabe/shared';
import { useT } from '../../i18n';
import { useKimLabels } from './labels';

export function PhaseBadge({ phase }: { phase: CasePhase }) {
  const kimLabels = useKimLabels();
  return (
    <Badge variant="light" color={phase === 'closed' ? 'gray' : 'blue'} radius="sm" tt="none">
      {kimLabels.phase(phase)}
    </Badge>
  );
}

/**
 * The phases as an ordered list: done, current (aria-current="step") and upcoming. A list rather than a widget,
 * because the phase is changed with the form below it.
 */
export function PhaseStepper({ phase, visited }: { phase: CasePhase; visited: CasePhase[] }) {
  const t = useT();
  const kimLabels = useKimLabels();
  const current = CASE_PHASES.indexOf(phase);
  return (
    <Box component="ol" aria-label={t('cases.phases.label')} p={0} m={0} style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {CASE_PHASES.map((p, i) => {
        const state = i === current ? 'current' : visited.includes(p) && i < current ? 'done' : i < current ? 'skipped' : 'upcoming';
        return (
          <Box
            component="li"
            key={p}
            aria-current={i === current ? 'step' : undefined}
            px="sm"
            py={4}
            bdrs="xl"
            bd={i === current ? '2px solid var(--mantine-color-blue-8)' : '1px solid var(--mantine-color-gray-5)'}
            bg={i === current ? 'blue.8' : state === 'done' ? 'blue.0' : 'white'}
          >
            <Text size="sm" fw={i === current ? 700 : 400} c={i === current ? 'white' : 'dark.7'}>
              {i + 1}. {kimLabels.phase(p)}
              <Text span size="xs" c={i === current ? 'white' : 'gray.8'}>
                {' '}
                ({t(`cases.phases.${state}`)})
              </Text>
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

export function ReasonBadges({ reasons }: { reasons: string[] }) {
  const t = useT();
  return (
    <Group gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('cases.reasons.label')}>
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

export function todayIso(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
}
