import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import {
  BENEFIT_SYSTEM_LABELS_DE,
  CONSENT_FORM_LANGUAGE_LABELS_DE,
  CONSENT_FORM_LANGUAGES,
  CONSENT_PURPOSE_LABELS_DE,
  CONSENT_PURPOSES,
  CONSENT_STATUS_LABELS_DE,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS_DE,
  LANGUAGE_LABELS_DE,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS_DE,
  NATIONALITY_LABELS_DE,
  REFERRING_BODIES,
  REFERRING_BODY_LABELS_DE,
  SEX_LABELS_DE,
  type Consent,
  type ConsentFormLanguage,
  type ConsentPurpose,
  type DataCategory,
  type LegalBasis,
  type Person,
  type ReferringBody,
} from '@teilhabe/shared';
import { API_BASE, newIdempotencyKey } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { DownloadIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { openCase } from '../cases/api';
import { birthDateText, dateDe, dateTimeDe, PhaseBadge, todayIso } from '../cases/common';
import { useOrganisations } from '../organisations/api';
import { DocumentsPanel } from '../../ui/DocumentsPanel';
import { addResidenceStatus, peopleKey, recordConsent, useConsents, usePerson, useResidenceCatalogue, withdrawConsent } from './api';
import { LifecycleSection, PersonEditSection, RelationsSection } from './PersonSections';

const PARTNER_KINDS = new Set(['jobcenter', 'agentur_fuer_arbeit', 'auslaenderbehoerde', 'jugendamt', 'sozialamt', 'schulamt', 'schule', 'kita', 'wohlfahrtsverband', 'traeger', 'beratungsstelle', 'sprachkurstraeger', 'migrantenorganisation', 'verein']);

function MasterData({ person }: { person: Person }) {
  const rows: [string, string][] = [
    ['Name', person.displayName],
    ['Name in Originalschrift', `${person.nativeGivenNames} ${person.nativeFamilyName}`.trim() || '–'],
    ['Weitere Namen', person.aliases.map((a) => `${a.givenNames} ${a.familyName}`).join(', ') || '–'],
    ['Geburtsdatum', birthDateText(person.birthDate, person.birthDatePrecision, person.birthDateIsPlaceholder)],
    ['Geschlecht', SEX_LABELS_DE[person.sex]],
    ['Staatsangehörigkeit', person.nationalities.map((n) => NATIONALITY_LABELS_DE[n] ?? n).join(', ') || '–'],
    ['Sprachen', person.languages.map((l) => `${LANGUAGE_LABELS_DE[l.code] ?? l.code}${l.interpreterNeeded ? ' (Sprachmittlung nötig)' : ''}`).join(', ') || '–'],
    ['Einreise / Zuzug in den Kreis', `${dateDe(person.entryGermanyDate)} / ${dateDe(person.entryKreisDate)}`],
    ['Wohnort', [person.address.street, `${person.address.postalCode} ${person.address.municipalityName ?? ''}`.trim()].filter(Boolean).join(', ') || '–'],
    ['Leistungsbezug', BENEFIT_SYSTEM_LABELS_DE[person.benefitSystem]],
    ['AZR-Nummer / BAMF-Aktenzeichen', `${person.identifiers.hasAzrNumber ? 'erfasst' : '–'} / ${person.identifiers.hasBamfFileNumber ? 'erfasst' : '–'}`],
    ['Registriert bei', person.organisationName],
  ];
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-master">
      <Title order={2} id="person-master" mb="sm">
        Stammdaten
      </Title>
      <Table>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th scope="row" w={260}>
                {k}
              </Table.Th>
              <Table.Td>
                <bdi dir="auto">{v}</bdi>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function ResidenceSection({ person }: { person: Person }) {
  const catalogue = useResidenceCatalogue();
  const queryClient = useQueryClient();
  const [statusCode, setStatusCode] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const add = useMutation({
    mutationFn: () => addResidenceStatus(person.id, { statusCode, validFrom: validFrom || null, validUntil: validUntil || null }),
    onSuccess: (p) => {
      queryClient.setQueryData([...peopleKey, 'person', person.id], p);
      setStatusCode('');
    },
  });
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-residence">
      <Stack gap="sm">
        <Title order={2} id="person-residence">
          Aufenthaltsstatus
        </Title>
        <DataTable
          caption="Aufenthaltsstatus (Historie)"
          minWidth={480}
          rows={person.residenceStatuses}
          rowKey={(s) => s.id}
          empty="Noch kein Aufenthaltsstatus erfasst."
          columns={[
            { key: 'label', header: 'Status', rowHeader: true, render: (s) => s.label },
            { key: 'from', header: 'gültig ab', render: (s) => dateDe(s.validFrom) },
            { key: 'until', header: 'gültig bis', render: (s) => dateDe(s.validUntil) },
            { key: 'current', header: 'aktuell', render: (s) => (s.current ? <Badge tt="none">aktuell</Badge> : '') },
          ]}
        />
        {person.can.edit && catalogue.data ? (
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label="Neuer Status"
              value={statusCode}
              onChange={(e) => setStatusCode(e.currentTarget.value)}
              data={[{ value: '', label: 'bitte wählen' }, ...catalogue.data.map((c) => ({ value: c.code, label: `${c.label}${c.legalBasis ? ` (${c.legalBasis})` : ''}` }))]}
              maw={420}
            />
            <TextInput label="gültig ab" type="date" value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} />
            <TextInput label="gültig bis" type="date" value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
            <Button variant="default" disabled={!statusCode} loading={add.isPending} onClick={() => add.mutate()}>
              Status eintragen
            </Button>
          </Group>
        ) : null}
        {add.isError ? <QueryError error={add.error} title="Nicht gespeichert" /> : null}
      </Stack>
    </Paper>
  );
}

function ConsentForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const organisations = useOrganisations();
  const queryClient = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [recipient, setRecipient] = useState('');
  const [purpose, setPurpose] = useState<ConsentPurpose>('labour_market');
  const [categories, setCategories] = useState<string[]>(['identity']);
  const [legalBasis, setLegalBasis] = useState<LegalBasis>('sgb10_67b');
  const [formLanguage, setFormLanguage] = useState<ConsentFormLanguage>('de');
  const [givenAt, setGivenAt] = useState(todayIso());
  const [validUntil, setValidUntil] = useState('');
  const [purposeNote, setPurposeNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const caseId = person.cases.find((c) => c.phase !== 'closed')?.id;
  const save = useMutation({
    mutationFn: () =>
      recordConsent(
        person.id,
        {
          recipientOrganisationId: recipient,
          caseId,
          purpose,
          purposeNote: purposeNote || undefined,
          categories: categories as DataCategory[],
          legalBasis,
          formLanguage,
          givenBy: 'self',
          givenAt,
          validUntil: validUntil || null,
        },
        key,
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...peopleKey, 'person', person.id] });
      onDone();
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const labels: Record<string, string> = {
    recipientOrganisationId: 'Empfängerstelle',
    purpose: 'Zweck',
    purposeNote: 'Zweck (Beschreibung)',
    categories: 'Datenkategorien',
    legalBasis: 'Rechtsgrundlage',
    givenAt: 'erteilt am',
    validUntil: 'gültig bis',
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!recipient) {
          setErrors({ recipientOrganisationId: 'Bitte die Empfängerstelle wählen.' });
          attempts.bump();
          return;
        }
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3}>Einwilligung erfassen</Title>
        <FormErrorSummary errors={errors} error={save.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            id={ids('recipientOrganisationId')}
            label={labels.recipientOrganisationId}
            required
            value={recipient}
            onChange={(e) => setRecipient(e.currentTarget.value)}
            error={errors.recipientOrganisationId}
            data={[
              { value: '', label: 'bitte wählen' },
              ...(organisations.data ?? []).filter((o) => PARTNER_KINDS.has(o.kind)).map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <NativeSelect id={ids('purpose')} label={labels.purpose} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value as ConsentPurpose)} data={CONSENT_PURPOSES.map((p) => ({ value: p, label: CONSENT_PURPOSE_LABELS_DE[p] }))} />
          <NativeSelect id={ids('legalBasis')} label={labels.legalBasis} value={legalBasis} error={errors.legalBasis} onChange={(e) => setLegalBasis(e.currentTarget.value as LegalBasis)} data={LEGAL_BASES.map((b) => ({ value: b, label: LEGAL_BASIS_LABELS_DE[b] }))} />
          <NativeSelect label="Sprache des Formulars" value={formLanguage} onChange={(e) => setFormLanguage(e.currentTarget.value as ConsentFormLanguage)} data={CONSENT_FORM_LANGUAGES.map((l) => ({ value: l, label: CONSENT_FORM_LANGUAGE_LABELS_DE[l] }))} />
          <TextInput id={ids('givenAt')} label={labels.givenAt} type="date" required value={givenAt} error={errors.givenAt} onChange={(e) => setGivenAt(e.currentTarget.value)} />
          <TextInput id={ids('validUntil')} label={labels.validUntil} type="date" value={validUntil} error={errors.validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
        </SimpleGrid>
        {purpose === 'other' ? <Textarea id={ids('purposeNote')} label={labels.purposeNote} value={purposeNote} error={errors.purposeNote} onChange={(e) => setPurposeNote(e.currentTarget.value)} /> : null}
        <Checkbox.Group id={ids('categories')} label={labels.categories} value={categories} onChange={setCategories} error={errors.categories}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
            {DATA_CATEGORIES.map((c) => (
              <Checkbox key={c} value={c} label={DATA_CATEGORY_LABELS_DE[c]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Text size="sm">Beratungsnotizen werden nie an Partnerstellen weitergegeben.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Abbrechen
          </Button>
          <Button type="submit" loading={save.isPending}>
            Einwilligung speichern
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ConsentsSection({ person }: { person: Person }) {
  const consents = useConsents(person.id);
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const withdraw = useMutation({
    mutationFn: (c: Consent) => withdrawConsent(c.id, c.version),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...peopleKey, 'person', person.id] }),
  });
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-consents">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} id="person-consents">
            Einwilligungen
          </Title>
          {person.can.manageConsents && !adding ? (
            <Button variant="default" onClick={() => setAdding(true)}>
              Einwilligung erfassen
            </Button>
          ) : null}
        </Group>
        {adding ? <ConsentForm person={person} onDone={() => setAdding(false)} /> : null}
        {consents.isPending ? (
          <Loading />
        ) : consents.isError ? (
          <QueryError error={consents.error} />
        ) : (
          <DataTable
            caption="Einwilligungen je Empfängerstelle"
            rows={consents.data}
            rowKey={(c) => c.id}
            empty="Keine Einwilligungen erfasst."
            columns={[
              { key: 'recipient', header: 'Empfängerstelle', rowHeader: true, render: (c) => c.recipientOrganisation.name },
              { key: 'purpose', header: 'Zweck', render: (c) => CONSENT_PURPOSE_LABELS_DE[c.purpose] },
              { key: 'cats', header: 'Kategorien', render: (c) => c.categories.map((k) => DATA_CATEGORY_LABELS_DE[k]).join(', ') },
              { key: 'valid', header: 'gültig', nowrap: true, render: (c) => `${dateDe(c.givenAt)} – ${c.validUntil ? dateDe(c.validUntil) : 'unbefristet'}` },
              {
                key: 'status',
                header: 'Status',
                render: (c) => (
                  <Badge color={c.status === 'active' ? 'green.9' : 'gray'} tt="none" variant="light">
                    {CONSENT_STATUS_LABELS_DE[c.status]}
                    {c.withdrawnAt ? ` am ${dateTimeDe(c.withdrawnAt)}` : ''}
                  </Badge>
                ),
              },
              {
                key: 'actions',
                header: 'Aktionen',
                render: (c) => (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" component="a" href={`${API_BASE}/consents/${c.id}/form.pdf`} download leftSection={<DownloadIcon size={14} />}>
                      Einwilligungsformular (PDF)<VisuallyHidden component="span"> für {c.recipientOrganisation.name}</VisuallyHidden>
                    </Button>
                    {c.can.withdraw ? (
                      <Button size="xs" variant="default" color="red" loading={withdraw.isPending && withdraw.variables?.id === c.id} onClick={() => withdraw.mutate(c)}>
                        Widerrufen<VisuallyHidden component="span"> (Einwilligung für {c.recipientOrganisation.name})</VisuallyHidden>
                      </Button>
                    ) : null}
                  </Group>
                ),
              },
            ]}
          />
        )}
        {withdraw.isError ? <QueryError error={withdraw.error} title="Widerruf nicht gespeichert" /> : null}
      </Stack>
    </Paper>
  );
}

function OpenCaseForm({ person }: { person: Person }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [referringBody, setReferringBody] = useState<ReferringBody>('self');
  const [firstConcern, setFirstConcern] = useState('');
  const open = useMutation({
    mutationFn: () => openCase({ personId: person.id, referringBody, firstConcern: firstConcern || undefined }, key),
    onSuccess: async (c) => {
      await queryClient.invalidateQueries({ queryKey: peopleKey });
      void navigate(`/faelle/${c.id}`);
    },
  });
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-open-case">
      <Stack gap="sm">
        <Title order={2} id="person-open-case">
          Fall eröffnen
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label="Zugang über" value={referringBody} onChange={(e) => setReferringBody(e.currentTarget.value as ReferringBody)} data={REFERRING_BODIES.map((b) => ({ value: b, label: REFERRING_BODY_LABELS_DE[b] }))} />
          <Textarea label="Erstes Anliegen" value={firstConcern} onChange={(e) => setFirstConcern(e.currentTarget.value)} autosize minRows={1} />
        </SimpleGrid>
        {open.isError ? <QueryError error={open.error} title="Fall nicht eröffnet" /> : null}
        <Group justify="flex-end">
          <Button loading={open.isPending} onClick={() => open.mutate()}>
            Fall eröffnen
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One person: master data, residence status history, cases, consents, Art. 15 export. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  const [editing, setEditing] = useState(false);
  if (person.isPending) return <Loading />;
  if (person.isError) return <QueryError error={person.error} onRetry={() => void person.refetch()} />;
  const p = person.data;
  const hasOpenCase = p.cases.some((c) => c.phase !== 'closed');
  return (
    <Page
      title={p.displayName}
      heading={<bdi>{p.displayName}</bdi>}
      description={`${`${p.nativeGivenNames} ${p.nativeFamilyName}`.trim() ? `${p.nativeGivenNames} ${p.nativeFamilyName} · ` : ''}geb. ${birthDateText(p.birthDate, p.birthDatePrecision, p.birthDateIsPlaceholder)}`}
      actions={
        p.can.export || p.can.edit ? (
          <>
            {p.can.edit && !editing ? (
              <Button variant="default" onClick={() => setEditing(true)}>
                Stammdaten bearbeiten
              </Button>
            ) : null}
            {p.can.export ? (
              <>
                <Button component="a" variant="default" href={`${API_BASE}/people/${p.id}/export.pdf`} download leftSection={<DownloadIcon size={18} />}>
                  Auskunft Art. 15 (PDF)
                </Button>
                <Button component="a" variant="default" href={`${API_BASE}/people/${p.id}/export.json`} download leftSection={<DownloadIcon size={18} />}>
                  Auskunft Art. 15 (JSON)
                </Button>
              </>
            ) : null}
          </>
        ) : null
      }
    >
      <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-cases">
        <Stack gap="sm">
          <Title order={2} id="person-cases">
            Fälle
          </Title>
          {p.cases.length === 0 ? <Text>Noch kein Fall.</Text> : null}
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {p.cases.map((c) => (
              <li key={c.id}>
                <Group gap="sm">
                  <Anchor component={Link} to={`/faelle/${c.id}`}>
                    Fall {c.caseNumber}
                  </Anchor>
                  <PhaseBadge phase={c.phase as never} />
                  <Text size="sm">{c.organisationName}</Text>
                </Group>
              </li>
            ))}
          </Stack>
          {hasOpenCase ? null : p.can.openCase ? null : <Alert color="gray">Sie können für diese Person keinen Fall eröffnen.</Alert>}
        </Stack>
      </Paper>
      {p.can.openCase && !hasOpenCase ? <OpenCaseForm person={p} /> : null}
      {editing ? <PersonEditSection key={p.version} person={p} onDone={() => setEditing(false)} /> : <MasterData person={p} />}
      <RelationsSection person={p} />
      <ResidenceSection person={p} />
      <ConsentsSection person={p} />
      <DocumentsPanel base={`/people/${p.id}`} title="Dokumente zur Person" />
      <LifecycleSection person={p} />
    </Page>
  );
}
