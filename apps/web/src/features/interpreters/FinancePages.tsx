import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, NativeSelect, NumberInput, Paper, Progress, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { InterpreterPayoutRow, InterpreterPoolSettings, InterpreterPoolSettingsView } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { interpretersKey, payoutExportUrl, saveSettings, statementUrl, statisticsExportUrl, useBudget, usePayouts, useSettings, useStatistics } from './api';
import { BarTable, currentMonth, euro, monthLabel, PoolTabs } from './common';

const CAP_TEXT = { ok: '', near: 'nahe an der Ehrenamtspauschale', over: 'Ehrenamtspauschale überschritten' } as const;

/** `/sprachmittlung/abrechnung`: monthly payout list with exports and statements, and the pool's yearly budget. */
export function PayoutsPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('monat') ?? currentMonth(-1);
  const year = Number(month.slice(0, 4));
  const payouts = usePayouts(month);
  const budget = useBudget(year);
  const months = Array.from({ length: 18 }, (_, i) => currentMonth(-i));
  return (
    <Page title="Abrechnung und Budget" description="Aufwandsentschädigungen je Sprachmittler:in und Monat, Summen im Kalenderjahr (Ehrenamtspauschale) und Verbrauch des Jahresbudgets.">
      <PoolTabs />
      <Group align="flex-end">
        <NativeSelect label="Monat" value={month} onChange={(e) => setParams({ monat: e.currentTarget.value })} data={months.map((m) => ({ value: m, label: monthLabel(m) }))} w={200} />
        <Button component="a" href={payoutExportUrl(month, 'csv')} variant="default">
          Auszahlungsliste (CSV)
        </Button>
        <Button component="a" href={payoutExportUrl(month, 'xlsx')} variant="default">
          Auszahlungsliste (Excel)
        </Button>
      </Group>
      {payouts.isPending ? <Loading /> : null}
      {payouts.isError ? <QueryError error={payouts.error} onRetry={() => void payouts.refetch()} /> : null}
      {payouts.data ? (
        <>
          <DataTable<InterpreterPayoutRow>
            caption={`Auszahlungsliste ${monthLabel(month)}`}
            rows={payouts.data.rows}
            rowKey={(r) => r.interpreterId}
            empty="In diesem Monat gibt es keine abrechenbaren Einsätze."
            minWidth={900}
            columns={[
              { key: 'name', header: 'Sprachmittler:in', rowHeader: true, render: (r) => r.displayName },
              { key: 'iban', header: 'IBAN', nowrap: true, render: (r) => r.iban ?? r.ibanMasked ?? 'fehlt' },
              { key: 'n', header: 'Einsätze', render: (r) => r.assignments },
              { key: 'fee', header: 'Pauschalen', nowrap: true, render: (r) => euro(r.feeCents) },
              { key: 'travel', header: 'Fahrt', nowrap: true, render: (r) => euro(r.travelCents) },
              { key: 'total', header: 'Auszahlung', nowrap: true, render: (r) => <strong>{euro(r.totalCents)}</strong> },
              {
                key: 'year',
                header: 'Summe Jahr',
                nowrap: true,
                render: (r) => (
                  <Group gap={4} wrap="nowrap">
                    {euro(r.yearTotalCents)}
                    {r.capStatus !== 'ok' ? (
                      <Badge color={r.capStatus === 'over' ? 'red' : 'yellow'} variant="light" styles={{ label: { color: 'var(--mantine-color-dark-9)' } }}>
                        {CAP_TEXT[r.capStatus]}
                      </Badge>
                    ) : null}
                  </Group>
                ),
              },
              {
                key: 'pdf',
                header: 'Abrechnung',
                render: (r) => (
                  <Anchor href={statementUrl(r.interpreterId, month)} aria-label={`Monatsabrechnung ${r.displayName} (PDF)`}>
                    PDF
                  </Anchor>
                ),
              },
            ]}
          />
          <Text fw={600}>Summe {monthLabel(month)}: {euro(payouts.data.totalCents)}</Text>
        </>
      ) : null}
      <Paper withBorder p="md" component="section" aria-labelledby="budget-heading">
        <Title order={2} size="h3" id="budget-heading" mb="xs">
          Budget {year}
        </Title>
        {budget.data ? (
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <Text>Budget: {euro(budget.data.budgetCents)}</Text>
              <Text>Ausgezahlt/abrechenbar: {euro(budget.data.spentCents)}</Text>
              <Text>Gebunden (bestätigte Einsätze): {euro(budget.data.committedCents)}</Text>
              <Text fw={600}>Verfügbar: {euro(budget.data.remainingCents)}</Text>
            </SimpleGrid>
            <Progress value={Math.min(100, budget.data.spentPercent)} aria-label={`${budget.data.spentPercent.toLocaleString('de-DE')} % des Budgets verbraucht`} color={budget.data.spentPercent > 90 ? 'red.8' : 'blue.8'} />
            <BarTable
              caption={`Verbrauch je Monat ${year}`}
              valueLabel="Euro"
              rows={budget.data.byMonth.map((m) => ({ key: m.month, label: monthLabel(m.month), value: Math.round(m.spentCents / 100) }))}
            />
          </Stack>
        ) : budget.isError ? (
          <QueryError error={budget.error} />
        ) : (
          <Loading />
        )}
      </Paper>
    </Page>
  );
}

