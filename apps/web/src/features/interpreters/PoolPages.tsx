import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  INTERPRETER_FEE_TIER_LABELS_DE,
  INTERPRETER_GENDER_LABELS_DE,
  INTERPRETER_GENDERS,
  INTERPRETER_LANGUAGE_LEVEL_LABELS_DE,
  INTERPRETER_LANGUAGE_LEVELS,
  type InterpreterDetail,
  type InterpreterSummary,
} from '@teilhabe/shared';
import { formatIban } from '@teilhabe/shared/interpreters/format';
import { LANGUAGE_NAMES_DE } from '@teilhabe/shared/interpreters/languages';
import { weekdayNameDe } from '@teilhabe/shared/interpreters/workdays';
import { newIdempotencyKey } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { PlusIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { DocumentsPanel } from '../../ui/DocumentsPanel';
import { useT } from '../../i18n';
import { ExclusionEditor } from './ExclusionEditor';
import { usePoolLabels } from './labels';
import { createInterpreter, interpretersKey, PAGE_SIZE, updateInterpreter, useInterpreter, useInterpreters, usePublicFormInfo } from './api';
import { euro, PoolTabs } from './common';

const LANGUAGE_OPTIONS = Object.entries(LANGUAGE_NAMES_DE)
  .sort(([, a], [, b]) => a.localeCompare(b, 'de'))
  .map(([value, label]) => ({ value, label }));

/** `/sprachmittlung/pool`: the interpreters of the pool. */
export function PoolPage() {
  const t = useT();
  const labels = usePoolLabels();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const language = params.get('sprache') ?? '';
  const active = params.get('aktiv') ?? 'true';
  const offset = Number(params.get('ab')) || 0;
  const list = useInterpreters({ q, language, active, offset });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('ab');
    setParams(next);
  };
  return (
    <Page
      title={t('interpreters.pool.title')}
      description={t('interpreters.pool.description')}
      actions={
        <Button component={Link} to="/sprachmittlung/pool/neu" leftSection={<PlusIcon size={18} />}>
          {t('interpreters.pool.add')}
        </Button>
      }
    >
      <PoolTabs />
      <Group align="flex-end">
        <TextInput label={t('interpreters.pool.filterName')} value={q} onChange={(e) => set('q', e.currentTarget.value)} w={220} />
        <NativeSelect
          label={t('interpreters.pool.filterLanguage')}
          value={language}
          onChange={(e) => set('sprache', e.currentTarget.value)}
          data={[{ value: '', label: t('interpreters.pool.all') }, ...Object.keys(LANGUAGE_NAMES_DE).map((value) => ({ value, label: labels.language(value) })).sort((a, b) => a.label.localeCompare(b.label))]}
          w={220}
        />
        <NativeSelect
          label={t('interpreters.pool.filterStatus')}
          value={active}
          onChange={(e) => set('aktiv', e.currentTarget.value)}
          data={[
            { value: 'true', label: t('interpreters.pool.active') },
            { value: 'false', label: t('interpreters.pool.inactive') },
            { value: 'all', label: t('interpreters.pool.all') },
          ]}
          w={140}
        />
      </Group>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <DataTable<InterpreterSummary>
            caption={t('interpreters.pool.caption')}
            rows={list.data.items}
            rowKey={(r) => r.id}
            empty={t('interpreters.pool.empty')}
            columns={[
              {
                key: 'name',
                header: t('interpreters.pool.colName'),
                rowHeader: true,
                render: (r) => (
                  <Anchor component={Link} to={`/sprachmittlung/pool/${r.id}`}>
                    {r.displayName}
                  </Anchor>
                ),
              },
              { key: 'langs', header: t('interpreters.pool.colLanguages'), render: (r) => r.languages.map((l) => `${labels.language(l.code)}${l.dialects.length ? ` (${l.dialects.join(', ')})` : ''}`).join('; ') },
              { key: 'home', header: t('interpreters.pool.colHome'), render: (r) => r.homeGemeinde },
              { key: 'tier', header: t('interpreters.pool.colTraining'), render: (r) => (r.feeTier ? t(`interpreters.feeTier.${r.feeTier}`) : t('interpreters.pool.noTraining')) },
              { key: 'conf', header: t('interpreters.pool.colConfidentiality'), render: (r) => (r.confidentialitySigned ? t('interpreters.pool.confidentialityPresent') : t('interpreters.pool.confidentialityMissing')) },
              { key: 'active', header: t('interpreters.pool.colStatus'), render: (r) => (r.active ? t('interpreters.pool.active') : t('interpreters.pool.inactive')) },
            ]}
          />
          <Pager total={list.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={(o) => set('ab', String(o))} label={t('interpreters.pool.pager')} />
        </>
      ) : null}
    </Page>
  );
}

