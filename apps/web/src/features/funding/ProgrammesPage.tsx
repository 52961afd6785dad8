import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDateDe, PROGRAMME_SECTION_LABELS_DE, type FundingSettings, type Programme, type ProgrammeVersion } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { addProgrammeVersion, fundingKey, saveSettings, useFundingSettings, useProgrammes } from './api';
import { ErrorBox, euro, FundingTabs, MoneyInput } from './common';

const monthDay = (md: string | null) => (md ? `${md.slice(3, 5)}.${md.slice(0, 2)}.` : '–');

/** The programme catalogue with the rules in force today. */
export function ProgrammesPage() {
  const programmes = useProgrammes();
  return (
    <Page
      title="Programmkatalog"
      description="Landesprogramme und Bausteine mit Rechtsgrundlage, Pauschale je VZÄ, Höchstbetrag und Fristen – jede Regeländerung ist eine neue Fassung ab einem Datum."
    >
      <FundingTabs />
      {programmes.isPending ? <Loading /> : null}
      {programmes.isError ? <QueryError error={programmes.error} onRetry={() => void programmes.refetch()} /> : null}
      {programmes.data ? (
        <DataTable<Programme>
          caption="Förderprogramme"
          rows={programmes.data}
          rowKey={(p) => p.id}
          empty="Keine Programme."
          minWidth={1000}
          columns={[
            {
              key: 'name',
              header: 'Programm',
              rowHeader: true,
              render: (p) => (
                <Anchor component={Link} to={`/foerderung/programme/${p.id}`} pl={p.parentId ? 'md' : 0}>
                  {p.parentId ? '— ' : ''}
                  {p.name}
                </Anchor>
              ),
            },
            { key: 'legal', header: 'Rechtsgrundlage (heute)', render: (p) => p.current?.legalReference ?? '–' },
            {
              key: 'rate',
              header: 'Pauschale je VZÄ',
              nowrap: true,
              render: (p) => (p.current?.flatRatePerFteCents != null ? euro(p.current.flatRatePerFteCents) : '–'),
            },
            {
              key: 'max',
              header: 'Höchstbetrag',
              nowrap: true,
              render: (p) => (p.current?.maxAmountCents != null ? euro(p.current.maxAmountCents) : '–'),
            },
            { key: 'deadline', header: 'Antragsfrist', render: (p) => monthDay(p.current?.applicationDeadline ?? null) },
            { key: 'giver', header: 'Zuwendungsgeber', render: (p) => p.grantGiver },
          ]}
        />
      ) : null}
    </Page>
  );
}

export function ProgrammeDetailPage() {
  const { id = '' } = useParams();
  const programmes = useProgrammes();
  const programme = programmes.data?.find((p) => p.id === id);
  if (programmes.isPending) return <Loading />;
  if (programmes.isError) return <QueryError error={programmes.error} />;
  if (!programme) return <QueryError error={new Error('Förderprogramm nicht gefunden.')} />;
  return <ProgrammeDetail programme={programme} />;
}