/** `/sprachmittlung/statistik`: requests, fulfilment rate, lead times and hours, per language, institution type, Gemeinde and month. */
export function StatisticsPage() {
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('jahr')) || thisYear;
  const stats = useStatistics(year);
  const hours = (min: number) => (Math.round((min / 60) * 10) / 10).toLocaleString('de-DE');
  const rateRows = (rows: { key: string; label: string; requests: number; fulfilmentRate: number }[]) =>
    rows.map((r) => ({ key: r.key, label: r.label, value: r.requests, extra: `${r.fulfilmentRate.toLocaleString('de-DE')} %` }));
  return (
    <Page title="Statistik Sprachmittlung" description="Anfragen und Vermittlungsquote (ohne Absagen der anfragenden Stellen), Vorlaufzeiten und Einsatzstunden.">
      <PoolTabs />
      <Group align="flex-end">
        <NativeSelect label="Jahr" value={String(year)} onChange={(e) => setParams({ jahr: e.currentTarget.value })} data={Array.from({ length: 6 }, (_, i) => String(thisYear - i))} w={120} />
        <Button component="a" href={statisticsExportUrl(year)} variant="default">
          Statistik (Excel)
        </Button>
      </Group>
      {stats.isPending ? <Loading /> : null}
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.data ? (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Kpi label="Anfragen" value={stats.data.totals.requests.toLocaleString('de-DE')} />
            <Kpi label="Vermittlungsquote" value={`${stats.data.totals.fulfilmentRate.toLocaleString('de-DE')} %`} />
            <Kpi label="Einsatzstunden" value={hours(stats.data.totals.minutes)} />
            <Kpi label="Vorlauf (Median)" value={stats.data.totals.medianLeadDays === null ? '–' : `${stats.data.totals.medianLeadDays.toLocaleString('de-DE')} Tage`} />
          </SimpleGrid>
          <Section title="Nach Sprache">
            <BarTable caption="Anfragen und Vermittlungsquote nach Sprache" valueLabel="Anfragen" extra="Quote" rows={rateRows(stats.data.byLanguage)} />
          </Section>
          <Section title="Nach Art der Einrichtung">
            <BarTable caption="Anfragen nach Art der Einrichtung" valueLabel="Anfragen" extra="Quote" rows={rateRows(stats.data.byInstitutionKind)} />
          </Section>
          <Section title="Nach Gemeinde">
            <BarTable caption="Anfragen nach Gemeinde" valueLabel="Anfragen" extra="Quote" rows={rateRows(stats.data.byGemeinde)} />
          </Section>
          <Section title="Nach Monat">
            <BarTable
              caption="Anfragen und Einsatzstunden nach Monat"
              valueLabel="Anfragen"
              extra="Stunden"
              rows={stats.data.byMonth.map((r) => ({ key: r.key, label: r.label, value: r.requests, extra: hours(r.minutes) }))}
            />
          </Section>
          <Section title="Vorlaufzeiten">
            <BarTable caption="Anfragen nach Vorlaufzeit" valueLabel="Anfragen" rows={stats.data.leadTimes.map((r) => ({ key: r.key, label: r.label, value: r.requests }))} />
          </Section>
        </Stack>
      ) : null}
    </Page>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section>
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

/** `/sprachmittlung/einstellungen`: lead time, closing days, tariff, cap and budget of the pool. */
export function SettingsPage() {
  const settings = useSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm key={settings.data.version} current={settings.data} />;
}

const euroInput = (cents: number) => cents / 100;
const toCents = (value: number | string) => Math.round(Number(value) * 100);