interface FormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  homeAgs: string;
  gender: string;
  languages: { code: string; dialects: string; level: string }[];
  basicTrainingOn: string;
  advancedTrainingOn: string;
  confidentialitySignedOn: string;
  confidentialityDocument: string;
  availability: { weekday: string; from: string; to: string }[];
  absences: { from: string; to: string; note: string }[];
  servedAgs: string[];
  maxTravelKm: number | string;
  remoteOk: boolean;
  active: boolean;
  iban: string;
  accountHolder: string;
  notes: string;
}

function toForm(d?: InterpreterDetail): FormValues {
  return {
    firstName: d?.firstName ?? '',
    lastName: d?.lastName ?? '',
    email: d?.email ?? '',
    phone: d?.phone ?? '',
    street: d?.street ?? '',
    postalCode: d?.postalCode ?? '',
    homeAgs: d?.homeAgs ?? '',
    gender: d?.gender ?? 'female',
    languages: d?.languages.map((l) => ({ code: l.code, dialects: l.dialects.join(', '), level: l.level })) ?? [{ code: '', dialects: '', level: 'native' }],
    basicTrainingOn: d?.basicTrainingOn ?? '',
    advancedTrainingOn: d?.advancedTrainingOn ?? '',
    confidentialitySignedOn: d?.confidentialitySignedOn ?? '',
    confidentialityDocument: d?.confidentialityDocument ?? '',
    availability: d?.availability.map((s) => ({ weekday: String(s.weekday), from: s.from, to: s.to })) ?? [1, 2, 3, 4, 5].map((w) => ({ weekday: String(w), from: '08:00', to: '16:00' })),
    absences: d?.absences.map((a) => ({ from: a.from, to: a.to, note: a.note ?? '' })) ?? [],
    servedAgs: d?.servedAgs ?? [],
    maxTravelKm: d?.maxTravelKm ?? 20,
    remoteOk: d?.remoteOk ?? true,
    active: d?.active ?? true,
    iban: d?.iban ? formatIban(d.iban) : '',
    accountHolder: d?.accountHolder ?? '',
    notes: d?.notes ?? '',
  };
}

function toBody(v: FormValues, withIban: boolean) {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    email: orNull(v.email),
    phone: orNull(v.phone),
    street: orNull(v.street),
    postalCode: orNull(v.postalCode),
    homeAgs: v.homeAgs,
    gender: v.gender,
    languages: v.languages.map((l) => ({ code: l.code, level: l.level, dialects: l.dialects.split(',').map((d) => d.trim()).filter(Boolean) })),
    basicTrainingOn: orNull(v.basicTrainingOn),
    advancedTrainingOn: orNull(v.advancedTrainingOn),
    confidentialitySignedOn: orNull(v.confidentialitySignedOn),
    confidentialityDocument: orNull(v.confidentialityDocument),
    availability: v.availability.map((s) => ({ weekday: Number(s.weekday), from: s.from, to: s.to })),
    absences: v.absences.map((a) => ({ from: a.from, to: a.to, ...(a.note.trim() ? { note: a.note.trim() } : {}) })),
    servedAgs: v.servedAgs,
    maxTravelKm: v.maxTravelKm === '' ? null : Number(v.maxTravelKm),
    remoteOk: v.remoteOk,
    active: v.active,
    ...(withIban ? { iban: orNull(v.iban), accountHolder: orNull(v.accountHolder) } : {}),
    notes: orNull(v.notes),
  };
}

const LABELS: Record<string, string> = {
  firstName: 'Vorname',
  lastName: 'Nachname',
  email: 'E-Mail',
  phone: 'Telefon',
  homeAgs: 'Wohnort (Gemeinde)',
  iban: 'IBAN',
  postalCode: 'Postleitzahl',
  maxTravelKm: 'Maximale Anfahrt (km)',
};

/** `/sprachmittlung/pool/neu` and `/sprachmittlung/pool/:id`: take up or edit an interpreter. */
export function InterpreterPage() {
  const { id } = useParams();
  const isNew = !id || id === 'neu';
  const detail = useInterpreter(isNew ? undefined : id);
  const info = usePublicFormInfo();
  if ((!isNew && detail.isPending) || info.isPending) return <Loading />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!info.data) return <QueryError error={info.error} />;
  return <InterpreterForm key={detail.data?.version ?? 'neu'} detail={isNew ? undefined : detail.data} gemeinden={info.data.gemeinden} />;
}