function ProgrammeDetail({ programme }: { programme: Programme }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    validFrom: '',
    legalReference: programme.current?.legalReference ?? '',
    guideline: programme.current?.guideline ?? '',
    flatRatePerFteCents: programme.current?.flatRatePerFteCents ?? null,
    maxAmountCents: programme.current?.maxAmountCents ?? null,
    notes: '',
  });
  const add = useMutation({
    mutationFn: () => addProgrammeVersion(programme.id, form),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundingKey }),
  });
  return (
    <Page title={programme.name} description={`${PROGRAMME_SECTION_LABELS_DE[programme.section]} – ${programme.grantGiver}`}>
      <FundingTabs />
      <Anchor component={Link} to="/foerderung/programme">
        Zurück zum Katalog
      </Anchor>
      <DataTable<ProgrammeVersion>
        caption="Fassungen"
        rows={programme.versions}
        rowKey={(v) => v.id}
        empty="Keine Fassungen."
        minWidth={1000}
        columns={[
          {
            key: 'period',
            header: 'Gültig',
            rowHeader: true,
            nowrap: true,
            render: (v) => (
              <>
                {formatDateDe(v.validFrom)} – {v.validTo ? formatDateDe(v.validTo) : 'offen'}{' '}
                {programme.current?.id === v.id ? <Badge variant="light">heute</Badge> : null}
              </>
            ),
          },
          { key: 'legal', header: 'Rechtsgrundlage', render: (v) => v.legalReference },
          { key: 'guideline', header: 'Richtlinie', render: (v) => v.guideline || '–' },
          {
            key: 'rate',
            header: 'Pauschale je VZÄ',
            nowrap: true,
            render: (v) => (v.flatRatePerFteCents != null ? euro(v.flatRatePerFteCents) : '–'),
          },
          { key: 'max', header: 'Höchstbetrag', nowrap: true, render: (v) => (v.maxAmountCents != null ? euro(v.maxAmountCents) : '–') },
          { key: 'notes', header: 'Hinweise', render: (v) => v.notes || '–' },
        ]}
      />
      {programme.can.edit ? (
        <Paper withBorder p="md" radius="md">
          <form
            noValidate
            aria-labelledby="version-title"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={2} size="h4" id="version-title">
                Neue Fassung ab einem Datum
              </Title>
              <Text size="sm">Die bisher offene Fassung endet am Vortag.</Text>
              <ErrorBox error={add.error} />
              {add.isSuccess ? <Text role="status">Fassung gespeichert.</Text> : null}
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <TextInput
                  type="date"
                  label="Gültig ab"
                  required
                  value={form.validFrom}
                  onChange={(e) => setForm({ ...form, validFrom: e.currentTarget.value })}
                />
                <TextInput
                  label="Rechtsgrundlage"
                  required
                  value={form.legalReference}
                  onChange={(e) => setForm({ ...form, legalReference: e.currentTarget.value })}
                />
                <TextInput
                  label="Richtlinie / Erlass"
                  value={form.guideline}
                  onChange={(e) => setForm({ ...form, guideline: e.currentTarget.value })}
                />
                <MoneyInput
                  label="Pauschale je VZÄ"
                  cents={form.flatRatePerFteCents}
                  onCents={(c) => setForm({ ...form, flatRatePerFteCents: c })}
                />
                <MoneyInput
                  label="Höchstbetrag je Jahr"
                  cents={form.maxAmountCents}
                  onCents={(c) => setForm({ ...form, maxAmountCents: c })}
                />
                <Textarea label="Hinweise" value={form.notes} onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })} />
              </SimpleGrid>
              <Group justify="flex-end">
                <Button type="submit" loading={add.isPending}>
                  Fassung speichern
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Page>
  );
}

/** How spending beyond a position is handled: a warning, or a hard stop (set by the KI-Leitung). */
export function FundingSettingsPage() {
  const settings = useFundingSettings();
  return (
    <Page
      title="Einstellungen der Haushaltsüberwachung"
      description="Was passiert, wenn eine Buchung eine Position des Finanzierungsplans überschreitet."
    >
      <FundingTabs />
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? <QueryError error={settings.error} /> : null}
      {settings.data ? <SettingsForm settings={settings.data} /> : null}
    </Page>
  );
}

function SettingsForm({ settings }: { settings: FundingSettings }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState(settings.overspendMode);
  const [tolerance, setTolerance] = useState(String(settings.tolerancePercent));
  const save = useMutation({
    mutationFn: () => saveSettings(settings.version, { overspendMode: mode, tolerancePercent: Number(tolerance) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundingKey }),
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md" maw={640}>
        <ErrorBox error={save.error} />
        {save.isSuccess ? <Text role="status">Gespeichert.</Text> : null}
        <Radio.Group label="Bei Überschreitung einer Position" value={mode} onChange={(v) => setMode(v as typeof mode)}>
          <Stack gap="xs" mt="xs">
            <Radio value="warn" label="Warnen, Buchung zulassen" disabled={!settings.can.edit} />
            <Radio value="block" label="Buchung ablehnen (harter Stopp)" disabled={!settings.can.edit} />
          </Stack>
        </Radio.Group>
        <TextInput
          label="Toleranz je Position in Prozent"
          description="ANBest-P erlaubt Überschreitungen einzelner Positionen bis 20 %, wenn sie an anderer Stelle ausgeglichen werden."
          inputMode="numeric"
          value={tolerance}
          readOnly={!settings.can.edit}
          onChange={(e) => setTolerance(e.currentTarget.value)}
          w={260}
        />
        {settings.can.edit ? (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Speichern
            </Button>
          </Group>
        ) : (
          <Text size="sm">Nur die KI-Leitung kann diese Einstellung ändern.</Text>
        )}
      </Stack>
    </form>
  );
}
