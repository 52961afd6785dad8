import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { SEX_LABELS_DE, SEXES, type PersonMatch, type Sex } from '@teilhabe/shared';
import { newIdempotencyKey } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { AlertIcon, InfoIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { hasPermission, useMe } from '../auth/session';
import { birthDateText, ReasonBadges } from '../cases/common';
import { createPerson, peopleKey, usePeople, usePersonSearch } from './api';
import { PendingApprovalsSection, RetentionRulesSection } from './PersonSections';

const LABELS: Record<string, string> = {
  givenNames: 'Vorname(n)',
  familyName: 'Familienname',
  nativeGivenNames: 'Vorname(n) in Originalschrift',
  nativeFamilyName: 'Familienname in Originalschrift',
  birthDate: 'Geburtsdatum',
  sex: 'Geschlecht',
  confirmDifferent: 'Prüfung der Treffer',
};

/** Live duplicate warnings: what the search found for the name typed so far. */
function DuplicateWarnings({ query, birthDate }: { query: string; birthDate: string }) {
  const search = usePersonSearch(query, birthDate || undefined);
  if (query.trim().length < 3) return null;
  if (search.isPending) return <Text size="sm" c="dimmed">Suche läuft …</Text>;
  if (search.isError) return <QueryError error={search.error} />;
  const { items, outsideScopeNotice } = search.data;
  const likely = items.filter((i) => i.likelyDuplicate);
  return (
    <Stack gap="sm">
      {items.length === 0 && !outsideScopeNotice ? (
        <Text size="sm">Keine ähnlichen Personen gefunden.</Text>
      ) : null}
      {items.length > 0 ? (
        <Paper role="alert" withBorder p="md" radius="md" style={{ borderLeft: `6px solid var(--mantine-color-${likely.length ? 'orange' : 'blue'}-8)` }}>
          <Stack gap="sm">
            <Group gap="xs">
              <AlertIcon />
              <Text fw={700}>{likely.length ? 'Mögliche Doppelung' : 'Ähnliche Personen'}</Text>
            </Group>
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((m: PersonMatch) => (
                <li key={m.person.id}>
                  <Stack gap={4}>
                    <Group gap="xs" wrap="wrap">
                      <Anchor component={Link} to={`/personen/${m.person.id}`} fw={600} underline="always">
                        <bdi>{m.person.displayName}</bdi>
                      </Anchor>
                      {m.person.nativeName ? (
                        <Text span dir="auto">
                          / <bdi>{m.person.nativeName}</bdi>
                        </Text>
                      ) : null}
                      <Text span size="sm">
                        geb. {birthDateText(m.person.birthDate, m.person.birthDatePrecision, m.person.birthDateIsPlaceholder)} · {m.person.organisationName}
                      </Text>
                    </Group>
                    <ReasonBadges reasons={m.reasons} />
                  </Stack>
                </li>
              ))}
            </Stack>
          </Stack>
        </Paper>
      ) : null}
      {outsideScopeNotice ? (
        <Paper role="alert" withBorder p="md" radius="md" style={{ borderLeft: '6px solid var(--mantine-color-yellow-8)' }}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <InfoIcon />
            <Text>
              <Text span fw={700}>
                Hinweis:{' '}
              </Text>
              {outsideScopeNotice}
            </Text>
          </Group>
        </Paper>
      ) : null}
    </Stack>
  );
}

