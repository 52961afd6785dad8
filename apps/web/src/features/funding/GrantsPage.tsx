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
import { useT } from '../../i18n';

/** All Zuwendungsbescheide of the Kreis, filtered by budget year and status. */
export function GrantsPage() {
  const t = useT();
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
      title={t('funding.grants.foerderprogrammeUndBescheide')}
      description={t('funding.grants.zuwendungsbescheideMitFinanzierungsplanAenderungsbescheiden')}
      actions={
        hasPermission(me, 'funding.write') ? (
          <Button component={Link} to="/foerderung/bescheide/neu" leftSection={<PlusIcon size={18} />}>
            {t('funding.grants.bescheidErfassen')}
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
            label={t('funding.grants.haushaltsjahr')}
            value=""
            onChange={(e) => set('jahr', e.currentTarget.value)}
            data={[{ value: '', label: t('funding.grants.alle') }, ...Array.from({ length: 10 }, (_, i) => String(2019 + i))]}
            w={160}
          />
        )}
        <NativeSelect
          label={t('funding.grants.status')}
          value={status}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[
            { value: '', label: t('funding.grants.alle') },
            { value: 'draft', label: t('funding.grants.entwurfFreigabeOffen') },
            { value: 'approved', label: t('funding.grants.freigegeben') },
          ]}
          w={240}
        />
        {year || status ? (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams())}>
            {t('funding.grants.filterZuruecksetzen')}
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
            caption={t('funding.grants.zuwendungsbescheide')}
            rows={grants.data}
            rowKey={(g) => g.id}
            empty={t('funding.grants.keineBescheideFuerDiese')}
            minWidth={960}
            columns={[
              {
                key: 'title',
                header: t('funding.grants.bescheid'),
                rowHeader: true,
                render: (g) => (
                  <Anchor component={Link} to={`/foerderung/bescheide/${g.id}`}>
                    {g.title}
                  </Anchor>
                ),
              },
              { key: 'programme', header: t('funding.grants.programm'), render: (g) => g.programme.shortName },
              { key: 'org', header: t('funding.grants.zuwendungsempfaenger'), render: (g) => <bdi>{g.organisation.name}</bdi> },
              { key: 'file', header: t('funding.grants.aktenzeichen'), render: (g) => g.fileNumber, nowrap: true },
              {
                key: 'period',
                header: t('funding.grants.bewilligungszeitraum'),
                nowrap: true,
                render: (g) => `${formatDateDe(g.approvalStart)} – ${formatDateDe(g.approvalEnd)}`,
              },
              { key: 'total', header: t('funding.grants.bewilligtGesamt'), nowrap: true, render: (g) => euro(g.totalCents) },
              { key: 'status', header: t('funding.grants.status'), render: (g) => <GrantStatusBadge status={g.status} /> },
            ]}
          />
        </Stack>
      ) : null}
    </Page>
  );
}