function SettingsForm({ current }: { current: InterpreterPoolSettingsView }) {
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const queryClient = useQueryClient();
  const [closedDays, setClosedDays] = useState(current.closedDays.join(', '));
  const form = useForm({
    initialValues: {
      leadTimeWorkdays: current.leadTimeWorkdays,
      travelBufferMinutes: current.travelBufferMinutes,
      lateCancellationHours: current.lateCancellationHours,
      mode: current.tariff.mode,
      basic: euroInput(current.tariff.basicCents),
      advanced: euroInput(current.tariff.advancedCents),
      halfHourBasic: euroInput(current.tariff.halfHourBasicCents),
      halfHourAdvanced: euroInput(current.tariff.halfHourAdvancedCents),
      perKm: euroInput(current.tariff.travelPerKmCents),
      perMinute: euroInput(current.tariff.travelPerMinuteCents),
      cap: euroInput(current.volunteerCapCents),
      capWarningPercent: current.capWarningPercent,
      budget: euroInput(current.annualBudgetCents),
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body: InterpreterPoolSettings = {
        leadTimeWorkdays: Number(v.leadTimeWorkdays),
        closedDays: closedDays.split(/[,\s]+/).filter(Boolean),
        travelBufferMinutes: Number(v.travelBufferMinutes),
        lateCancellationHours: Number(v.lateCancellationHours),
        tariff: {
          mode: v.mode,
          basicCents: toCents(v.basic),
          advancedCents: toCents(v.advanced),
          halfHourBasicCents: toCents(v.halfHourBasic),
          halfHourAdvancedCents: toCents(v.halfHourAdvanced),
          travelPerKmCents: toCents(v.perKm),
          travelPerMinuteCents: toCents(v.perMinute),
        },
        volunteerCapCents: toCents(v.cap),
        capWarningPercent: Number(v.capWarningPercent),
        annualBudgetCents: toCents(v.budget),
      };
      return saveSettings(current.version, body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: interpretersKey }),
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const money = { decimalScale: 2, fixedDecimalScale: true, decimalSeparator: ',', thousandSeparator: '.', min: 0 } as const;
  return (
    <Page title="Regeln und Tarife" description="Gelten für neue Anfragen und Abrechnungen; schon abgerechnete Einsätze behalten ihren Tarif.">
      <PoolTabs />
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), () => attempts.bump())}>
        <Stack gap="md" maw={720}>
          <FormErrorSummary errors={form.errors} error={save.error} attempt={attempts.attempt} labelFor={(p) => p} idFor={ids} />
          {save.isSuccess ? (
            <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="green" role="status">
              Gespeichert.
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput id={ids('leadTimeWorkdays')} label="Vorlauf (Werktage)" min={0} max={30} {...form.getInputProps('leadTimeWorkdays')} />
            <NumberInput id={ids('travelBufferMinutes')} label="Wegepuffer (Minuten)" min={0} max={240} {...form.getInputProps('travelBufferMinutes')} />
            <NumberInput id={ids('lateCancellationHours')} label="Kurzfristige Absage unter (Stunden)" min={0} max={168} {...form.getInputProps('lateCancellationHours')} />
          </SimpleGrid>
          <TextInput id={ids('closedDays')} label="Zusätzliche Schließtage" description="MM-TT jedes Jahr (z. B. 12-24) oder JJJJ-MM-TT einmalig (z. B. 2026-02-16 für Rosenmontag), mit Komma getrennt." value={closedDays} onChange={(e) => setClosedDays(e.currentTarget.value)} />
          <NativeSelect
            id={ids('mode')}
            label="Tarif"
            data={[
              { value: 'per_assignment', label: 'Pauschale je Einsatz' },
              { value: 'per_half_hour', label: 'Je angefangene halbe Stunde' },
            ]}
            {...form.getInputProps('mode')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label="Pauschale mit Basisschulung (€)" {...money} {...form.getInputProps('basic')} />
            <NumberInput label="Pauschale mit Aufbauschulung (€)" {...money} {...form.getInputProps('advanced')} />
            <NumberInput label="Je halbe Stunde, Basisschulung (€)" {...money} {...form.getInputProps('halfHourBasic')} />
            <NumberInput label="Je halbe Stunde, Aufbauschulung (€)" {...money} {...form.getInputProps('halfHourAdvanced')} />
            <NumberInput label="Fahrt je km (€)" {...money} {...form.getInputProps('perKm')} />
            <NumberInput label="Fahrt je Minute (€)" {...money} {...form.getInputProps('perMinute')} />
            <NumberInput label="Ehrenamtspauschale im Jahr (€)" {...money} {...form.getInputProps('cap')} />
            <NumberInput label="Warnung ab (% der Pauschale)" min={1} max={100} {...form.getInputProps('capWarningPercent')} />
            <NumberInput label="Jahresbudget des Pools (€)" {...money} {...form.getInputProps('budget')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Speichern
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