function CreatePersonForm() {
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [values, setValues] = useState({ givenNames: '', familyName: '', nativeGivenNames: '', nativeFamilyName: '', birthDate: '', sex: 'unknown' as Sex });
  const [confirmDifferent, setConfirmDifferent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const latin = `${values.givenNames} ${values.familyName}`.trim();
  const native = `${values.nativeGivenNames} ${values.nativeFamilyName}`.trim();
  const [query] = useDebouncedValue(latin || native, 350);
  const [birthDate] = useDebouncedValue(values.birthDate, 350);
  const search = usePersonSearch(query, birthDate || undefined);
  const hasLikely = !!search.data?.items.some((i) => i.likelyDuplicate) || !!search.data?.outsideScopeNotice;

  const create = useMutation({
    mutationFn: () =>
      createPerson(
        {
          givenNames: values.givenNames,
          familyName: values.familyName,
          nativeGivenNames: values.nativeGivenNames || undefined,
          nativeFamilyName: values.nativeFamilyName || undefined,
          birthDate: values.birthDate || null,
          sex: values.sex,
        },
        idempotencyKey,
      ),
    onSuccess: async (person) => {
      await queryClient.invalidateQueries({ queryKey: peopleKey });
      void navigate(`/personen/${person.id}`);
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  const submit = () => {
    const next: Record<string, string> = {};
    if (!values.givenNames.trim()) next.givenNames = 'Bitte ausfüllen.';
    if (!values.familyName.trim()) next.familyName = 'Bitte ausfüllen.';
    if (hasLikely && !confirmDifferent) next.confirmDifferent = 'Bitte bestätigen, dass es sich um eine andere Person handelt.';
    setErrors(next);
    if (Object.keys(next).length) {
      attempts.bump();
      return;
    }
    create.mutate();
  };
  const set = (key: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    // Read the value now: React clears currentTarget before a deferred state updater runs.
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-create-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Title order={2} id="person-create-title">
            Suchen und neu anlegen
          </Title>
          <Text size="sm">
            Schon beim Tippen sucht Teilhabe nach derselben Person – auch in arabischer, persischer oder kyrillischer Schrift, in anderen Umschriften und mit vertauschten Namen.
          </Text>
          <FormErrorSummary errors={errors} error={create.error} attempt={attempts.attempt} labelFor={(p) => LABELS[p] ?? p} idFor={ids} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id={ids('givenNames')} label={LABELS.givenNames} required value={values.givenNames} onChange={set('givenNames')} error={errors.givenNames} autoComplete="off" />
            <TextInput id={ids('familyName')} label={LABELS.familyName} required value={values.familyName} onChange={set('familyName')} error={errors.familyName} autoComplete="off" />
            <TextInput id={ids('nativeGivenNames')} label={LABELS.nativeGivenNames} dir="auto" value={values.nativeGivenNames} onChange={set('nativeGivenNames')} error={errors.nativeGivenNames} autoComplete="off" />
            <TextInput id={ids('nativeFamilyName')} label={LABELS.nativeFamilyName} dir="auto" value={values.nativeFamilyName} onChange={set('nativeFamilyName')} error={errors.nativeFamilyName} autoComplete="off" />
            <TextInput id={ids('birthDate')} label={LABELS.birthDate} type="date" value={values.birthDate} onChange={set('birthDate')} error={errors.birthDate} />
            <NativeSelect
              id={ids('sex')}
              label={LABELS.sex}
              value={values.sex}
              onChange={(e) => {
                const sex = e.currentTarget.value as Sex;
                setValues((v) => ({ ...v, sex }));
              }}
              data={SEXES.map((s) => ({ value: s, label: SEX_LABELS_DE[s] }))}
            />
          </SimpleGrid>
          <div aria-live="polite">
            <DuplicateWarnings query={query} birthDate={birthDate} />
          </div>
          {hasLikely ? (
            <Checkbox
              id={ids('confirmDifferent')}
              label="Ich habe die Treffer geprüft: Es ist eine andere Person."
              checked={confirmDifferent}
              onChange={(e) => setConfirmDifferent(e.currentTarget.checked)}
              error={errors.confirmDifferent}
            />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Person anlegen
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PeopleList() {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [debounced] = useDebouncedValue(q, 300);
  const list = usePeople(debounced, offset);
  return (
    <section aria-labelledby="people-list-title">
      <Stack gap="sm">
        <Title order={2} id="people-list-title">
          Personen im eigenen Bereich
        </Title>
        <TextInput label="Liste filtern (Name)" value={q} onChange={(e) => { setQ(e.currentTarget.value); setOffset(0); }} maw={360} />
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable
              caption="Personen"
              rows={list.data.items}
              rowKey={(p) => p.id}
              empty="Keine Personen gefunden."
              columns={[
                {
                  key: 'name',
                  header: 'Name',
                  rowHeader: true,
                  render: (p) => (
                    <Anchor component={Link} to={`/personen/${p.id}`}>
                      <bdi>{p.displayName}</bdi>
                    </Anchor>
                  ),
                },
                { key: 'native', header: 'Originalschrift', render: (p) => (p.nativeName ? <bdi dir="auto">{p.nativeName}</bdi> : '–') },
                { key: 'birth', header: 'Geburtsdatum', nowrap: true, render: (p) => birthDateText(p.birthDate, p.birthDatePrecision, p.birthDateIsPlaceholder) },
                { key: 'org', header: 'Organisation', render: (p) => p.organisationName },
                { key: 'case', header: 'Fall', render: (p) => (p.openCaseId ? <Anchor component={Link} to={`/faelle/${p.openCaseId}`}>offener Fall</Anchor> : '–') },
              ]}
            />
            <Pager total={list.data.total} limit={list.data.limit} offset={offset} onOffsetChange={setOffset} label="Seiten der Personenliste" />
          </>
        )}
      </Stack>
    </section>
  );
}

/** Personen: search before create (live duplicate warnings across scripts) and the persons of one's own scope. */
export function PeoplePage() {
  const me = useMe();
  return (
    <Page title="Personen" description="Klient:innen des Kommunalen Integrationsmanagements. Bitte vor dem Anlegen suchen – Doppelungen werden auch über Schriften hinweg erkannt.">
      {hasPermission(me, 'persons.lifecycle') ? <PendingApprovalsSection /> : null}
      {hasPermission(me, 'retention.manage') ? <RetentionRulesSection /> : null}
      {hasPermission(me, 'persons.write') ? <CreatePersonForm /> : null}
      <PeopleList />
    </Page>
  );
}

