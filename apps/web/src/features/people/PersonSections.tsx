import { useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  BIRTH_DATE_PRECISION_LABELS_DE,
  BIRTH_DATE_PRECISIONS,
  FAMILY_ROLE_LABELS_DE,
  FAMILY_ROLES,
  MERGE_STATUS_LABELS_DE,
  NAME_KIND_LABELS_DE,
  NAME_KINDS,
  RELATION_KIND_LABELS_DE,
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
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { dateDe, dateTimeDe } from '../cases/common';
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
    givenNames: 'Vorname(n) (lateinisch)',
    familyName: 'Familienname (lateinisch)',
    nativeGivenNames: 'Vorname(n) in Originalschrift',
    nativeFamilyName: 'Familienname in Originalschrift',
    aliases: 'Weitere Namen',
    birthDate: 'Geburtsdatum',
    birthDatePrecision: 'Genauigkeit des Geburtsdatums',
    'address.street': 'Straße und Hausnummer',
    'address.postalCode': 'Postleitzahl',
    'address.municipalityAgs': 'Gemeindeschlüssel (AGS)',
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
            Stammdaten bearbeiten (Berichtigung)
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
                Weitere Namen (Schreibweisen, Aliasnamen, Geburtsname)
              </Text>
            </legend>
            <Stack gap="xs">
              {aliases.map((a, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <TextInput label={`Vorname(n) ${i + 1}`} dir="auto" value={a.givenNames} error={errors[`aliases.${i}.givenNames`]} onChange={(e) => setAlias(i, { givenNames: e.currentTarget.value })} />
                  <TextInput label={`Familienname ${i + 1}`} dir="auto" value={a.familyName} error={errors[`aliases.${i}.familyName`]} onChange={(e) => setAlias(i, { familyName: e.currentTarget.value })} />
                  <NativeSelect label={`Art ${i + 1}`} value={a.kind} onChange={(e) => setAlias(i, { kind: e.currentTarget.value as NameKind })} data={NAME_KINDS.map((k) => ({ value: k, label: NAME_KIND_LABELS_DE[k] }))} />
                  <Button variant="default" color="red" onClick={() => setAliases((list) => list.filter((_, j) => j !== i))}>
                    Entfernen<VisuallyHidden component="span"> (weiterer Name {i + 1})</VisuallyHidden>
                  </Button>
                </Group>
              ))}
              <Group>
                <Button variant="default" disabled={aliases.length >= 10} onClick={() => setAliases((list) => [...list, { givenNames: '', familyName: '', kind: 'spelling' }])}>
                  Weiteren Namen hinzufügen
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
              data={BIRTH_DATE_PRECISIONS.filter((p) => p !== 'unknown').map((p) => ({ value: p, label: BIRTH_DATE_PRECISION_LABELS_DE[p] }))}
            />
            <TextInput id={ids('address.street')} label={labels['address.street']} value={street} error={errors['address.street']} onChange={(e) => setStreet(e.currentTarget.value)} />
            <TextInput id={ids('address.postalCode')} label={labels['address.postalCode']} value={postalCode} error={errors['address.postalCode']} onChange={(e) => setPostalCode(e.currentTarget.value)} />
            <TextInput
              id={ids('address.municipalityAgs')}
              label={labels['address.municipalityAgs']}
              description={person.address.municipalityName ? `derzeit: ${person.address.municipalityName}` : 'achtstellig, z. B. 05382068'}
              value={ags}
              error={errors['address.municipalityAgs']}
              onChange={(e) => setAgs(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Abbrechen
            </Button>
            <Button type="submit" loading={save.isPending}>
              Änderungen speichern
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Search a person in scope by name (search before create), to link or merge. */
function PersonPicker({ label, excludeId, value, onChange }: { label: string; excludeId: string; value: string; onChange: (id: string, name: string) => void }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const search = usePersonSearch(debounced);
  const options = (search.data?.items ?? []).map((m) => m.person).filter((p) => p.id !== excludeId);
  return (
    <Stack gap={4}>
      <TextInput label={label} description="mindestens 3 Zeichen" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      {debounced.trim().length >= 3 ? (
        <NativeSelect
          label="Gefundene Person"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value, e.currentTarget.selectedOptions[0]?.text ?? '')}
          data={[
            { value: '', label: search.isFetching ? 'Suche …' : options.length ? 'bitte wählen' : 'keine Person gefunden' },
            ...options.map((p) => ({ value: p.id, label: `${p.displayName}${p.birthDate ? `, geb. ${dateDe(p.birthDate)}` : ''} (${p.organisationName})` })),
          ]}
        />
      ) : null}
    </Stack>
  );
}

/** Haushalt and Familie: links to other persons in scope. */
export function RelationsSection({ person }: { person: Person }) {
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
          Haushalt und Familie
        </Title>
        <Text size="sm">Haushalt (wer zusammen wohnt) und Familie (Verwandtschaft) sind getrennte Angaben.</Text>
        <DataTable
          caption="Verknüpfte Personen"
          rows={person.relations}
          rowKey={(r) => r.id}
          empty="Keine verknüpften Personen."
          columns={[
            {
              key: 'person',
              header: 'Person',
              rowHeader: true,
              render: (r) => (
                <Link to={`/personen/${r.person.id}`}>
                  <bdi>{r.person.displayName}</bdi>
                </Link>
              ),
            },
            { key: 'kind', header: 'Art', render: (r) => `${RELATION_KIND_LABELS_DE[r.kind]}${r.familyRole ? ` (${FAMILY_ROLE_LABELS_DE[r.familyRole]})` : ''}` },
            {
              key: 'actions',
              header: 'Aktionen',
              render: (r) =>
                person.can.edit ? (
                  <Button size="xs" variant="default" color="red" loading={remove.isPending && remove.variables === r.id} onClick={() => remove.mutate(r.id)}>
                    Lösen<VisuallyHidden component="span"> (Verknüpfung mit {r.person.displayName})</VisuallyHidden>
                  </Button>
                ) : null,
            },
          ]}
        />
        {person.can.edit ? (
          <Group align="flex-end" wrap="wrap">
            <PersonPicker key={pickerKey} label="Person suchen (Name)" excludeId={person.id} value={related} onChange={(id) => setRelated(id)} />
            <NativeSelect label="Art der Verknüpfung" value={kind} onChange={(e) => setKind(e.currentTarget.value as RelationKind)} data={RELATION_KINDS.map((k) => ({ value: k, label: RELATION_KIND_LABELS_DE[k] }))} />
            {kind === 'family' ? (
              <NativeSelect
                label="Rolle in der Familie"
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as FamilyRole | '')}
                data={[{ value: '', label: 'keine Angabe' }, ...FAMILY_ROLES.map((r) => ({ value: r, label: FAMILY_ROLE_LABELS_DE[r] }))]}
              />
            ) : null}
            <Button variant="default" disabled={!related} loading={add.isPending} onClick={() => add.mutate()}>
              Verknüpfen
            </Button>
          </Group>
        ) : null}
        {add.isError ? <QueryError error={add.error} title="Nicht verknüpft" /> : null}
        {remove.isError ? <QueryError error={remove.error} title="Nicht gelöst" /> : null}
      </Stack>
    </Paper>
  );
}

