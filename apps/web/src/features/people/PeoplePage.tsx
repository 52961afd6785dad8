import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { SEXES, type PersonMatch, type Sex } from '@teilhabe/shared';
import { newIdempotencyKey } from '../../api/client';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { AlertIcon, InfoIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { hasPermission, useMe } from '../auth/session';
import { ReasonBadges } from '../cases/common';
import { useKimLabels } from '../cases/labels';
import { createPerson, peopleKey, usePeople, usePersonSearch } from './api';
import { PendingApprovalsSection, RetentionRulesSection } from './PersonSections';

/** Live duplicate warnings: what the search found for the name typed so far. */
function DuplicateWarnings({ query, birthDate }: { query: string; birthDate: string }) {
  const t = useT();
  const kimLabels = useKimLabels();
  const search = usePersonSearch(query, birthDate || undefined);
  if (query.trim().length < 3) return null;
  if (search.isPending) return <Text size="sm" c="dimmed">{t('people.duplicates.searching')}</Text>;
  if (search.isError) return <QueryError error={search.error} />;
  const { items, outsideScopeNotice } = search.data;
  const likely = items.filter((i) => i.likelyDuplicate);
  return (
    <Stack gap="sm">
      {items.length === 0 && !outsideScopeNotice ? (
        <Text size="sm">{t('people.duplicates.none')}</Text>
      ) : null}
      {items.length > 0 ? (
        <Paper role="alert" withBorder p="md" radius="md" style={{ borderLeft: `6px solid var(--mantine-color-${likely.length ? 'orange' : 'blue'}-8)` }}>
          <Stack gap="sm">
            <Group gap="xs">
              <AlertIcon />
              <Text fw={700}>{t(likely.length ? 'people.duplicates.likely' : 'people.duplicates.similar')}</Text>
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
                        {t('kim.person.born', { date: kimLabels.birthDate(m.person.birthDate, m.person.birthDatePrecision, m.person.birthDateIsPlaceholder) })} · {m.person.organisationName}
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
                {t('people.duplicates.notice')}{' '}
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
  const t = useT();
  const kimLabels = useKimLabels();
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

  const labels: Record<string, string> = {
    givenNames: t('people.create.givenNames'),
    familyName: t('people.create.familyName'),
    nativeGivenNames: t('kim.person.nativeGivenNames'),
    nativeFamilyName: t('kim.person.nativeFamilyName'),
    birthDate: t('kim.person.birthDate'),
    sex: t('kim.person.sex'),
    confirmDifferent: t('people.create.confirmDifferent'),
  };
  const submit = () => {
    const next: Record<string, string> = {};
    if (!values.givenNames.trim()) next.givenNames = t('form.required');
    if (!values.familyName.trim()) next.familyName = t('form.required');
    if (hasLikely && !confirmDifferent) next.confirmDifferent = t('people.create.confirmDifferentRequired');
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
            {t('people.create.title')}
          </Title>
          <Text size="sm">{t('people.create.intro')}</Text>
          <FormErrorSummary errors={errors} error={create.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id={ids('givenNames')} label={labels.givenNames} required value={values.givenNames} onChange={set('givenNames')} error={errors.givenNames} autoComplete="off" />
            <TextInput id={ids('familyName')} label={labels.familyName} required value={values.familyName} onChange={set('familyName')} error={errors.familyName} autoComplete="off" />
            <TextInput id={ids('nativeGivenNames')} label={labels.nativeGivenNames} dir="auto" value={values.nativeGivenNames} onChange={set('nativeGivenNames')} error={errors.nativeGivenNames} autoComplete="off" />
            <TextInput id={ids('nativeFamilyName')} label={labels.nativeFamilyName} dir="auto" value={values.nativeFamilyName} onChange={set('nativeFamilyName')} error={errors.nativeFamilyName} autoComplete="off" />
            <TextInput id={ids('birthDate')} label={labels.birthDate} type="date" value={values.birthDate} onChange={set('birthDate')} error={errors.birthDate} />
            <NativeSelect
              id={ids('sex')}
              label={labels.sex}
              value={values.sex}
              onChange={(e) => {
                const sex = e.currentTarget.value as Sex;
                setValues((v) => ({ ...v, sex }));
              }}
              data={SEXES.map((s) => ({ value: s, label: kimLabels.sex(s) }))}
            />
          </SimpleGrid>
          <div aria-live="polite">
            <DuplicateWarnings query={query} birthDate={birthDate} />
          </div>
          {hasLikely ? (
            <Checkbox
              id={ids('confirmDifferent')}
              label={t('people.create.confirmDifferentLabel')}
              checked={confirmDifferent}
              onChange={(e) => setConfirmDifferent(e.currentTarget.checked)}
              error={errors.confirmDifferent}
            />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('people.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PeopleList() {
  const t = useT();
  const kimLabels = useKimLabels();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [debounced] = useDebouncedValue(q, 300);
  const list = usePeople(debounced, offset);
  return (
    <section aria-labelledby="people-list-title">
      <Stack gap="sm">
        <Title order={2} id="people-list-title">
          {t('people.list.title')}
        </Title>
        <TextInput label={t('people.list.filter')} value={q} onChange={(e) => { setQ(e.currentTarget.value); setOffset(0); }} maw={360} />
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable
              caption={t('people.title')}
              rows={list.data.items}
              rowKey={(p) => p.id}
              empty={t('people.list.empty')}
              columns={[
                {
                  key: 'name',
                  header: t('kim.person.name'),
                  rowHeader: true,
                  render: (p) => (
                    <Anchor component={Link} to={`/personen/${p.id}`}>
                      <bdi>{p.displayName}</bdi>
                    </Anchor>
                  ),
                },
                { key: 'native', header: t('people.list.colNative'), render: (p) => (p.nativeName ? <bdi dir="auto">{p.nativeName}</bdi> : '–') },
                { key: 'birth', header: t('kim.person.birthDate'), nowrap: true, render: (p) => kimLabels.birthDate(p.birthDate, p.birthDatePrecision, p.birthDateIsPlaceholder) },
                { key: 'org', header: t('people.list.colOrganisation'), render: (p) => p.organisationName },
                {
                  key: 'case',
                  header: t('kim.common.case'),
                  render: (p) => (p.openCaseId ? <Anchor component={Link} to={`/faelle/${p.openCaseId}`}>{t('people.list.openCase')}</Anchor> : '–'),
                },
              ]}
            />
            <Pager total={list.data.total} limit={list.data.limit} offset={offset} onOffsetChange={setOffset} label={t('people.list.pager')} />
          </>
        )}
      </Stack>
    </section>
  );
}

/** Personen: search before create (live duplicate warnings across scripts) and the persons of one's own scope. */
export function PeoplePage() {
  const t = useT();
  const me = useMe();
  return (
    <Page title={t('people.title')} description={t('people.description')}>
      {hasPermission(me, 'persons.lifecycle') ? <PendingApprovalsSection /> : null}
      {hasPermission(me, 'retention.manage') ? <RetentionRulesSection /> : null}
      {hasPermission(me, 'persons.write') ? <CreatePersonForm /> : null}
      <PeopleList />
    </Page>
  );
}

