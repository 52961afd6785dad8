import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  FINANCING_TYPE_LABELS_DE,
  FINANCING_TYPES,
  formatDateDe,
  PROGRAMME_SECTION_LABELS_DE,
  PROGRAMME_SECTIONS,
  type FundingSettings,
  type Programme,
  type ProgrammeVersion,
} from '@teilhabe/shared';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { addProgrammeVersion, fundingKey, saveSettings, updateProgramme, updateProgrammeVersion, useFundingSettings, useProgrammes } from './api';
import { EditDialog, useEditTarget } from './EditDialog';
import { ErrorBox, euro, FundingTabs, MoneyInput } from './common';

const monthDay = (md: string | null) => (md ? `${md.slice(3, 5)}.${md.slice(0, 2)}.` : '–');

/** The programme catalogue with the rules in force today. */
export function ProgrammesPage() {
  const t = useT();
  const programmes = useProgrammes();
  return (
    <Page
      title={t('funding.programmes.programmkatalog')}
      description={t('funding.programmes.landesprogrammeUndBausteineMit')}
    >
      <FundingTabs />
      {programmes.isPending ? <Loading /> : null}
      {programmes.isError ? <QueryError error={programmes.error} onRetry={() => void programmes.refetch()} /> : null}
      {programmes.data ? (
        <DataTable<Programme>
          caption={t('funding.programmes.foerderprogramme')}
          rows={programmes.data}
          rowKey={(p) => p.id}
          empty={t('funding.programmes.keineProgramme')}
          minWidth={1000}
          columns={[
            {
              key: 'name',
              header: t('funding.programmes.programm'),
              rowHeader: true,
              render: (p) => (
                <Anchor component={Link} to={`/foerderung/programme/${p.id}`} pl={p.parentId ? 'md' : 0}>
                  {p.parentId ? '— ' : ''}
                  {p.name}
                </Anchor>
              ),
            },
            { key: 'legal', header: t('funding.programmes.rechtsgrundlageHeute'), render: (p) => p.current?.legalReference ?? '–' },
            {
              key: 'rate',
              header: t('funding.programmes.pauschaleJeVzae'),
              nowrap: true,
              render: (p) => (p.current?.flatRatePerFteCents != null ? euro(p.current.flatRatePerFteCents) : '–'),
            },
            {
              key: 'max',
              header: t('funding.programmes.hoechstbetrag'),
              nowrap: true,
              render: (p) => (p.current?.maxAmountCents != null ? euro(p.current.maxAmountCents) : '–'),
            },
            { key: 'deadline', header: t('funding.programmes.antragsfrist'), render: (p) => monthDay(p.current?.applicationDeadline ?? null) },
            { key: 'giver', header: t('funding.programmes.zuwendungsgeber'), render: (p) => p.grantGiver },
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
  const t = useT();
  const [editingProgramme, setEditingProgramme] = useState(false);
  const editingVersion = useEditTarget<ProgrammeVersion>();
  return (
    <Page title={programme.name} description={`${PROGRAMME_SECTION_LABELS_DE[programme.section]} – ${programme.grantGiver}`}>
      <FundingTabs />
      <Group justify="space-between">
        <Anchor component={Link} to="/foerderung/programme">
          {t('funding.programmes.zurueckZumKatalog')}
        </Anchor>
        {programme.can.edit ? (
          <Button variant="default" onClick={() => setEditingProgramme(true)}>
            {t('funding.programme.edit')}
          </Button>
        ) : null}
      </Group>
      <EditDialog
        title={t('funding.programme.edit')}
        opened={editingProgramme}
        onClose={() => setEditingProgramme(false)}
        fields={[
          { name: 'name', label: t('funding.programme.name'), kind: 'text', required: true },
          { name: 'shortName', label: t('funding.programme.shortName'), kind: 'text', required: true },
          { name: 'grantGiver', label: t('funding.programme.grantGiver'), kind: 'text', required: true },
          {
            name: 'section',
            label: t('funding.programme.section'),
            kind: 'select',
            options: PROGRAMME_SECTIONS.map((v) => ({ value: v, label: PROGRAMME_SECTION_LABELS_DE[v] })),
          },
          {
            name: 'financingType',
            label: t('funding.programme.financingType'),
            kind: 'select',
            options: FINANCING_TYPES.map((v) => ({ value: v, label: FINANCING_TYPE_LABELS_DE[v] })),
          },
          { name: 'passThroughAllowed', label: t('funding.programme.passThrough'), kind: 'checkbox' },
          { name: 'active', label: t('funding.programme.active'), kind: 'checkbox' },
        ]}
        initial={{
          name: programme.name,
          shortName: programme.shortName,
          grantGiver: programme.grantGiver,
          section: programme.section,
          financingType: programme.financingType,
          passThroughAllowed: programme.passThroughAllowed,
          active: programme.active,
        }}
        save={(changes) => updateProgramme(programme.id, programme.version, changes)}
      />
      <EditDialog
        title={editingVersion.target ? t('funding.version.editTitle', { date: formatDateDe(editingVersion.target.validFrom) }) : ''}
        opened={editingVersion.target !== null}
        onClose={editingVersion.close}
        fields={[
          { name: 'validFrom', label: t('funding.version.validFrom'), kind: 'date', required: true },
          { name: 'validTo', label: t('funding.version.validTo'), kind: 'date', nullable: true },
          { name: 'legalReference', label: t('funding.version.legalReference'), kind: 'text', required: true },
          { name: 'guideline', label: t('funding.version.guideline'), kind: 'text' },
          { name: 'flatRatePerFteCents', label: t('funding.version.flatRate'), kind: 'money', nullable: true },
          { name: 'maxAmountCents', label: t('funding.version.maxAmount'), kind: 'money', nullable: true },
          { name: 'applicationDeadline', label: t('funding.version.applicationDeadline'), kind: 'text', nullable: true },
          { name: 'reportDeadline', label: t('funding.version.reportDeadline'), kind: 'text', nullable: true },
          { name: 'notes', label: t('funding.version.notes'), kind: 'textarea' },
        ]}
        initial={
          editingVersion.target
            ? {
                validFrom: editingVersion.target.validFrom,
                validTo: editingVersion.target.validTo,
                legalReference: editingVersion.target.legalReference,
                guideline: editingVersion.target.guideline,
                flatRatePerFteCents: editingVersion.target.flatRatePerFteCents,
                maxAmountCents: editingVersion.target.maxAmountCents,
                applicationDeadline: editingVersion.target.applicationDeadline,
                reportDeadline: editingVersion.target.reportDeadline,
                notes: editingVersion.target.notes,
              }
            : {}
        }
        save={(changes) => updateProgrammeVersion(editingVersion.target!.id, editingVersion.target!.version, changes)}
      />
      <DataTable<ProgrammeVersion>
        caption={t('funding.programmes.fassungen')}
        rows={programme.versions}
        rowKey={(v) => v.id}
        empty={t('funding.programmes.keineFassungen')}
        minWidth={1000}
        columns={[
          {
            key: 'period',
            header: t('funding.programmes.gueltig'),
            rowHeader: true,
            nowrap: true,
            render: (v) => (
              <>
                {formatDateDe(v.validFrom)} – {v.validTo ? formatDateDe(v.validTo) : 'offen'}{' '}
                {programme.current?.id === v.id ? <Badge variant="light">heute</Badge> : null}
              </>
            ),
          },
          { key: 'legal', header: t('funding.programmes.rechtsgrundlage'), render: (v) => v.legalReference },
          { key: 'guideline', header: t('funding.programmes.richtlinie'), render: (v) => v.guideline || '–' },
          {
            key: 'rate',
            header: t('funding.programmes.pauschaleJeVzae'),
            nowrap: true,
            render: (v) => (v.flatRatePerFteCents != null ? euro(v.flatRatePerFteCents) : '–'),
          },
          { key: 'max', header: t('funding.programmes.hoechstbetrag'), nowrap: true, render: (v) => (v.maxAmountCents != null ? euro(v.maxAmountCents) : '–') },
          { key: 'notes', header: t('funding.programmes.hinweise'), render: (v) => v.notes || '–' },
          ...(programme.can.edit
            ? [
                {
                  key: 'actions',
                  header: t('ui.actions'),
                  render: (v: ProgrammeVersion) => (
                    <Button size="xs" variant="default" onClick={() => editingVersion.open(v)}>
                      {t('funding.version.edit')}
                      <VisuallyHidden>: {formatDateDe(v.validFrom)}</VisuallyHidden>
                    </Button>
                  ),
                },
              ]
            : []),
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
                {t('funding.programmes.neueFassungAbEinem')}
              </Title>
              <Text size="sm">{t('funding.programmes.versionHint')}</Text>
              <ErrorBox error={add.error} />
              {add.isSuccess ? <Text role="status">{t('funding.programmes.versionSaved')}</Text> : null}
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <TextInput
                  type="date"
                  label={t('funding.programmes.gueltigAb')}
                  required
                  value={form.validFrom}
                  onChange={(e) => setForm({ ...form, validFrom: e.currentTarget.value })}
                />
                <TextInput
                  label={t('funding.programmes.rechtsgrundlage')}
                  required
                  value={form.legalReference}
                  onChange={(e) => setForm({ ...form, legalReference: e.currentTarget.value })}
                />
                <TextInput
                  label={t('funding.programmes.richtlinieErlass')}
                  value={form.guideline}
                  onChange={(e) => setForm({ ...form, guideline: e.currentTarget.value })}
                />
                <MoneyInput
                  label={t('funding.programmes.pauschaleJeVzae')}
                  cents={form.flatRatePerFteCents}
                  onCents={(c) => setForm({ ...form, flatRatePerFteCents: c })}
                />
                <MoneyInput
                  label={t('funding.programmes.hoechstbetragJeJahr')}
                  cents={form.maxAmountCents}
                  onCents={(c) => setForm({ ...form, maxAmountCents: c })}
                />
                <Textarea label={t('funding.programmes.hinweise')} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })} />
              </SimpleGrid>
              <Group justify="flex-end">
                <Button type="submit" loading={add.isPending}>
                  {t('funding.programmes.fassungSpeichern')}
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
  const t = useT();
  const settings = useFundingSettings();
  return (
    <Page
      title={t('funding.programmes.einstellungenDerHaushaltsueberwachung')}
      description={t('funding.programmes.wasPassiertWennEine')}
    >
      <FundingTabs />
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? <QueryError error={settings.error} /> : null}
      {settings.data ? <SettingsForm settings={settings.data} /> : null}
    </Page>
  );
}

function SettingsForm({ settings }: { settings: FundingSettings }) {
  const t = useT();
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
        <Radio.Group label={t('funding.programmes.beiUeberschreitungEinerPosition')} value={mode} onChange={(v) => setMode(v as typeof mode)}>
          <Stack gap="xs" mt="xs">
            <Radio value="warn" label={t('funding.programmes.warnenBuchungZulassen')} disabled={!settings.can.edit} />
            <Radio value="block" label={t('funding.programmes.buchungAblehnenHarterStopp')} disabled={!settings.can.edit} />
          </Stack>
        </Radio.Group>
        <TextInput
          label={t('funding.programmes.toleranzJePositionIn')}
          description={t('funding.programmes.anbestPErlaubtUeberschreitungen')}
          inputMode="numeric"
          value={tolerance}
          readOnly={!settings.can.edit}
          onChange={(e) => setTolerance(e.currentTarget.value)}
          w={260}
        />
        {settings.can.edit ? (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('funding.programmes.speichern')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('funding.settings.leadOnly')}</Text>
        )}
      </Stack>
    </form>
  );
}