function MergeActions({ m, onChanged }: { m: PersonMerge; onChanged: () => void }) {
  const decide = useMutation({ mutationFn: (d: 'approve' | 'reject') => decideMerge(m, d), onSuccess: onChanged });
  const undo = useMutation({ mutationFn: () => undoMerge(m), onSuccess: onChanged });
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        {m.can.decide ? (
          <>
            <Button size="xs" loading={decide.isPending && decide.variables === 'approve'} onClick={() => decide.mutate('approve')}>
              Freigeben
            </Button>
            <Button size="xs" variant="default" loading={decide.isPending && decide.variables === 'reject'} onClick={() => decide.mutate('reject')}>
              Ablehnen
            </Button>
          </>
        ) : null}
        {m.can.undo ? (
          <Button size="xs" variant="default" loading={undo.isPending} onClick={() => undo.mutate()}>
            Rückgängig machen
          </Button>
        ) : null}
      </Group>
      {decide.isError ? <QueryError error={decide.error} title="Nicht entschieden" /> : null}
      {undo.isError ? <QueryError error={undo.error} title="Nicht rückgängig gemacht" /> : null}
    </Stack>
  );
}

export function MergesTable({ merges, caption, onChanged }: { merges: PersonMerge[]; caption: string; onChanged: () => void }) {
  return (
    <DataTable
      caption={caption}
      minWidth={640}
      rows={merges}
      rowKey={(m) => m.id}
      empty="Keine Zusammenführungen."
      columns={[
        {
          key: 'what',
          header: 'Doppelung → bleibt',
          rowHeader: true,
          render: (m) => (
            <>
              <bdi>{m.source.displayName}</bdi> → <bdi>{m.target.displayName}</bdi>
            </>
          ),
        },
        { key: 'reason', header: 'Begründung', render: (m) => m.reason },
        { key: 'by', header: 'beantragt', render: (m) => `${m.requestedBy.displayName}, ${dateTimeDe(m.requestedAt)}` },
        {
          key: 'status',
          header: 'Status',
          render: (m) => (
            <Badge tt="none" variant="light" color={m.status === 'approved' ? 'green.9' : m.status === 'pending' ? 'blue' : 'gray'}>
              {MERGE_STATUS_LABELS_DE[m.status]}
            </Badge>
          ),
        },
        { key: 'actions', header: 'Aktionen', render: (m) => <MergeActions m={m} onChanged={onChanged} /> },
      ]}
    />
  );
}