function InterpreterForm({ detail, gemeinden }: { detail?: InterpreterDetail; gemeinden: readonly { ags: string; name: string }[] }) {
  const t = useT();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const canIban = !detail || detail.can.viewIban;
  const form = useForm<FormValues>({ initialValues: toForm(detail) });
  const save = useMutation({
    mutationFn: (v: FormValues) => (detail ? updateInterpreter(detail.id, detail.version, toBody(v, canIban)) : createInterpreter(toBody(v, canIban), key)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: interpretersKey });
      if (!detail) navigate(`/sprachmittlung/pool/${saved.id}`);
    },
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const gemeindeOptions = [{ value: '', label: 'Bitte wählen' }, ...gemeinden.map((g) => ({ value: g.ags, label: g.name }))];
  return (
    <Page title={detail ? detail.displayName : 'Sprachmittler:in aufnehmen'} description={detail ? `Summe der Aufwandsentschädigungen in diesem Jahr: ${euro(detail.yearTotalCents)}` : undefined}>
      <PoolTabs />
      {detail ? (
        <Group gap="xs">
          {detail.feeTier ? <Badge variant="light" styles={{ label: { color: 'var(--mantine-color-dark-9)' } }}>{INTERPRETER_FEE_TIER_LABELS_DE[detail.feeTier]}</Badge> : null}
          <Badge variant="light" color={detail.calendarFeedActive ? 'green' : 'gray'} styles={{ label: { color: 'var(--mantine-color-dark-9)' } }}>
            Kalender-Abo {detail.calendarFeedActive ? 'aktiv' : 'aus'}
          </Badge>
          <Badge variant="light" color={detail.userId ? 'green' : 'gray'} styles={{ label: { color: 'var(--mantine-color-dark-9)' } }}>
            {detail.userId ? 'mit Zugang' : 'ohne Zugang'}
          </Badge>
        </Group>
      ) : null}
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), () => attempts.bump())}>
        <Stack gap="lg">
          <FormErrorSummary errors={form.errors} error={save.error} attempt={attempts.attempt} labelFor={(p) => LABELS[p] ?? p} idFor={ids} />
          {save.isSuccess && detail ? (
            <Text role="status" c="green.9">
              Gespeichert.
            </Text>
          ) : null}
          <Fieldset legend="Person und Kontakt (wird Anfragenden nie gezeigt)">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput id={ids('firstName')} label="Vorname" required {...form.getInputProps('firstName')} />
              <TextInput id={ids('lastName')} label="Nachname" required {...form.getInputProps('lastName')} />
              <NativeSelect id={ids('gender')} label="Geschlecht" data={INTERPRETER_GENDERS.map((g) => ({ value: g, label: INTERPRETER_GENDER_LABELS_DE[g] }))} {...form.getInputProps('gender')} />
              <NativeSelect id={ids('homeAgs')} label="Wohnort (Gemeinde)" required data={gemeindeOptions} {...form.getInputProps('homeAgs')} />
              <TextInput id={ids('street')} label="Straße und Hausnummer" {...form.getInputProps('street')} />
              <TextInput id={ids('postalCode')} label="Postleitzahl" {...form.getInputProps('postalCode')} />
              <TextInput id={ids('email')} label="E-Mail" type="email" {...form.getInputProps('email')} />
              <TextInput id={ids('phone')} label="Telefon" type="tel" {...form.getInputProps('phone')} />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend="Sprachen">
            <Stack gap="xs">
              {form.values.languages.map((_, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <NativeSelect id={ids(`languages.${i}.code`)} label="Sprache" data={[{ value: '', label: 'Bitte wählen' }, ...LANGUAGE_OPTIONS]} {...form.getInputProps(`languages.${i}.code`)} w={200} />
                  <TextInput id={ids(`languages.${i}.dialects`)} label="Dialekte (mit Komma getrennt)" {...form.getInputProps(`languages.${i}.dialects`)} w={240} />
                  <NativeSelect id={ids(`languages.${i}.level`)} label="Niveau" data={INTERPRETER_LANGUAGE_LEVELS.map((l) => ({ value: l, label: INTERPRETER_LANGUAGE_LEVEL_LABELS_DE[l] }))} {...form.getInputProps(`languages.${i}.level`)} w={150} />
                  <ActionIcon variant="default" aria-label={`Sprache ${i + 1} entfernen`} onClick={() => form.removeListItem('languages', i)} size="lg">
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" onClick={() => form.insertListItem('languages', { code: '', dialects: '', level: 'native' })}>
                  Sprache hinzufügen
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Fieldset legend="Schulungen und Verschwiegenheit">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput id={ids('basicTrainingOn')} type="date" label="Basisschulung am" {...form.getInputProps('basicTrainingOn')} />
              <TextInput id={ids('advancedTrainingOn')} type="date" label="Aufbauschulung am" {...form.getInputProps('advancedTrainingOn')} />
              <TextInput id={ids('confidentialitySignedOn')} type="date" label="Verschwiegenheitserklärung unterschrieben am" {...form.getInputProps('confidentialitySignedOn')} />
              <TextInput
                id={ids('confidentialityDocument')}
                label={t('interpreters.detail.confidentialityDocument')}
                description={t('interpreters.detail.confidentialityDocumentHint')}
                {...form.getInputProps('confidentialityDocument')}
              />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend="Verfügbarkeit (wöchentlich)">
            <Stack gap="xs">
              {form.values.availability.map((_, i) => (
                <Group key={i} align="flex-end">
                  <NativeSelect id={ids(`availability.${i}.weekday`)} label="Wochentag" data={[1, 2, 3, 4, 5, 6, 7].map((w) => ({ value: String(w), label: weekdayNameDe(w) }))} {...form.getInputProps(`availability.${i}.weekday`)} w={150} />
                  <TextInput id={ids(`availability.${i}.from`)} type="time" label="von" {...form.getInputProps(`availability.${i}.from`)} w={120} />
                  <TextInput id={ids(`availability.${i}.to`)} type="time" label="bis" {...form.getInputProps(`availability.${i}.to`)} w={120} />
                  <ActionIcon variant="default" aria-label={`Zeitfenster ${i + 1} entfernen`} onClick={() => form.removeListItem('availability', i)} size="lg">
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" onClick={() => form.insertListItem('availability', { weekday: '1', from: '08:00', to: '16:00' })}>
                  Zeitfenster hinzufügen
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Fieldset legend="Abwesenheiten">
            <Stack gap="xs">
              {form.values.absences.map((_, i) => (
                <Group key={i} align="flex-end">
                  <TextInput id={ids(`absences.${i}.from`)} type="date" label="von" {...form.getInputProps(`absences.${i}.from`)} />
                  <TextInput id={ids(`absences.${i}.to`)} type="date" label="bis" {...form.getInputProps(`absences.${i}.to`)} />
                  <TextInput id={ids(`absences.${i}.note`)} label="Notiz" {...form.getInputProps(`absences.${i}.note`)} />
                  <ActionIcon variant="default" aria-label={`Abwesenheit ${i + 1} entfernen`} onClick={() => form.removeListItem('absences', i)} size="lg">
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" onClick={() => form.insertListItem('absences', { from: '', to: '', note: '' })}>
                  Abwesenheit hinzufügen
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Fieldset legend="Einsatzgebiet">
            <NumberInput id={ids('maxTravelKm')} label="Maximale Anfahrt (km, Luftlinie zwischen Gemeinden)" min={0} max={300} w={320} {...form.getInputProps('maxTravelKm')} />
            <Checkbox.Group label="Gemeinden, die unabhängig von der Entfernung bedient werden" mt="sm" {...form.getInputProps('servedAgs')}>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs">
                {gemeinden.map((g) => (
                  <Checkbox key={g.ags} value={g.ags} label={g.name} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Switch mt="sm" label="Übernimmt Telefon- und Videoeinsätze" {...form.getInputProps('remoteOk', { type: 'checkbox' })} />
          </Fieldset>
          {canIban ? (
            <Fieldset legend="Bankverbindung (nur Koordination und Finanzen)">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput id={ids('iban')} label="IBAN" autoComplete="off" {...form.getInputProps('iban')} />
                <TextInput id={ids('accountHolder')} label="Kontoinhaber:in (falls abweichend)" {...form.getInputProps('accountHolder')} />
              </SimpleGrid>
            </Fieldset>
          ) : detail?.ibanMasked ? (
            <Text>IBAN: {detail.ibanMasked}</Text>
          ) : null}
          <Textarea id={ids('notes')} label="Interne Notizen der Koordination" autosize minRows={2} {...form.getInputProps('notes')} />
          <Switch label="Aktiv (wird für Einsätze vorgeschlagen)" {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {detail ? 'Änderungen speichern' : 'Aufnehmen'}
            </Button>
          </Group>
        </Stack>
      </form>
      {detail ? <ExclusionEditor detail={detail} /> : null}
      {detail ? <DocumentsPanel base={`/interpreters/${detail.id}`} title={t('interpreters.documents.title')} /> : null}
    </Page>
  );
}
