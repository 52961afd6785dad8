import { useState } from 'react';
import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Barrier, BARRIER_CATEGORY_LABELS_DE, Evaluation, LIFE_DOMAIN_LABELS_DE, Page as PageOf } from '@teilhabe/shared';
import { api, apiUrl } from '../../api/client';
import { DownloadIcon } from '../../ui/icons';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { dayDe, todayIso } from './common';

const cell = (value: number | null) => (value === null ? '–' : new Intl.NumberFormat('de-DE').format(value));

/** A bar under the label, proportional to the largest visible value; decorative (the number is in the next cell). */
function Bar({ value, max }: { value: number | null; max: number }) {
  if (value === null || max <= 0) return null;
  return (
    <Box aria-hidden="true" mt={4} h={8} bg="blue.9" style={{ width: `${Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100))}%`, borderRadius: 2 }} />
  );
}

/** Beratungszahlen of a period: totals and breakdowns, small cells suppressed by the server. */
export function EvaluationPage() {
  const [from, setFrom] = useState(`${todayIso().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(todayIso());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const data = useQuery({ queryKey: ['evaluation', from, to], queryFn: () => api.get('/evaluation', Evaluation, { query: { from, to } }), enabled: valid });
  return (
    <Page title="Beratungszahlen" description="Auswertung des Kommunalen Integrationsmanagements für einen Zeitraum – nur Summen, keine Einzelfälle.">
      <Group align="flex-end">
        <TextInput label="von" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label="bis" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={valid ? undefined : 'Bitte einen gültigen Zeitraum wählen.'} />
        {valid ? (
          <>
            <Button component="a" href={apiUrl('/evaluation.xlsx', { from, to })} download variant="default" leftSection={<DownloadIcon size={16} />}>
              Excel (XLSX)
            </Button>
            <Button component="a" href={apiUrl('/evaluation.pdf', { from, to })} download variant="default" leftSection={<DownloadIcon size={16} />}>
              PDF mit Diagrammen
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
            {data.data.scope} · {dayDe(data.data.from)} bis {dayDe(data.data.to)}. {data.data.note}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {data.data.totals.map((t) => (
              <Paper component="li" key={t.label} withBorder p="md" radius="md">
                <Text size="sm">{t.label}</Text>
                <Text fz={28} fw={700}>
                  {cell(t.value)}
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
                      <Table.Th scope="col">Merkmal</Table.Th>
                      <Table.Th scope="col" ta="right">
                        Anzahl
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
                        <Table.Td ta="right">{r.suppressed ? <Badge variant="outline" color="dark.7" tt="none">unterdrückt</Badge> : cell(r.value)}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Th scope="row">Summe</Table.Th>
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
  const list = useQuery({ queryKey: ['barriers'], queryFn: () => api.get('/barriers', PageOf(Barrier), { query: { limit: 200 } }) });
  return (
    <Page title="Systembarrieren" description="Strukturelle Hürden, die Case Manager:innen aus der Fallarbeit melden – ohne personenbezogene Angaben.">
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack>
          <DataTable
            caption="Gemeldete Systembarrieren"
            rows={list.data.items}
            rowKey={(b) => b.id}
            empty="Noch keine Systembarrieren gemeldet."
            columns={[
              { key: 'desc', header: 'Beschreibung', rowHeader: true, render: (b) => b.description },
              { key: 'cat', header: 'Kategorie', render: (b) => BARRIER_CATEGORY_LABELS_DE[b.category] },
              { key: 'agency', header: 'Stelle', render: (b) => b.agency || '–' },
              { key: 'domain', header: 'Lebensbereich', render: (b) => (b.lifeDomain ? LIFE_DOMAIN_LABELS_DE[b.lifeDomain] : '–') },
              { key: 'org', header: 'gemeldet von', render: (b) => b.organisationName },
              { key: 'at', header: 'am', nowrap: true, render: (b) => dayDe(b.createdAt) },
            ]}
          />
        </Stack>
      )}
    </Page>
  );
}