function ErasureActions({ e, onChanged }: { e: ErasureRequest; onChanged: () => void }) {
  const decide = useMutation({ mutationFn: (d: 'approve' | 'reject') => decideErasure(e, d), onSuccess: onChanged });
  if (!e.can.decide) return null;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Button size="xs" color="red" loading={decide.isPending && decide.variables === 'approve'} onClick={() => decide.mutate('approve')}>
          Freigeben und anonymisieren
        </Button>
        <Button size="xs" variant="default" loading={decide.isPending && decide.variables === 'reject'} onClick={() => decide.mutate('reject')}>
          Ablehnen
        </Button>
      </Group>
      {decide.isError ? <QueryError error={decide.error} title="Nicht entschieden" /> : null}
    </Stack>
  );
}

export function ErasuresTable({ requests, caption, onChanged }: { requests: ErasureRequest[]; caption: string; onChanged: () => void }) {
  return (
    <DataTable
      caption={caption}
      minWidth={640}
      rows={requests}
      rowKey={(e) => e.id}
      empty="Keine Löschanträge."
      columns={[
        { key: 'person', header: 'Person', rowHeader: true, render: (e) => <bdi>{e.personName}</bdi> },
        { key: 'reason', header: 'Begründung', render: (e) => e.reason },
        { key: 'by', header: 'beantragt', render: (e) => `${e.requestedBy.displayName}, ${dateTimeDe(e.requestedAt)}` },
        { key: 'status', header: 'Status', render: (e) => ({ pending: 'wartet auf Freigabe', approved: 'anonymisiert', rejected: 'abgelehnt' })[e.status] },
        {
          key: 'notify',
          header: 'Empfänger (Art. 19)',
          render: (e) =>
            e.notifyOrganisations
              .map((o) =>
                o.notifiedInApp === undefined ? o.name : `${o.name} (${o.notifiedInApp ? 'in Teilhabe benachrichtigt' : 'bitte per Brief/E-Mail benachrichtigen'})`,
              )
              .join(', ') || '–',
        },
        { key: 'actions', header: 'Aktionen', render: (e) => <ErasureActions e={e} onChanged={onChanged} /> },
      ]}
    />
  );
}

