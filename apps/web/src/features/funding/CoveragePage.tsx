import { useState } from 'react';
import { Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { formatDateDe, type CoverageAllocation, type CoverageReport, type CoverageRow } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { createAllocation, fundingKey, updateAllocation, useCoverage } from './api';
import { useT } from '../../i18n';
import { EditDialog, useEditTarget } from './EditDialog';
import { ErrorBox, euro, fte, FundingTabs, MoneyInput, YearSelect } from './common';

/** Personnel cost of funded posts against the flat rates; the gap covered by the Integrationspauschale or the Kreis. */
export function CoveragePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jahr')) || new Date().getFullYear();
  const coverage = useCoverage(year);
  return (
    <Page
      title={t('funding.coverage.title', { year })}
      description={t('funding.coverage.personalkostenDerGefoerdertenStellen')}
    >
      <FundingTabs />
      <YearSelect value={year} onChange={(y) => setParams({ jahr: String(y) })} />
      {coverage.isPending ? <Loading /> : null}
      {coverage.isError ? <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} /> : null}
      {coverage.data ? <Coverage report={coverage.data} /> : null}
    </Page>
  );
}

function Coverage({ report }: { report: CoverageReport }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    lumpSumGrantId: report.lumpSums[0]?.grantId ?? '',
    programmeId: '',
    amountCents: null as number | null,
    note: '',
  });
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: () => createAllocation({ ...form, year: report.year, amountCents: form.amountCents ?? 0 }),
    onSuccess: async () => {
      setForm((f) => ({ ...f, amountCents: null, note: '' }));
      setFormKey((k) => k + 1);
      await queryClient.invalidateQueries({ queryKey: fundingKey });
    },
  });
  const cancel = useMutation({
    mutationFn: (a: CoverageAllocation) => updateAllocation(a.id, a.version, { cancelled: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundingKey }),
  });
  const t = useT();
  const editing = useEditTarget<CoverageAllocation>();
  const totalsRow: CoverageRow = { programme: { id: 'total', name: 'Summe', shortName: 'Summe' }, ...report.totals };
  return (
    <Stack gap="lg">
      {report.notes.length ? (
        <List size="sm" c="red.9">
          {report.notes.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      ) : null}
      <DataTable<CoverageRow>
        caption={t('funding.coverage.title', { year: report.year })}
        rows={report.rows.length ? [...report.rows, totalsRow] : []}
        rowKey={(r) => r.programme.id}
        empty={t('funding.coverage.keineGefoerdertenStellenIn')}
        minWidth={1100}
        columns={[
          {
            key: 'p',
            header: t('funding.coverage.programm'),
            rowHeader: true,
            render: (r) => (r.programme.id === 'total' ? <strong>Summe</strong> : r.programme.name),
          },
          { key: 'posts', header: t('funding.coverage.stellen'), render: (r) => String(r.posts) },
          { key: 'fte', header: t('funding.coverage.gefoerderteVzae'), nowrap: true, render: (r) => fte(r.fundedFteMilli) },
          { key: 'cost', header: t('funding.coverage.personalkosten'), nowrap: true, render: (r) => euro(r.costCents) },
          { key: 'funding', header: t('funding.coverage.pauschalen'), nowrap: true, render: (r) => euro(r.fundingCents) },
          { key: 'uncovered', header: t('funding.coverage.ungedeckt'), nowrap: true, render: (r) => euro(r.uncoveredCents) },
          { key: 'lump', header: t('funding.coverage.ausIntegrationspauschale'), nowrap: true, render: (r) => euro(r.coveredByLumpSumCents) },
          { key: 'own', header: t('funding.coverage.eigenanteilKreis'), nowrap: true, render: (r) => euro(r.ownShareCents) },
          { key: 'surplus', header: t('funding.coverage.ueberschuss'), nowrap: true, render: (r) => euro(r.surplusCents) },
        ]}
      />

      <section aria-labelledby="lump-sums">
        <Title order={2} id="lump-sums" mb="xs">
          {t('funding.coverage.integrationspauschale')}
        </Title>
        {report.lumpSums.length === 0 ? (
          <Text c="dimmed">{t('funding.coverage.noLumpSum')}</Text>
        ) : (
          <List>
            {report.lumpSums.map((l) => (
              <List.Item key={l.grantId}>
                {l.title}: {euro(l.totalCents)}, zugeordnet {euro(l.allocatedCents)}, verfügbar {euro(l.remainingCents)} (verwendbar bis{' '}
                {formatDateDe(l.useByDate)})
              </List.Item>
            ))}
          </List>
        )}
        <ErrorBox error={cancel.error} />
        <DataTable<CoverageAllocation>
          caption={t('funding.coverage.allocationsCaption', { year: report.year })}
          rows={report.allocations}
          rowKey={(a) => a.id}
          empty={t('funding.coverage.keineZuordnungenInDiesem')}
          columns={[
            { key: 'programme', header: t('funding.coverage.programm'), rowHeader: true, render: (a) => a.programmeName },
            { key: 'source', header: t('funding.coverage.aus'), render: (a) => a.lumpSumTitle },
            {
              key: 'amount',
              header: t('funding.coverage.betrag'),
              nowrap: true,
              render: (a) => (a.cancelled ? <s>{euro(a.amountCents)}</s> : euro(a.amountCents)),
            },
            { key: 'note', header: t('funding.coverage.vermerk'), render: (a) => a.note || '–' },
            {
              key: 'actions',
              header: t('funding.coverage.aktionen'),
              render: (a) =>
                report.can.allocate && !a.cancelled ? (
                  <Group gap={4}>
                    <Button size="xs" variant="default" onClick={() => editing.open(a)}>
                      {t('funding.edit.button')}
                      <VisuallyHidden>: {a.programmeName}</VisuallyHidden>
                    </Button>
                    <Button size="xs" variant="default" onClick={() => cancel.mutate(a)}>
                      {t('funding.allocation.cancel')}
                      <VisuallyHidden>: {a.programmeName}</VisuallyHidden>
                    </Button>
                  </Group>
                ) : a.cancelled ? (
                  'aufgehoben'
                ) : null,
            },
          ]}
        />
        <EditDialog
          title={t('funding.allocation.editTitle')}
          opened={editing.target !== null}
          onClose={editing.close}
          fields={[
            { name: 'amountCents', label: t('funding.allocation.amount'), kind: 'money', required: true },
            { name: 'note', label: t('funding.allocation.note'), kind: 'text' },
          ]}
          initial={editing.target ? { amountCents: editing.target.amountCents, note: editing.target.note } : {}}
          save={(changes) => updateAllocation(editing.target!.id, editing.target!.version, changes)}
        />
      </section>

      {report.can.allocate && report.lumpSums.length && report.rows.length ? (
        <Paper withBorder p="md" radius="md">
          <form
            noValidate
            aria-labelledby="alloc-title"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={3} size="h4" id="alloc-title">
                {t('funding.coverage.integrationspauschaleZuordnen')}
              </Title>
              <ErrorBox error={create.error} />
              <Group align="flex-end" key={formKey}>
                <NativeSelect
                  label={t('funding.coverage.aus')}
                  data={report.lumpSums.map((l) => ({ value: l.grantId, label: l.title }))}
                  value={form.lumpSumGrantId}
                  onChange={(e) => setForm({ ...form, lumpSumGrantId: e.currentTarget.value })}
                />
                <NativeSelect
                  label={t('funding.coverage.fuerProgramm')}
                  data={[
                    { value: '', label: t('funding.coverage.bitteWaehlen') },
                    ...report.rows.map((r) => ({
                      value: r.programme.id,
                      label: `${r.programme.name} (ungedeckt ${euro(r.uncoveredCents)})`,
                    })),
                  ]}
                  value={form.programmeId}
                  onChange={(e) => setForm({ ...form, programmeId: e.currentTarget.value })}
                />
                <MoneyInput label={t('funding.coverage.betrag')} cents={form.amountCents} onCents={(c) => setForm({ ...form, amountCents: c })} />
                <TextInput label={t('funding.coverage.vermerk')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} />
                <Button type="submit" loading={create.isPending}>
                  {t('funding.coverage.zuordnen')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Stack>
  );
}
