import { useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  BIRTH_DATE_PRECISIONS,
  FAMILY_ROLES,
  NAME_KINDS,
  RELATION_KINDS,
  type BirthDatePrecision,
  type ErasureRequest,
  type FamilyRole,
  type NameKind,
  type Person,
  type PersonMerge,
  type RelationKind,
  type RetentionRule,
  type UpdatePersonBody,
} from '@teilhabe/shared';
import { useI18n, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { useKimLabels } from '../cases/labels';
import {
  addRelation,
  clearLegalHold,
  decideErasure,
  decideMerge,
  peopleKey,
  removeRelation,
  requestErasure,
  requestMerge,
  setLegalHold,
  undoMerge,
  updatePerson,
  updateRetentionRule,
  usePendingApprovals,
  usePersonLifecycle,
  usePersonSearch,
  useRetentionRules,
} from './api';

type Alias = { givenNames: string; familyName: string; kind: NameKind };

/** Berichtigung: names in Latin and original script, further names, date of birth and address. */
export function PersonEditSection({ person, onDone }: { person: Person; onDone: () => void }) {
  const t = useT();
  const kimLabels = useKimLabels();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const queryClient = useQueryClient();
  const [givenNames, setGivenNames] = useState(person.givenNames);
  const [familyName, setFamilyName] = useState(person.familyName);
  const [nativeGivenNames, setNativeGivenNames] = useState(person.nativeGivenNames);
  const [nativeFamilyName, setNativeFamilyName] = useState(person.nativeFamilyName);
  const [aliases, setAliases] = useState<Alias[]>(person.aliases);
  const [birthDate, setBirthDate] = useState(person.birthDate ?? '');
  const [precision, setPrecision] = useState<BirthDatePrecision>(person.birthDatePrecision === 'unknown' ? 'day' : person.birthDatePrecision);
  const [street, setStreet] = useState(person.address.street);
  const [postalCode, setPostalCode] = useState(person.address.postalCode);
  const [ags, setAgs] = useState(person.address.municipalityAgs ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const body: UpdatePersonBody = {
        givenNames,
        familyName,
        nativeGivenNames,
        nativeFamilyName,
        aliases: aliases.filter((a) => `${a.givenNames}${a.familyName}`.trim() !== ''),
        birthDate: birthDate || null,
        ...(birthDate ? { birthDatePrecision: precision } : {}),
        address: { street, postalCode: postalCode || undefined, municipalityAgs: ags || undefined },
      };
      return updatePerson(person.id, person.version, body);
    },
    onSuccess: (p) => {
      queryClient.setQueryData([...peopleKey, 'person', person.id], p);
      onDone();
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const labels: Record<string, string> = {
    givenNames: t('people.edit.givenNames'),
    familyName: t('people.edit.familyName'),
    nativeGivenNames: t('kim.person.nativeGivenNames'),
    nativeFamilyName: t('kim.person.nativeFamilyName'),
    aliases: t('kim.person.aliases'),
    birthDate: t('kim.person.birthDate'),
    birthDatePrecision: t('people.edit.birthDatePrecision'),
    'address.street': t('people.edit.street'),
    'address.postalCode': t('people.edit.postalCode'),
    'address.municipalityAgs': t('people.edit.ags'),
  };
  const setAlias = (i: number, patch: Partial<Alias>) => setAliases((list) => list.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-edit">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} id="person-edit">
            {t('people.edit.title')}
          </Title>
          <FormErrorSummary errors={errors} error={save.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id={ids('givenNames')} label={labels.givenNames} required value={givenNames} error={errors.givenNames} onChange={(e) => setGivenNames(e.currentTarget.value)} />
            <TextInput id={ids('familyName')} label={labels.familyName} required value={familyName} error={errors.familyName} onChange={(e) => setFamilyName(e.currentTarget.value)} />
            <TextInput id={ids('nativeGivenNames')} label={labels.nativeGivenNames} dir="auto" value={nativeGivenNames} error={errors.nativeGivenNames} onChange={(e) => setNativeGivenNames(e.currentTarget.value)} />
            <TextInput id={ids('nativeFamilyName')} label={labels.nativeFamilyName} dir="auto" value={nativeFamilyName} error={errors.nativeFamilyName} onChange={(e) => setNativeFamilyName(e.currentTarget.value)} />
          </SimpleGrid>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }} id={ids('aliases')}>
            <legend>
              <Text fw={500} size="sm">
                {t('people.edit.aliasesLegend')}
              </Text>
            </legend>
            <Stack gap="xs">
              {aliases.map((a, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <TextInput label={t('people.edit.aliasGivenNames', { n: i + 1 })} dir="auto" value={a.givenNames} error={errors[`aliases.${i}.givenNames`]} onChange={(e) => setAlias(i, { givenNames: e.currentTarget.value })} />
                  <TextInput label={t('people.edit.aliasFamilyName', { n: i + 1 })} dir="auto" value={a.familyName} error={errors[`aliases.${i}.familyName`]} onChange={(e) => setAlias(i, { familyName: e.currentTarget.value })} />
                  <NativeSelect
                    label={t('people.edit.aliasKind', { n: i + 1 })}
                    value={a.kind}
                    onChange={(e) => setAlias(i, { kind: e.currentTarget.value as NameKind })}
                    data={NAME_KINDS.map((k) => ({ value: k, label: kimLabels.nameKind(k) }))}
                  />
                  <Button variant="default" color="red" onClick={() => setAliases((list) => list.filter((_, j) => j !== i))}>
                    {t('people.edit.aliasRemove')}
                    <VisuallyHidden component="span"> ({t('people.edit.aliasRemoveWhich', { n: i + 1 })})</VisuallyHidden>
                  </Button>
                </Group>
              ))}
              <Group>
                <Button variant="default" disabled={aliases.length >= 10} onClick={() => setAliases((list) => [...list, { givenNames: '', familyName: '', kind: 'spelling' }])}>
                  {t('people.edit.aliasAdd')}
                </Button>
              </Group>
            </Stack>
          </fieldset>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id={ids('birthDate')} label={labels.birthDate} type="date" value={birthDate} error={errors.birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} />
            <NativeSelect
              id={ids('birthDatePrecision')}
              label={labels.birthDatePrecision}
              value={precision}
              error={errors.birthDatePrecision}
              onChange={(e) => setPrecision(e.currentTarget.value as BirthDatePrecision)}
              data={BIRTH_DATE_PRECISIONS.filter((p) => p !== 'unknown').map((p) => ({ value: p, label: kimLabels.birthDatePrecision(p) }))}
            />
            <TextInput id={ids('address.street')} label={labels['address.street']} value={street} error={errors['address.street']} onChange={(e) => setStreet(e.currentTarget.value)} />
            <TextInput id={ids('address.postalCode')} label={labels['address.postalCode']} value={postalCode} error={errors['address.postalCode']} onChange={(e) => setPostalCode(e.currentTarget.value)} />
            <TextInput
              id={ids('address.municipalityAgs')}
              label={labels['address.municipalityAgs']}
              description={person.address.municipalityName ? t('people.edit.agsCurrent', { name: person.address.municipalityName }) : t('people.edit.agsHint')}
              value={ags}
              error={errors['address.municipalityAgs']}
              onChange={(e) => setAgs(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('ui.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('people.edit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Search a person in scope by name (search before create), to link or merge. */
function PersonPicker({ label, excludeId, value, onChange }: { label: string; excludeId: string; value: string; onChange: (id: string, name: string) => void }) {
  const { t, formatDate } = useI18n();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const search = usePersonSearch(debounced);
  const options = (search.data?.items ?? []).map((m) => m.person).filter((p) => p.id !== excludeId);
  return (
    <Stack gap={4}>
      <TextInput label={label} description={t('people.picker.minLength')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      {debounced.trim().length >= 3 ? (
        <NativeSelect
          label={t('people.picker.found')}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value, e.currentTarget.selectedOptions[0]?.text ?? '')}
          data={[
            { value: '', label: t(search.isFetching ? 'people.picker.searching' : options.length ? 'kim.common.pleaseChoose' : 'people.picker.none') },
            ...options.map((p) => ({
              value: p.id,
              label: p.birthDate
                ? t('people.picker.optionBorn', { name: p.displayName, date: formatDate(p.birthDate), organisation: p.organisationName })
                : t('people.picker.option', { name: p.displayName, organisation: p.organisationName }),
            })),
          ]}
        />
      ) : null}
    </Stack>
  );
}

/** Haushalt and Familie: links to other persons in scope. */
export function RelationsSection({ person }: { person: Person }) {
  const t = useT();
  const kimLabels = useKimLabels();
  const queryClient = useQueryClient();
  const [related, setRelated] = useState('');
  const [kind, setKind] = useState<RelationKind>('household');
  const [role, setRole] = useState<FamilyRole | ''>('');
  const [pickerKey, setPickerKey] = useState(0);
  const done = (p: Person) => queryClient.setQueryData([...peopleKey, 'person', person.id], p);
  const add = useMutation({
    mutationFn: () => addRelation(person.id, { relatedPersonId: related, kind, ...(kind === 'family' && role ? { familyRole: role } : {}) }),
    onSuccess: (p) => {
      done(p);
      setRelated('');
      setPickerKey((k) => k + 1);
    },
  });
  const remove = useMutation({ mutationFn: (relationId: string) => removeRelation(person.id, relationId), onSuccess: done });
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-relations">
      <Stack gap="sm">
        <Title order={2} id="person-relations">
          {t('people.relations.title')}
        </Title>
        <Text size="sm">{t('people.relations.intro')}</Text>
        <DataTable
          caption={t('people.relations.caption')}
          rows={person.relations}
          rowKey={(r) => r.id}
          empty={t('people.relations.empty')}
          columns={[
            {
              key: 'person',
              header: t('kim.common.person'),
              rowHeader: true,
              render: (r) => (
                <Link to={`/personen/${r.person.id}`}>
                  <bdi>{r.person.displayName}</bdi>
                </Link>
              ),
            },
            {
              key: 'kind',
              header: t('people.relations.colKind'),
              render: (r) => (r.familyRole ? `${kimLabels.relationKind(r.kind)} (${kimLabels.familyRole(r.familyRole)})` : kimLabels.relationKind(r.kind)),
            },
            {
              key: 'actions',
              header: t('ui.actions'),
              render: (r) =>
                person.can.edit ? (
                  <Button size="xs" variant="default" color="red" loading={remove.isPending && remove.variables === r.id} onClick={() => remove.mutate(r.id)}>
                    {t('people.relations.remove')}
                    <VisuallyHidden component="span"> ({t('people.relations.removeWhich', { name: r.person.displayName })})</VisuallyHidden>
                  </Button>
                ) : null,
            },
          ]}
        />
        {person.can.edit ? (
          <Group align="flex-end" wrap="wrap">
            <PersonPicker key={pickerKey} label={t('people.relations.search')} excludeId={person.id} value={related} onChange={(id) => setRelated(id)} />
            <NativeSelect
              label={t('people.relations.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as RelationKind)}
              data={RELATION_KINDS.map((k) => ({ value: k, label: kimLabels.relationKind(k) }))}
            />
            {kind === 'family' ? (
              <NativeSelect
                label={t('people.relations.role')}
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as FamilyRole | '')}
                data={[{ value: '', label: t('people.relations.noRole') }, ...FAMILY_ROLES.map((r) => ({ value: r, label: kimLabels.familyRole(r) }))]}
              />
            ) : null}
            <Button variant="default" disabled={!related} loading={add.isPending} onClick={() => add.mutate()}>
              {t('people.relations.add')}
            </Button>
          </Group>
        ) : null}
        {add.isError ? <QueryError error={add.error} title={t('people.relations.addFailed')} /> : null}
        {remove.isError ? <QueryError error={remove.error} title={t('people.relations.removeFailed')} /> : null}
      </Stack>
    </Paper>
  );
}

function MergeActions({ m, onChanged }: { m: PersonMerge; onChanged: () => void }) {
  const t = useT();
  const decide = useMutation({ mutationFn: (d: 'approve' | 'reject') => decideMerge(m, d), onSuccess: onChanged });
  const undo = useMutation({ mutationFn: () => undoMerge(m), onSuccess: onChanged });
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        {m.can.decide ? (
          <>
            <Button size="xs" loading={decide.isPending && decide.variables === 'approve'} onClick={() => decide.mutate('approve')}>
              {t('people.approvals.approve')}
            </Button>
            <Button size="xs" variant="default" loading={decide.isPending && decide.variables === 'reject'} onClick={() => decide.mutate('reject')}>
              {t('people.approvals.reject')}
            </Button>
          </>
        ) : null}
        {m.can.undo ? (
          <Button size="xs" variant="default" loading={undo.isPending} onClick={() => undo.mutate()}>
            {t('people.merges.undo')}
          </Button>
        ) : null}
      </Group>
      {decide.isError ? <QueryError error={decide.error} title={t('people.approvals.notDecided')} /> : null}
      {undo.isError ? <QueryError error={undo.error} title={t('people.merges.undoFailed')} /> : null}
    </Stack>
  );
}

export function MergesTable({ merges, caption, onChanged }: { merges: PersonMerge[]; caption: string; onChanged: () => void }) {
  const { t, formatDateTime } = useI18n();
  const kimLabels = useKimLabels();
  return (
    <DataTable
      caption={caption}
      minWidth={640}
      rows={merges}
      rowKey={(m) => m.id}
      empty={t('people.merges.empty')}
      columns={[
        {
          key: 'what',
          header: t('people.merges.colWhat'),
          rowHeader: true,
          render: (m) => (
            <>
              <bdi>{m.source.displayName}</bdi> → <bdi>{m.target.displayName}</bdi>
            </>
          ),
        },
        { key: 'reason', header: t('people.approvals.reason'), render: (m) => m.reason },
        { key: 'by', header: t('people.approvals.requested'), render: (m) => `${m.requestedBy.displayName}, ${formatDateTime(m.requestedAt)}` },
        {
          key: 'status',
          header: t('kim.common.status'),
          render: (m) => (
            <Badge tt="none" variant="light" color={m.status === 'approved' ? 'green.9' : m.status === 'pending' ? 'blue' : 'gray'}>
              {kimLabels.mergeStatus(m.status)}
            </Badge>
          ),
        },
        { key: 'actions', header: t('ui.actions'), render: (m) => <MergeActions m={m} onChanged={onChanged} /> },
      ]}
    />
  );
}

function ErasureActions({ e, onChanged }: { e: ErasureRequest; onChanged: () => void }) {
  const t = useT();
  const decide = useMutation({ mutationFn: (d: 'approve' | 'reject') => decideErasure(e, d), onSuccess: onChanged });
  if (!e.can.decide) return null;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Button size="xs" color="red" loading={decide.isPending && decide.variables === 'approve'} onClick={() => decide.mutate('approve')}>
          {t('people.erasures.approve')}
        </Button>
        <Button size="xs" variant="default" loading={decide.isPending && decide.variables === 'reject'} onClick={() => decide.mutate('reject')}>
          {t('people.approvals.reject')}
        </Button>
      </Group>
      {decide.isError ? <QueryError error={decide.error} title={t('people.approvals.notDecided')} /> : null}
    </Stack>
  );
}

export function ErasuresTable({ requests, caption, onChanged }: { requests: ErasureRequest[]; caption: string; onChanged: () => void }) {
  const { t, formatDateTime } = useI18n();
  const kimLabels = useKimLabels();
  return (
    <DataTable
      caption={caption}
      minWidth={640}
      rows={requests}
      rowKey={(e) => e.id}
      empty={t('people.erasures.empty')}
      columns={[
        { key: 'person', header: t('kim.common.person'), rowHeader: true, render: (e) => <bdi>{e.personName}</bdi> },
        { key: 'reason', header: t('people.approvals.reason'), render: (e) => e.reason },
        { key: 'by', header: t('people.approvals.requested'), render: (e) => `${e.requestedBy.displayName}, ${formatDateTime(e.requestedAt)}` },
        { key: 'status', header: t('kim.common.status'), render: (e) => kimLabels.erasureStatus(e.status) },
        {
          key: 'notify',
          header: t('people.erasures.colNotify'),
          render: (e) =>
            e.notifyOrganisations
              .map((o) =>
                o.notifiedInApp === undefined
                  ? o.name
                  : `${o.name} (${t(o.notifiedInApp ? 'people.erasures.notifiedInApp' : 'people.erasures.notifyByLetter')})`,
              )
              .join(', ') || '–',
        },
        { key: 'actions', header: t('ui.actions'), render: (e) => <ErasureActions e={e} onChanged={onChanged} /> },
      ]}
    />
  );
}

/** Doppelung zusammenführen, Löschung (Art. 17), rechtliche Sperre: four-eyes requests of the person. */
export function LifecycleSection({ person }: { person: Person }) {
  const { t, tx, formatDateTime } = useI18n();
  const lifecycle = usePersonLifecycle(person.id);
  const queryClient = useQueryClient();
  const [duplicate, setDuplicate] = useState('');
  const [mergeReason, setMergeReason] = useState('');
  const [erasureReason, setErasureReason] = useState('');
  const [holdReason, setHoldReason] = useState('');
  const [pickerKey, setPickerKey] = useState(0);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...peopleKey] });
  const merge = useMutation({
    mutationFn: () => requestMerge(person.id, duplicate, mergeReason),
    onSuccess: () => {
      setDuplicate('');
      setMergeReason('');
      setPickerKey((k) => k + 1);
      refresh();
    },
  });
  const erase = useMutation({ mutationFn: () => requestErasure(person.id, erasureReason), onSuccess: () => (setErasureReason(''), refresh()) });
  const hold = useMutation({ mutationFn: () => setLegalHold(person.id, holdReason), onSuccess: () => (setHoldReason(''), refresh()) });
  const unhold = useMutation({ mutationFn: () => clearLegalHold(person.id), onSuccess: refresh });
  if (lifecycle.isPending) return <Loading />;
  if (lifecycle.isError) return <QueryError error={lifecycle.error} onRetry={() => void lifecycle.refetch()} />;
  const l = lifecycle.data;
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-lifecycle">
      <Stack gap="sm">
        <Title order={2} id="person-lifecycle">
          {t('people.lifecycle.title')}
        </Title>
        {l.mergedInto ? (
          <Alert color="yellow">
            {tx('people.lifecycle.mergedInto', { person: <Link to={`/personen/${l.mergedInto.id}`}>{l.mergedInto.displayName}</Link> })}
          </Alert>
        ) : null}
        {l.anonymisedAt ? <Alert color="gray">{t('people.lifecycle.anonymisedAt', { date: formatDateTime(l.anonymisedAt) })}</Alert> : null}
        {l.legalHold ? (
          <Alert color="orange" title={t('people.hold.title')}>
            {l.legalHold.setBy
              ? t('people.hold.activeBy', { reason: l.legalHold.reason, date: formatDateTime(l.legalHold.setAt), by: l.legalHold.setBy })
              : t('people.hold.active', { reason: l.legalHold.reason, date: formatDateTime(l.legalHold.setAt) })}
          </Alert>
        ) : null}
        <Text size="sm">{t('people.lifecycle.shareRecipients', { names: l.shareRecipients.map((o) => o.name).join(', ') || t('people.lifecycle.noShareRecipients') })}</Text>

        <Title order={3}>{t('people.merges.title')}</Title>
        <MergesTable merges={l.merges} caption={t('people.merges.caption')} onChanged={refresh} />
        {l.can.requestMerge ? (
          <Stack gap="xs">
            <Title order={4}>{t('people.merges.requestTitle')}</Title>
            <Text size="sm">{t('people.merges.requestHint')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PersonPicker key={pickerKey} label={t('people.merges.search')} excludeId={person.id} value={duplicate} onChange={(id) => setDuplicate(id)} />
              <Textarea label={t('people.approvals.reason')} value={mergeReason} onChange={(e) => setMergeReason(e.currentTarget.value)} autosize minRows={2} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" disabled={!duplicate || mergeReason.trim().length < 3} loading={merge.isPending} onClick={() => merge.mutate()}>
                {t('people.merges.request')}
              </Button>
            </Group>
            {merge.isError ? <QueryError error={merge.error} title={t('people.lifecycle.notRequested')} /> : null}
            {merge.isSuccess ? (
              <Alert color="green" role="status">
                {t('people.merges.requested')}
              </Alert>
            ) : null}
          </Stack>
        ) : null}

        <Title order={3}>{t('people.erasures.title')}</Title>
        <ErasuresTable requests={l.erasureRequests} caption={t('people.erasures.caption')} onChanged={refresh} />
        {l.can.requestErasure ? (
          <Stack gap="xs">
            <Text size="sm">{t('people.erasures.requestHint')}</Text>
            <Textarea label={t('people.erasures.reason')} value={erasureReason} onChange={(e) => setErasureReason(e.currentTarget.value)} autosize minRows={2} />
            <Group justify="flex-end">
              <Button variant="default" color="red" disabled={erasureReason.trim().length < 3} loading={erase.isPending} onClick={() => erase.mutate()}>
                {t('people.erasures.request')}
              </Button>
            </Group>
            {erase.isError ? <QueryError error={erase.error} title={t('people.lifecycle.notRequested')} /> : null}
          </Stack>
        ) : null}

        {l.can.setLegalHold ? (
          <Stack gap="xs">
            <Title order={3}>{t('people.hold.title')}</Title>
            {l.legalHold ? (
              <Group>
                <Button variant="default" loading={unhold.isPending} onClick={() => unhold.mutate()}>
                  {t('people.hold.clear')}
                </Button>
              </Group>
            ) : (
              <Group align="flex-end" wrap="wrap">
                <TextInput label={t('people.hold.reason')} value={holdReason} onChange={(e) => setHoldReason(e.currentTarget.value)} />
                <Button variant="default" disabled={holdReason.trim().length < 3} loading={hold.isPending} onClick={() => hold.mutate()}>
                  {t('people.hold.set')}
                </Button>
              </Group>
            )}
            {hold.isError ? <QueryError error={hold.error} title={t('kim.common.notSaved')} /> : null}
            {unhold.isError ? <QueryError error={unhold.error} title={t('kim.common.notSaved')} /> : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** For the KI-Leitung: merge and erasure requests waiting for the second pair of eyes. */
export function PendingApprovalsSection() {
  const t = useT();
  const pending = usePendingApprovals(true);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...peopleKey] });
  if (pending.isPending) return <Loading />;
  if (pending.isError) return <QueryError error={pending.error} onRetry={() => void pending.refetch()} />;
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="people-approvals">
      <Stack gap="sm">
        <Title order={2} id="people-approvals">
          {t('people.approvals.title')}
        </Title>
        <MergesTable merges={pending.data.merges} caption={t('people.approvals.merges')} onChanged={refresh} />
        <ErasuresTable requests={pending.data.erasures} caption={t('people.approvals.erasures')} onChanged={refresh} />
      </Stack>
    </Paper>
  );
}