/** Doppelung zusammenführen, Löschung (Art. 17), rechtliche Sperre: four-eyes requests of the person. */
export function LifecycleSection({ person }: { person: Person }) {
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
          Doppelungen, Löschung und Sperre
        </Title>
        {l.mergedInto ? (
          <Alert color="yellow">
            Diese Person wurde zusammengeführt in <Link to={`/personen/${l.mergedInto.id}`}>{l.mergedInto.displayName}</Link>.
          </Alert>
        ) : null}
        {l.anonymisedAt ? <Alert color="gray">Anonymisiert am {dateTimeDe(l.anonymisedAt)}.</Alert> : null}
        {l.legalHold ? (
          <Alert color="orange" title="Rechtliche Sperre">
            {l.legalHold.reason} (seit {dateTimeDe(l.legalHold.setAt)}{l.legalHold.setBy ? `, ${l.legalHold.setBy}` : ''}). Solange sie gilt, wird nichts anonymisiert.
          </Alert>
        ) : null}
        <Text size="sm">
          Empfänger früherer Weitergaben (bei Berichtigung oder Löschung zu benachrichtigen): {l.shareRecipients.map((o) => o.name).join(', ') || 'keine'}
        </Text>

        <Title order={3}>Zusammenführungen</Title>
        <MergesTable merges={l.merges} caption="Zusammenführungen dieser Person" onChanged={refresh} />
        {l.can.requestMerge ? (
          <Stack gap="xs">
            <Title order={4}>Doppelung zusammenführen</Title>
            <Text size="sm">Die gefundene Person wird in diese Person zusammengeführt: Fälle, Einwilligungen, Vermittlungen und Dokumente gehen hierher. Eine KI-Leitung gibt frei; die Zusammenführung lässt sich rückgängig machen.</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PersonPicker key={pickerKey} label="Doppelung suchen (Name)" excludeId={person.id} value={duplicate} onChange={(id) => setDuplicate(id)} />
              <Textarea label="Begründung" value={mergeReason} onChange={(e) => setMergeReason(e.currentTarget.value)} autosize minRows={2} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" disabled={!duplicate || mergeReason.trim().length < 3} loading={merge.isPending} onClick={() => merge.mutate()}>
                Zusammenführung beantragen
              </Button>
            </Group>
            {merge.isError ? <QueryError error={merge.error} title="Nicht beantragt" /> : null}
            {merge.isSuccess ? <Alert color="green" role="status">Antrag gestellt. Eine KI-Leitung muss ihn freigeben.</Alert> : null}
          </Stack>
        ) : null}

        <Title order={3}>Löschung (Art. 17 DSGVO)</Title>
        <ErasuresTable requests={l.erasureRequests} caption="Löschanträge dieser Person" onChanged={refresh} />
        {l.can.requestErasure ? (
          <Stack gap="xs">
            <Text size="sm">Bei Freigabe durch eine KI-Leitung werden Namen, Geburtstag und -monat, Anschrift (außer Gemeinde), Kennnummern, Notizen und Dokumente entfernt; Zählungen für Auswertungen bleiben erhalten.</Text>
            <Textarea label="Begründung des Löschantrags" value={erasureReason} onChange={(e) => setErasureReason(e.currentTarget.value)} autosize minRows={2} />
            <Group justify="flex-end">
              <Button variant="default" color="red" disabled={erasureReason.trim().length < 3} loading={erase.isPending} onClick={() => erase.mutate()}>
                Löschung beantragen
              </Button>
            </Group>
            {erase.isError ? <QueryError error={erase.error} title="Nicht beantragt" /> : null}
          </Stack>
        ) : null}

        {l.can.setLegalHold ? (
          <Stack gap="xs">
            <Title order={3}>Rechtliche Sperre</Title>
            {l.legalHold ? (
              <Group>
                <Button variant="default" loading={unhold.isPending} onClick={() => unhold.mutate()}>
                  Sperre aufheben
                </Button>
              </Group>
            ) : (
              <Group align="flex-end" wrap="wrap">
                <TextInput label="Grund der Sperre" value={holdReason} onChange={(e) => setHoldReason(e.currentTarget.value)} />
                <Button variant="default" disabled={holdReason.trim().length < 3} loading={hold.isPending} onClick={() => hold.mutate()}>
                  Sperre setzen
                </Button>
              </Group>
            )}
            {hold.isError ? <QueryError error={hold.error} title="Nicht gespeichert" /> : null}
            {unhold.isError ? <QueryError error={unhold.error} title="Nicht gespeichert" /> : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** For the KI-Leitung: merge and erasure requests waiting for the second pair of eyes. */
export function PendingApprovalsSection() {
  const pending = usePendingApprovals(true);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...peopleKey] });
  if (pending.isPending) return <Loading />;
  if (pending.isError) return <QueryError error={pending.error} onRetry={() => void pending.refetch()} />;
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="people-approvals">
      <Stack gap="sm">
        <Title order={2} id="people-approvals">
          Freigaben (Vier-Augen-Prinzip)
        </Title>
        <MergesTable merges={pending.data.merges} caption="Offene Anträge auf Zusammenführung" onChanged={refresh} />
        <ErasuresTable requests={pending.data.erasures} caption="Offene Löschanträge" onChanged={refresh} />
      </Stack>
    </Paper>
  );
}

function RetentionRuleForm({ rule }: { rule: RetentionRule }) {
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
        <TextInput label="Anonymisieren nach (Monaten)" type="number" min={1} max={600} value={after} error={errors.anonymiseAfterMonths} onChange={(e) => setAfter(e.currentTarget.value)} />
        <TextInput label="Löschung frühestens nach (Monaten)" type="number" min={0} max={600} value={min} error={errors.minRetentionMonths} onChange={(e) => setMin(e.currentTarget.value)} />
        <Button variant="default" loading={save.isPending} onClick={() => save.mutate()}>
          Regel speichern
        </Button>
      </Group>
      <Text size="sm">{rule.isDefault ? 'Es gilt die Vorgabe.' : `Zuletzt geändert am ${rule.updatedAt ? dateTimeDe(rule.updatedAt) : '–'}.`} Die Anonymisierung läuft jede Nacht; Personen mit rechtlicher Sperre oder offenem Fall bleiben unberührt.</Text>
      {save.isError && !Object.keys(errors).length ? <QueryError error={save.error} title="Nicht gespeichert" /> : null}
      {save.isSuccess ? <Alert color="green" role="status">Gespeichert.</Alert> : null}
    </Stack>
  );
}

/** Aufbewahrungsregeln: when the nightly run anonymises, and how long records must be kept at least. */
export function RetentionRulesSection() {
  const rules = useRetentionRules(true);
  if (rules.isPending) return <Loading />;
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="retention-rules">
      <Stack gap="sm">
        <Title order={2} id="retention-rules">
          Aufbewahrungsregeln
        </Title>
        {rules.data.map((r) => (
          <RetentionRuleForm key={`${r.recordClass}-${r.version}`} rule={r} />
        ))}
      </Stack>
    </Paper>
  );
}
