import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import {
  CONSENT_FORM_LANGUAGES,
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  minimalCategoriesFor,
  LEGAL_BASES,
  REFERRING_BODIES,
  type Consent,
  type ConsentFormLanguage,
  type ConsentPurpose,
  type DataCategory,
  type LegalBasis,
  type Person,
  type ReferringBody,
} from '@teilhabe/shared';
import { API_BASE, newIdempotencyKey } from '../../api/client';
import { useI18n, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { DownloadIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { openCase } from '../cases/api';
import { PhaseBadge, todayIso } from '../cases/common';
import { useKimLabels } from '../cases/labels';
import { useOrganisations } from '../organisations/api';
import { DocumentsPanel } from '../../ui/DocumentsPanel';
import { addResidenceStatus, peopleKey, recordConsent, useConsents, usePerson, useResidenceCatalogue, withdrawConsent } from './api';
import { LifecycleSection, PersonEditSection, RelationsSection } from './PersonSections';

const PARTNER_KINDS = new Set(['jobcenter', 'agentur_fuer_arbeit', 'auslaenderbehoerde', 'jugendamt', 'sozialamt', 'schulamt', 'schule', 'kita', 'wohlfahrtsverband', 'traeger', 'beratungsstelle', 'sprachkurstraeger', 'migrantenorganisation', 'verein']);

function MasterData({ person }: { person: Person }) {
  const { t, formatDate } = useI18n();
  const kimLabels = useKimLabels();
  const recorded = (has: boolean) => (has ? t('people.master.recorded') : '–');
  const rows: [string, string][] = [
    [t('kim.person.name'), person.displayName],
    [t('kim.person.nativeName'), `${person.nativeGivenNames} ${person.nativeFamilyName}`.trim() || '–'],
    [t('kim.person.aliases'), person.aliases.map((a) => `${a.givenNames} ${a.familyName}`).join(', ') || '–'],
    [t('kim.person.birthDate'), kimLabels.birthDate(person.birthDate, person.birthDatePrecision, person.birthDateIsPlaceholder)],
    [t('kim.person.sex'), kimLabels.sex(person.sex)],
    [t('people.master.nationality'), person.nationalities.map((n) => kimLabels.nationality(n)).join(', ') || '–'],
    [
      t('kim.person.languages'),
      person.languages
        .map((l) => (l.interpreterNeeded ? t('kim.person.interpreterNeeded', { language: kimLabels.language(l.code) }) : kimLabels.language(l.code)))
        .join(', ') || '–',
    ],
    [t('people.master.entry'), `${formatDate(person.entryGermanyDate)} / ${formatDate(person.entryKreisDate)}`],
    [t('people.master.residence'), [person.address.street, `${person.address.postalCode} ${person.address.municipalityName ?? ''}`.trim()].filter(Boolean).join(', ') || '–'],
    [t('kim.person.benefits'), kimLabels.benefitSystem(person.benefitSystem)],
    [t('people.master.identifiers'), `${recorded(person.identifiers.hasAzrNumber)} / ${recorded(person.identifiers.hasBamfFileNumber)}`],
    [t('people.master.registeredAt'), person.organisationName],
  ];
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby="person-master">
      <Title order={2} id="person-master" mb="sm">
        {t('people.master.title')}
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
  const { t, formatDate } = useI18n();
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
          {t('kim.person.residence')}
        </Title>
        <DataTable
          caption={t('people.residence.caption')}
          minWidth={480}
          rows={person.residenceStatuses}
          rowKey={(s) => s.id}
          empty={t('people.residence.empty')}
          columns={[
            { key: 'label', header: t('kim.common.status'), rowHeader: true, render: (s) => s.label },
            { key: 'from', header: t('people.residence.validFrom'), render: (s) => formatDate(s.validFrom) },
            { key: 'until', header: t('people.residence.validUntil'), render: (s) => formatDate(s.validUntil) },
            { key: 'current', header: t('people.residence.current'), render: (s) => (s.current ? <Badge tt="none">{t('people.residence.current')}</Badge> : '') },
          ]}
        />
        {person.can.edit && catalogue.data ? (
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('people.residence.new')}
              value={statusCode}
              onChange={(e) => setStatusCode(e.currentTarget.value)}
              data={[{ value: '', label: t('kim.common.pleaseChoose') }, ...catalogue.data.map((c) => ({ value: c.code, label: `${c.label}${c.legalBasis ? ` (${c.legalBasis})` : ''}` }))]}
              maw={420}
            />
            <TextInput label={t('people.residence.validFrom')} type="date" value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} />
            <TextInput label={t('people.residence.validUntil')} type="date" value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
            <Button variant="default" disabled={!statusCode} loading={add.isPending} onClick={() => add.mutate()}>
              {t('people.residence.add')}
            </Button>
          </Group>
        ) : null}
        {add.isError ? <QueryError error={add.error} title={t('kim.common.notSaved')} /> : null}
      </Stack>
    </Paper>
  );
}

function ConsentForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const t = useT();
  const kimLabels = useKimLabels();
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
    recipientOrganisationId: t('people.consents.recipient'),
    purpose: t('people.consents.purpose'),
    purposeNote: t('people.consents.purposeNote'),
    categories: t('people.consents.categories'),
    legalBasis: t('people.consents.legalBasis'),
    givenAt: t('people.consents.givenAt'),
    validUntil: t('people.residence.validUntil'),
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!recipient) {
          setErrors({ recipientOrganisationId: t('people.consents.recipientRequired') });
          attempts.bump();
          return;
        }
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3}>{t('people.consents.add')}</Title>
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
              { value: '', label: t('kim.common.pleaseChoose') },
              ...(organisations.data ?? []).filter((o) => PARTNER_KINDS.has(o.kind)).map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <NativeSelect id={ids('purpose')} label={labels.purpose} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value as ConsentPurpose)} data={CONSENT_PURPOSES.map((p) => ({ value: p, label: kimLabels.consentPurpose(p) }))} />
          <NativeSelect id={ids('legalBasis')} label={labels.legalBasis} value={legalBasis} error={errors.legalBasis} onChange={(e) => setLegalBasis(e.currentTarget.value as LegalBasis)} data={LEGAL_BASES.map((b) => ({ value: b, label: kimLabels.legalBasis(b) }))} />
          <NativeSelect
            label={t('people.consents.formLanguage')}
            value={formLanguage}
            onChange={(e) => setFormLanguage(e.currentTarget.value as ConsentFormLanguage)}
            data={CONSENT_FORM_LANGUAGES.map((l) => ({ value: l, label: kimLabels.consentFormLanguage(l) }))}
          />
          <TextInput id={ids('givenAt')} label={labels.givenAt} type="date" required value={givenAt} error={errors.givenAt} onChange={(e) => setGivenAt(e.currentTarget.value)} />
          <TextInput id={ids('validUntil')} label={labels.validUntil} type="date" value={validUntil} error={errors.validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
        </SimpleGrid>
        {purpose === 'other' ? <Textarea id={ids('purposeNote')} label={labels.purposeNote} value={purposeNote} error={errors.purposeNote} onChange={(e) => setPurposeNote(e.currentTarget.value)} /> : null}
        <Checkbox.Group id={ids('categories')} label={labels.categories} value={categories} onChange={setCategories} error={errors.categories}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
            {DATA_CATEGORIES.map((c) => (
              <Checkbox key={c} value={c} label={kimLabels.dataCategory(c)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <MinimisationHint recipientKind={(organisations.data ?? []).find((o) => o.id === recipient)?.kind} categories={categories} />
        <Text size="sm">{t('people.consents.notesHint')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('ui.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('people.consents.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Data minimisation: the categories ticked that the chosen recipient's kind of agency is never shown (the partner
 * view releases only its minimal data set), so the case manager can leave them out of the consent.
 */
export function MinimisationHint({ recipientKind, categories }: { recipientKind: string | undefined; categories: string[] }) {
  const { t } = useI18n();
  const kimLabels = useKimLabels();
  if (!recipientKind) return null;
  const needed = new Set<string>(minimalCategoriesFor(recipientKind));
  const unneeded = DATA_CATEGORIES.filter((c) => categories.includes(c) && !needed.has(c));
  if (!unneeded.length) return null;
  return (
    <Text size="sm" role="status">
      {t('people.consents.notNeeded', { list: unneeded.map((c) => kimLabels.dataCategory(c)).join(', ') })}
    </Text>
  );
}

function ConsentsSection({ person }: { person: Person }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const kimLabels = useKimLabels();
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
            {t('people.consents.title')}
          </Title>
          {person.can.manageConsents && !adding ? (
            <Button variant="default" onClick={() => setAdding(true)}>
              {t('people.consents.add')}
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
            caption={t('people.consents.caption')}
            rows={consents.data}
            rowKey={(c) => c.id}
            empty={t('people.consents.empty')}
            columns={[
              { key: 'recipient', header: t('people.consents.recipient'), rowHeader: true, render: (c) => c.recipientOrganisation.name },
              { key: 'purpose', header: t('people.consents.purpose'), render: (c) => kimLabels.consentPurpose(c.purpose) },
              { key: 'cats', header: t('people.consents.colCategories'), render: (c) => c.categories.map((k) => kimLabels.dataCategory(k)).join(', ') },
              {
                key: 'valid',
                header: t('people.consents.colValid'),
                nowrap: true,
                render: (c) => `${formatDate(c.givenAt)} – ${c.validUntil ? formatDate(c.validUntil) : t('people.consents.unlimited')}`,
              },
              {
                key: 'status',
                header: t('kim.common.status'),
                render: (c) => (
                  <Badge color={c.status === 'active' ? 'green.9' : 'gray'} tt="none" variant="light">
                    {c.withdrawnAt
                      ? t('people.consents.statusOn', { status: kimLabels.consentStatus(c.status), date: formatDateTime(c.withdrawnAt) })
                      : kimLabels.consentStatus(c.status)}
                  </Badge>
                ),
              },
              {
                key: 'actions',
                header: t('ui.actions'),
                render: (c) => (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" component="a" href={`${API_BASE}/consents/${c.id}/form.pdf`} download leftSection={<DownloadIcon size={14} />}>
                      {t('people.consents.formPdf')}
                      <VisuallyHidden component="span"> {t('people.consents.formPdfFor', { name: c.recipientOrganisation.name })}</VisuallyHidden>
                    </Button>
                    {c.can.withdraw ? (
                      <Button size="xs" variant="default" color="red" loading={withdraw.isPending && withdraw.variables?.id === c.id} onClick={() => withdraw.mutate(c)}>
                        {t('people.consents.withdraw')}
                        <VisuallyHidden component="span"> ({t('people.consents.withdrawFor', { name: c.recipientOrganisation.name })})</VisuallyHidden>
                      </Button>
                    ) : null}
                  </Group>
                ),
              },
            ]}
          />
        )}
        {withdraw.isError ? <QueryError error={withdraw.error} title={t('people.consents.withdrawFailed')} /> : null}
      </Stack>
    </Paper>
  );
}

function OpenCaseForm({ person }: { person: Person }) {
  const t = useT();
  const kimLabels = useKimLabels();
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
          {t('people.openCase.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('people.openCase.referredBy')}
            value={referringBody}
            onChange={(e) => setReferringBody(e.currentTarget.value as ReferringBody)}
            data={REFERRING_BODIES.map((b) => ({ value: b, label: kimLabels.referringBody(b) }))}
          />
          <Textarea label={t('kim.common.firstConcern')} value={firstConcern} onChange={(e) => setFirstConcern(e.currentTarget.value)} autosize minRows={1} />
        </SimpleGrid>
        {open.isError ? <QueryError error={open.error} title={t('people.openCase.failed')} /> : null}
        <Group justify="flex-end">
          <Button loading={open.isPending} onClick={() => open.mutate()}>
            {t('people.openCase.title')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One person: master data, residence status history, cases, consents, Art. 15 export. */
export function PersonDetailPage() {
  const t = useT();
  const kimLabels = useKimLabels();
  const { id = '' } = useParams();
  const person = usePerson(id);
  const [editing, setEditing] = useState(false);
  if (person.isPending) return <Loading />;
  if (person.isError) return <QueryError error={person.error} onRetry={() => void person.refetch()} />;
  const p = person.data;
  const hasOpenCase = p.cases.some((c) => c.phase !== 'closed');
  const nativeName = `${p.nativeGivenNames} ${p.nativeFamilyName}`.trim();
  const born = t('kim.person.born', { date: kimLabels.birthDate(p.birthDate, p.birthDatePrecision, p.birthDateIsPlaceholder) });
  return (
    <Page
      title={p.displayName}
      heading={<bdi>{p.displayName}</bdi>}
      description={nativeName ? `${nativeName} · ${born}` : born}
      actions={
        p.can.export || p.can.edit ? (
          <>
            {p.can.edit && !editing ? (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('people.master.edit')}
              </Button>
            ) : null}
            {p.can.export ? (
              <>
                <Button component="a" variant="default" href={`${API_BASE}/people/${p.id}/export.pdf`} download leftSection={<DownloadIcon size={18} />}>
                  {t('people.export.pdf')}
                </Button>
                <Button component="a" variant="default" href={`${API_BASE}/people/${p.id}/export.json`} download leftSection={<DownloadIcon size={18} />}>
                  {t('people.export.json')}
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
            {t('kim.common.cases')}
          </Title>
          {p.cases.length === 0 ? <Text>{t('people.cases.none')}</Text> : null}
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {p.cases.map((c) => (
              <li key={c.id}>
                <Group gap="sm">
                  <Anchor component={Link} to={`/faelle/${c.id}`}>
                    {t('cases.detail.title', { number: c.caseNumber })}
                  </Anchor>
                  <PhaseBadge phase={c.phase as never} />
                  <Text size="sm">{c.organisationName}</Text>
                </Group>
              </li>
            ))}
          </Stack>
          {hasOpenCase ? null : p.can.openCase ? null : <Alert color="gray">{t('people.cases.cannotOpen')}</Alert>}
        </Stack>
      </Paper>
      {p.can.openCase && !hasOpenCase ? <OpenCaseForm person={p} /> : null}
      {editing ? <PersonEditSection key={p.version} person={p} onDone={() => setEditing(false)} /> : <MasterData person={p} />}
      <RelationsSection person={p} />
      <ResidenceSection person={p} />
      <ConsentsSection person={p} />
      <DocumentsPanel base={`/people/${p.id}`} title={t('people.documents')} />
      <LifecycleSection person={p} />
    </Page>
  );
}
