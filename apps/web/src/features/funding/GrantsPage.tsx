import { Anchor, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { formatDateDe, type GrantSummary } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { PlusIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { hasPermission, useMe } from '../auth/session';
import { useGrants } from './api';
import { euro, FundingTabs, GrantStatusBadge, YearSelect } from './common';

/** All Zuwendungsbescheide of the Kreis, filtered by budget year and status. */
export function GrantsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jahr')) || undefined;
  const status = params.get('status') ?? '';
  const grants = useGrants({ year, status: status || undefined });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <Page
      title="Förderprogramme und Bescheide"
      description="Zuwendungsbescheide mit Finanzierungsplan, Änderungsbescheiden, Ausgaben, Mittelabrufen, Weiterleitungen und Verwendungsnachweisen."
      actions={
        hasPermission(me, 'funding.write') ? (
          <Button component={Link} to="/foerderung/bescheide/neu" leftSection={<PlusIcon size={18} />}>
            Bescheid erfassen
          </Button>
        ) : null
      }
    >
      <FundingTabs />
      <Group align="flex-end">
        {year ? (
          <YearSelect value={year} onChange={(y) => set('jahr', String(y))} />
        ) : (
          <NativeSelect
            label="Haushaltsjahr"
            value=""
            onChange={(e) => set('jahr', e.currentTarget.value)}
            data={[{ value: '', label: 'alle' }, ...Array.from({ length: 10 }, (_, i) => String(2019 + i))]}
            w={160}
          />
        )}
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[
            { value: '', label: 'alle' },
            { value: 'draft', label: 'Entwurf (Freigabe offen)' },
            { value: 'approved', label: 'freigegeben' },
          ]}
          w={240}
        />
        {year || status ? (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams())}>
            Filter zurücksetzen
          </Button>
        ) : null}
      </Group>
      {grants.isPending ? <Loading /> : null}
      {grants.isError ? <QueryError error={grants.error} onRetry={() => void grants.refetch()} /> : null}
      {grants.data ? (
        <Stack gap="xs">
          <Text role="status" size="sm">
            {grants.data.length === 1 ? '1 Bescheid' : `${grants.data.length} Bescheide`}
          </Text>
          <DataTable<GrantSummary>
            caption="Zuwendungsbescheide"
            rows={grants.data}
            rowKey={(g) => g.id}
            empty="Keine Bescheide für diese Auswahl."
            minWidth={960}
            columns={[
              {
                key: 'title',
                header: 'Bescheid',
                rowHeader: true,
                render: (g) => (
                  <Anchor component={Link} to={`/foerderung/bescheide/${g.id}`}>
                    {g.title}
                  </Anchor>
                ),
              },
              { key: 'programme', header: 'Programm', render: (g) => g.programme.shortName },
              { key: 'org', header: 'Zuwendungsempfänger', render: (g) => <bdi>{g.organisation.name}</bdi> },
              { key: 'file', header: 'Aktenzeichen', render: (g) => g.fileNumber, nowrap: true },
              {
                key: 'period',
                header: 'Bewilligungszeitraum',
                nowrap: true,
                render: (g) => `${formatDateDe(g.approvalStart)} – ${formatDateDe(g.approvalEnd)}`,
              },
              { key: 'total', header: 'Bewilligt gesamt', nowrap: true, render: (g) => euro(g.totalCents) },
              { key: 'status', header: 'Status', render: (g) => <GrantStatusBadge status={g.status} /> },
            ]}
          />
        </Stack>
      ) : null}
    </Page>
  );
}