function RetentionRuleForm({ rule }: { rule: RetentionRule }) {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [after, setAfter] = useState(String(rule.anonymiseAfterMonths));
  const [min, setMin] = useState(String(rule.minRetentionMonths));
  const save = useMutation({
    mutationFn: () => updateRetentionRule(rule.recordClass, rule.version, { anonymiseAfterMonths: Number(after), minRetentionMonths: Number(min) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['retention-rules'] }),
  });
  const errors = save.isError ? fieldErrorsOf(save.error) : {};
  return (
    <Stack gap="xs">
      <Text fw={500}>{rule.label}</Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('people.retention.anonymiseAfter')} type="number" min={1} max={600} value={after} error={errors.anonymiseAfterMonths} onChange={(e) => setAfter(e.currentTarget.value)} />
        <TextInput label={t('people.retention.minRetention')} type="number" min={0} max={600} value={min} error={errors.minRetentionMonths} onChange={(e) => setMin(e.currentTarget.value)} />
        <Button variant="default" loading={save.isPending} onClick={() => save.mutate()}>
          {t('people.retention.save')}
        </Button>
      </Group>
      <Text size="sm">
        {rule.isDefault ? t('people.retention.default') : t('people.retention.changedAt', { date: formatDateTime(rule.updatedAt) })} {t('people.retention.nightly')}
      </Text>
      {save.isError && !Object.keys(errors).length ? <QueryError error={save.error} title={t('kim.common.notSaved')} /> : null}
      {save.isSuccess ? (
        <Alert color="green" role="status">
          {t('people.retention.saved')}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** Aufbewahrungsregeln: when the nightly run anonymises, and how long records must be kept at least. */
export function RetentionRulesSection() {
  const t = useT();
  const rules = useRetentionRules(true);
  if (rules.isPending) return <Loading />;
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="retention-rules">
      <Stack gap="sm">
        <Title order={2} id="retention-rules">
          {t('people.retention.title')}
        </Title>
        {rules.data.map((r) => (
          <RetentionRuleForm key={`${r.recordClass}-${r.version}`} rule={r} />
        ))}
      </Stack>
    </Paper>
  );
}
