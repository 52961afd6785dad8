import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Box, Group, List, NativeSelect, TextInput, type TextInputProps } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { formatEuro, formatFte, parseEuro, type DeadlineLevel, type GrantStatus } from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { hasPermission, useMe } from '../auth/session';
import { useT } from '../../i18n';
import { AlertIcon, InfoIcon } from '../../ui/icons';

export const euro = (cents: number) => formatEuro(cents);
export const fte = (milli: number) => `${formatFte(milli)} VZÄ`;

/** Sub-navigation of the funding pages (a nav landmark with the current page marked). */
export function FundingTabs() {
  const t = useT();
  const me = useMe();
  const { pathname } = useLocation();
  const links: [string, string, boolean][] = [
    ['/foerderung', t('funding.tabs.grants'), true],
    ['/foerderung/haushalt', t('funding.tabs.overview'), true],
    ['/foerderung/deckung', t('funding.tabs.coverage'), true],
    ['/foerderung/fristen', t('funding.tabs.deadlines'), true],
    ['/foerderung/programme', t('funding.tabs.programmes'), true],
    ['/foerderung/einstellungen', t('funding.tabs.settings'), true],
    ['/stellenplan', t('funding.tabs.staffing'), hasPermission(me, 'staffing.read')],
  ];
  return (
    <nav aria-label={t('funding.tabs.label')}>
      <Group gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} wrap="wrap">
        {links
          .filter(([, , visible]) => visible)
          .map(([to, label]) => {
            const current =
              to === '/foerderung' ? pathname === to || pathname.startsWith('/foerderung/bescheide') : pathname.startsWith(to);
            return (
              <li key={to}>
                <Anchor
                  component={Link}
                  to={to}
                  aria-current={current ? 'page' : undefined}
                  fw={current ? 700 : 500}
                  td={current ? 'underline' : undefined}
                >
                  {label}
                </Anchor>
              </li>
            );
          })}
      </Group>
    </nav>
  );
}

export function GrantStatusBadge({ status }: { status: GrantStatus }) {
  const t = useT();
  return (
    <Badge variant="light" color={status === 'approved' ? 'green.9' : 'orange.9'}>
      {status === 'approved' ? t('funding.status.approved') : t('funding.status.draft')}
    </Badge>
  );
}

export const LEVEL_LABELS: Record<DeadlineLevel, string> = {
  overdue: 'überfällig',
  within_3_months: 'in weniger als 3 Monaten',
  within_6_months: 'in weniger als 6 Monaten',
  later: 'später',
};
export function LevelBadge({ level }: { level: DeadlineLevel }) {
  // Colours chosen for 4.5:1 contrast of the badge text (WCAG AA).
  const props =
    level === 'overdue'
      ? { variant: 'filled', color: 'red.9' }
      : level === 'within_3_months'
        ? { variant: 'outline', color: 'red.9' }
        : { variant: 'outline', color: 'gray.8' };
  return <Badge {...props}>{LEVEL_LABELS[level]}</Badge>;
}

/** A euro amount typed the German way ("28.500,00"); reports cents, or null while the text is not an amount. */
export function MoneyInput({
  cents,
  onCents,
  error,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { cents: number | null; onCents: (cents: number | null) => void }) {
  const t = useT();
  const [text, setText] = useState(cents === null ? '' : formatEuro(cents, { symbol: false }));
  const parsed = text.trim() === '' ? null : parseEuro(text);
  const invalid = text.trim() !== '' && parsed === null;
  return (
    <TextInput
      {...props}
      inputMode="decimal"
      value={text}
      rightSection="€"
      error={error ?? (invalid ? t('funding.money.invalid') : undefined)}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        onCents(next.trim() === '' ? null : parseEuro(next));
      }}
      onBlur={() => {
        if (parsed !== null) setText(formatEuro(parsed, { symbol: false }));
      }}
    />
  );
}

export function YearSelect({
  value,
  onChange,
  label = 'Haushaltsjahr',
  years,
}: {
  value: number;
  onChange: (y: number) => void;
  label?: string;
  years?: number[];
}) {
  const now = new Date().getFullYear();
  const options = years ?? Array.from({ length: now - 2019 + 2 }, (_, i) => 2019 + i);
  return (
    <NativeSelect
      label={label}
      value={String(value)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
      data={options.map(String)}
      w={160}
    />
  );
}

/** The server's answer to a failed change, with the fields it names. */
export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('error.unknown');
  const fields = isApiError(error) ? Object.entries(error.fields) : [];
  return (
    <Alert color="red" variant="light" role="alert" icon={<AlertIcon />} title={isApiError(error, 409) ? t('ui.conflictTitle') : (title ?? t('funding.error.notSaved'))}>
      {fields.length ? (
        <List size="sm">
          {fields.map(([field, text]) => (
            <List.Item key={field}>
              <strong>{field}</strong>: {text}
            </List.Item>
          ))}
        </List>
      ) : (
        message
      )}
    </Alert>
  );
}

export function Warnings({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      role="status"
      icon={<InfoIcon />}
      title="Hinweis"
      styles={{ title: { color: 'var(--mantine-color-text)' }, icon: { color: 'var(--mantine-color-yellow-9)' } }}
    >
      <List size="sm">
        {items.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt style={{ fontWeight: 600 }}>{label}</dt>
      <dd style={{ margin: 0 }}>{children}</dd>
    </>
  );
}

export function FactList({ children }: { children: ReactNode }) {
  return <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(180px, max-content) 1fr', gap: '4px 16px', margin: 0 }}>{children}</dl>;
}

/** A table that scrolls sideways on small screens inside a focusable, named region (keyboard users can scroll it). */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
