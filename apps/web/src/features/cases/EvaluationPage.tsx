import { useState } from 'react';
import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Barrier, Evaluation, Page as PageOf } from '@teilhabe/shared';
import { api, apiUrl } from '../../api/client';
import { useI18n } from '../../i18n';
import { DownloadIcon } from '../../ui/icons';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { todayIso } from './common';
import { useKimLabels } from './labels';

/** A bar under the label, proportional to the largest visible value; decorative (the number is in the next cell). */
function Bar({ value, max }: { value: number | null; max: number }) {
  if (value === null || max <= 0) return null;
  return (
    <Box aria-hidden="true" mt={4} h={8} bg="blue.9" style={{ width: `${Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100))}%`, borderRadius: 2 }} />
  );
}

/** Beratungszahlen of a period: totals and breakdowns, small cells suppressed by the server. */
export function EvaluationPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const cell = (value: number | null) => (value === null ? '–' : formatNumber(value));
  const [from, setFrom] = useState(`${todayIso().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(todayIso());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const data = useQuery({ queryKey: ['evaluation', from, to], queryFn: () => api.get('/evaluation', Evaluation, { query: { from, to } }), enabled: valid });
  return (
    <Page title={t('cases.evaluation.title')} description={t('cases.evaluation.description')}>
      <Group align="flex-end">
        <TextInput label={t('cases.evaluation.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label={t('cases.evaluation.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={valid ? undefined : t('cases.evaluation.invalidPeriod')} />
        {valid ? (
          <>
            <Button component="a" href={apiUrl('/evaluation.xlsx', { from, to })} download variant="default" leftSection={<DownloadIcon size={16} />}>
              {t('cases.evaluation.xlsx')}
            </Button>
            <Button component="a" href={apiUrl('/evaluation.pdf', { from, to })} download variant="default" leftSection={<DownloadIcon size={16} />}>
              {t('cases.evaluation.pdf')}
            </Button>
          </>
        ) : null}
      </Group>
      {!valid ? null : data.isPending ? (
        <Loading />
      ) : data.isError ? (
        <QueryError error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        <>
          <Text size="sm">
            {t('cases.evaluation.period', { scope: data.data.scope, from: formatDate(data.data.from), to: formatDate(data.data.to) })} {data.data.note}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {data.data.totals.map((total) => (
              <Paper component="li" key={total.label} withBorder p="md" radius="md">
                <Text size="sm">{total.label}</Text>
                <Text fz={28} fw={700}>
                  {cell(total.value)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {data.data.tables.map((table) => (
              <Paper key={table.key} withBorder p="md" radius="md" component="section" aria-labelledby={`eval-${table.key}`}>
                <Title order={2} size="h4" id={`eval-${table.key}`} mb="xs">
                  {table.title}
                </Title>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('cases.evaluation.colFeature')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('cases.evaluation.colCount')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {table.rows.map((r) => (
                      <Table.Tr key={r.label}>
                        <Table.Th scope="row" fw={400}>
                          {r.label}
                          <Bar value={r.value} max={Math.max(0, ...table.rows.map((x) => x.value ?? 0))} />
                        </Table.Th>
                        <Table.Td ta="right">{r.suppressed ? <Badge variant="outline" color="dark.7" tt="none">{t('cases.evaluation.suppressed')}</Badge> : cell(r.value)}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Th scope="row">{t('cases.evaluation.total')}</Table.Th>
                      <Table.Td ta="right" fw={700}>
                        {cell(table.total)}
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Paper>
            ))}
          </SimpleGrid>
        </>
      )}
    </Page>
  );
}

/** Systembarrieren from case work, anonymised, for the coordination and the Lenkungsgruppe. */
export function BarriersPage() {
  const { t, formatDate } = useI18n();
  const kimLabels = useKimLabels();
  const list = useQuery({ queryKey: ['barriers'], queryFn: () => api.get('/barriers', PageOf(Barrier), { query: { limit: 200 } }) });
  return (
    <Page title={t('cases.barriers.title')} description={t('cases.barriers.pageDescription')}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack>
          <DataTable
            caption={t('cases.barriers.pageCaption')}
            rows={list.data.items}
            rowKey={(b) => b.id}
            empty={t('cases.barriers.pageEmpty')}
            columns={[
              { key: 'desc', header: t('cases.barriers.description'), rowHeader: true, render: (b) => b.description },
              { key: 'cat', header: t('cases.barriers.colCategory'), render: (b) => kimLabels.barrierCategory(b.category) },
              { key: 'agency', header: t('cases.barriers.colAgency'), render: (b) => b.agency || '–' },
              { key: 'domain', header: t('kim.common.lifeDomain'), render: (b) => (b.lifeDomain ? kimLabels.lifeDomain(b.lifeDomain) : '–') },
              { key: 'org', header: t('cases.barriers.colReportedBy'), render: (b) => b.organisationName },
              { key: 'at', header: t('cases.barriers.colOn'), nowrap: true, render: (b) => formatDate(b.createdAt) },
            ]}
          />
        </Stack>
      )}
    </Page>
  );
}

