import type { ReactNode } from 'react';
import { Anchor, Badge, Box, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import {
  INTERPRETING_MODE_LABELS_DE,
  type InterpreterRequestStatus,
  type InterpretingMode,
} from '@teilhabe/shared';
import { formatCents } from '@teilhabe/shared/interpreters/format';
import { formatDateDe, monthNameDe, weekdayNameDe, isoWeekday } from '@teilhabe/shared/interpreters/workdays';
import { hasPermission, useMe } from '../auth/session';
import { useI18n, useT } from '../../i18n';
import { usePoolLabels } from './labels';

export const euro = (cents: number | null | undefined) => (cents === null || cents === undefined ? '–' : formatCents(cents));

/** `Mo, 16.03.2026, 10:00 Uhr` from the API's Berlin date and time. */
export function appointmentText(date: string, time: string) {
  return `${weekdayNameDe(isoWeekday(date)).slice(0, 2)}, ${formatDateDe(date)}, ${time} Uhr`;
}

const berlin = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const instantText = (iso: string) => `${berlin.format(new Date(iso))} Uhr`;

export function placeText(place: { mode: InterpretingMode; street: string | null; gemeinde: string | null }) {
  if (place.mode !== 'in_person') return INTERPRETING_MODE_LABELS_DE[place.mode];
  return [place.street, place.gemeinde].filter(Boolean).join(', ');
}

export function monthLabel(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${monthNameDe(m)} ${y}`;
}

export function currentMonth(offset = 0): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}

const STATUS_COLORS: Record<InterpreterRequestStatus, string> = { open: 'orange', offered: 'blue', assigned: 'green', completed: 'gray', cancelled: 'red', unfilled: 'red' };

export function RequestStatusBadge({ status }: { status: InterpreterRequestStatus }) {
  const labels = usePoolLabels();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" styles={{ label: { color: 'var(--mantine-color-dark-9)' } }}>
      {labels.status(status)}
    </Badge>
  );
}

/** Sub-navigation of the interpreter pool pages (only the pages the user may open). */
export function PoolTabs() {
  const t = useT();
  const me = useMe();
  const { pathname } = useLocation();
  const links: [string, string, boolean][] = [
    ['/sprachmittlung', t('interpreters.tabs.requests'), hasPermission(me, 'interpreters.request')],
    ['/sprachmittlung/pool', t('interpreters.tabs.pool'), hasPermission(me, 'interpreters.manage')],
    ['/sprachmittlung/abrechnung', t('interpreters.tabs.payouts'), hasPermission(me, 'interpreters.payouts')],
    ['/sprachmittlung/statistik', t('interpreters.tabs.statistics'), hasPermission(me, 'interpreters.payouts')],
    ['/sprachmittlung/einstellungen', t('interpreters.tabs.settings'), hasPermission(me, 'interpreters.manage')],
  ];
  const visible = links.filter(([, , v]) => v);
  if (visible.length < 2) return null;
  return (
    <nav aria-label={t('interpreters.tabs.label')}>
      <Group gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} wrap="wrap">
        {visible.map(([to, label]) => {
          const current = to === '/sprachmittlung' ? pathname === to || pathname.startsWith('/sprachmittlung/anfragen') || pathname === '/sprachmittlung/neu' : pathname.startsWith(to);
          return (
            <li key={to}>
              <Anchor component={Link} to={to} aria-current={current ? 'page' : undefined} fw={current ? 700 : 500} td={current ? 'underline' : undefined}>
                {label}
              </Anchor>
            </li>
          );
        })}
      </Group>
    </nav>
  );
}

/** A labelled value in a definition list. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text component="dt" fw={600} miw={170} size="sm">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </Group>
  );
}

export function Facts({ children }: { children: ReactNode }) {
  return (
    <Stack component="dl" gap={6} m={0}>
      {children}
    </Stack>
  );
}

/**
 * A horizontal bar chart that stays accessible: the bars are decoration (aria-hidden) beside a real table with the
 * same numbers, so screen readers and keyboard users get everything.
 */
export function BarTable({
  caption,
  rows,
  valueLabel,
  extra,
}: {
  caption: string;
  rows: readonly { key: string; label: string; value: number; extra?: ReactNode }[];
  valueLabel: string;
  extra?: string;
}) {
  const { t, formatNumber } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <Box role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table verticalSpacing={4} miw={420}>
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('interpreters.chart.label')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {valueLabel}
            </Table.Th>
            {extra ? (
              <Table.Th scope="col" ta="right">
                {extra}
              </Table.Th>
            ) : null}
            <Table.Th scope="col" w="45%">
              <VisuallyHidden>{t('interpreters.chart.bars')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>
                {r.label}
              </Table.Th>
              <Table.Td ta="right">{formatNumber(r.value)}</Table.Td>
              {extra ? <Table.Td ta="right">{r.extra}</Table.Td> : null}
              <Table.Td>
                <Box aria-hidden="true" h={12} bg="blue.8" w={`${Math.round((r.value / max) * 100)}%`} style={{ borderRadius: 3, minWidth: r.value ? 2 : 0 }} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
