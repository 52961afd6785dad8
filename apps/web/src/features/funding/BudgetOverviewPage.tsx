import { Alert, Button, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { BudgetAmounts, BudgetOverview } from '@teilhabe/shared';
import { Loading, QueryError } from '../../ui/feedback';
import { DownloadIcon, InfoIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { buildOrganisationTree, flattenTree, useOrganisations } from '../organisations/api';
import { downloadUrl, useBudgetOverview } from './api';
import { euro, FundingTabs, YearSelect, ScrollRegion } from './common';
import { useT } from '../../i18n';

const COLUMNS: [keyof BudgetAmounts, string][] = [
  ['personnelCents', 'Personalkostenzuschüsse'],
  ['materialCents', 'Sachausgaben'],
  ['trainingCents', 'Fortbildung'],
  ['passThroughCents', 'Weiterleitung an Dritte'],
  ['nonPersonnelCents', 'Sachmittel gesamt'],
  ['totalCents', 'Gesamt'],
];

/** The Anlage of the budget: planned amounts per programme for one Haushaltsjahr, as tables, chart and downloads. */
export function BudgetOverviewPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jahr')) || new Date().getFullYear();
  const organisationId = params.get('organisation') ?? '';
  const overview = useBudgetOverview(year, organisationId || undefined);
  const organisations = useOrganisations();
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const query = { year, organisationId: organisationId || undefined };
  return (
    <Page
      title={t('funding.budgetOverview.title', { year })}
      description={t('funding.budgetOverview.personalkostenzuschuesseSachmittelUndWeiterleitungen')}
      actions={
        <Group gap="sm">
          <Button
            component="a"
            href={downloadUrl('/funding/budget-overview.xlsx', query)}
            variant="default"
            leftSection={<DownloadIcon size={16} />}
          >
            {t('funding.budgetOverview.alsXlsx')}
          </Button>
          <Button
            component="a"
            href={downloadUrl('/funding/budget-overview.pdf', query)}
            variant="default"
            leftSection={<DownloadIcon size={16} />}
          >
            {t('funding.budgetOverview.alsPdf')}
          </Button>
        </Group>
      }
    >
      <FundingTabs />
      <Group align="flex-end">
        <YearSelect value={year} onChange={(y) => set('jahr', String(y))} />
        <NativeSelect
          label={t('funding.budgetOverview.zuwendungsempfaenger')}
          value={organisationId}
          onChange={(e) => set('organisation', e.currentTarget.value)}
          data={[
            { value: '', label: t('funding.budgetOverview.alle') },
            ...flattenTree(buildOrganisationTree(organisations.data ?? [])).map(({ organisation, depth }) => ({
              value: organisation.id,
              label: `${'— '.repeat(depth)}${organisation.name}`,
            })),
          ]}
          w={360}
        />
      </Group>
      {overview.isPending ? <Loading /> : null}
      {overview.isError ? <QueryError error={overview.error} onRetry={() => void overview.refetch()} /> : null}
      {overview.data ? <Overview o={overview.data} /> : null}
    </Page>
  );
}

function Overview({ o }: { o: BudgetOverview }) {
  const t = useT();
  if (o.sections.length === 0) return <Text>{t('funding.budgetOverview.empty', { year: o.year })}</Text>;
  return (
    <Stack gap="lg">
      {o.notes
        .filter((n) => n.startsWith('Quelle:'))
        .map((n) => (
          <Alert key={n} color="blue" variant="light" icon={<InfoIcon />} data-testid="overview-source">
            {n}
          </Alert>
        ))}
      {o.sections.map((s) => (
        <section key={s.section} aria-labelledby={`sec-${s.section}`}>
          <Title order={2} id={`sec-${s.section}`} mb="xs">
            {s.title}
          </Title>
          <ScrollRegion label={s.title} minWidth={900}>
            <Table striped aria-labelledby={`sec-${s.section}`} data-testid={`overview-${s.section}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Programm</Table.Th>
                  {COLUMNS.map(([k, label]) => (
                    <Table.Th scope="col" key={k} ta="right">
                      {label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.rows.map((r) => (
                  <Table.Tr key={r.programme.id}>
                    <Table.Th scope="row">
                      {r.programme.name}
                      {r.unapproved ? (
                        <Text span size="sm" fs="italic">
                          {' '}
                          (Entwurf)
                        </Text>
                      ) : null}
                    </Table.Th>
                    {COLUMNS.map(([k]) => (
                      <Table.Td key={k} ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {euro(r[k])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
                <Table.Tr fw={700}>
                  <Table.Th scope="row">{t('funding.budgetOverview.sectionTotal', { title: s.title })}</Table.Th>
                  {COLUMNS.map(([k]) => (
                    <Table.Td key={k} ta="right" style={{ whiteSpace: 'nowrap' }} data-testid={`sum-${s.section}-${k}`}>
                      {euro(s.totals[k])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </section>
      ))}
      <Text fw={700} data-testid="grand-total">
        Gesamtsumme aller Abschnitte: {euro(o.grandTotals.totalCents)}
      </Text>
      <BudgetChart o={o} />
      <List size="sm">
        {o.notes
          .filter((n) => !n.startsWith('Quelle:'))
          .map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
      </List>
    </Stack>
  );
}

/** Horizontal bars per programme; the same numbers are in the tables above (the text alternative). */
function BudgetChart({ o }: { o: BudgetOverview }) {
  const t = useT();
  const rows = o.sections.find((s) => s.section === 'programme')?.rows ?? [];
  if (rows.length === 0) return null;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.personnelCents, r.nonPersonnelCents)));
  const labelW = 170;
  const barW = 420;
  const rowH = 40;
  const height = rows.length * rowH + 36;
  const width = labelW + barW + 130;
  return (
    <figure style={{ margin: 0 }}>
      <Title order={2} mb="xs" id="chart-title">
        {t('funding.budgetOverview.chartTitle', { year: o.year })}
      </Title>
      <svg
        role="img"
        aria-labelledby="chart-title chart-desc"
        viewBox={`0 0 ${width} ${height}`}
        style={{ maxWidth: width, width: '100%', height: 'auto' }}
      >
        <desc id="chart-desc">
          {rows
            .map((r) => `${r.programme.shortName}: Personal ${euro(r.personnelCents)}, Sachmittel ${euro(r.nonPersonnelCents)}`)
            .join('; ')}
        </desc>
        {rows.map((r, i) => {
          const y = i * rowH + 4;
          const p = Math.round((r.personnelCents / max) * barW);
          const n = Math.round((r.nonPersonnelCents / max) * barW);
          return (
            <g key={r.programme.id}>
              <text x={0} y={y + 16} fontSize={13} fill="#1a1a1a">
                {r.programme.shortName}
              </text>
              <rect x={labelW} y={y} width={p} height={15} fill="#1f4e79" />
              <text x={labelW + p + 6} y={y + 12} fontSize={11} fill="#1a1a1a">
                {euro(r.personnelCents)}
              </text>
              <rect x={labelW} y={y + 17} width={n} height={15} fill="#a3460f" />
              <text x={labelW + n + 6} y={y + 29} fontSize={11} fill="#1a1a1a">
                {euro(r.nonPersonnelCents)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${labelW}, ${rows.length * rowH + 14})`}>
          <rect width={12} height={12} fill="#1f4e79" />
          <text x={16} y={11} fontSize={12} fill="#1a1a1a">
            {t('funding.budgetOverview.personalkostenzuschuesse')}
          </text>
          <rect x={200} width={12} height={12} fill="#a3460f" />
          <text x={216} y={11} fontSize={12} fill="#1a1a1a">
            {t('funding.budgetOverview.sachmittelGesamt')}
          </text>
        </g>
      </svg>
      <figcaption>
        <Text size="sm" c="dimmed">
          {t('funding.budgetOverview.dieWerteDerGrafik')}
        </Text>
      </figcaption>
    </figure>
  );
}
