import { useMemo, useState } from 'react';
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import {
  FINANCING_TYPE_LABELS_DE,
  FINANCING_TYPES,
  formatDateDe,
  POSITION_CATEGORIES,
  POSITION_CATEGORY_LABELS_DE,
  sumCents,
  type FinancingType,
  type Grant,
  type PositionCategory,
  type Programme,
} from '@teilhabe/shared';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { buildOrganisationTree, flattenTree, useOrganisations } from '../organisations/api';
import { createAmendment, createGrant, fundingKey, updateGrantDraft, useGrant, useProgrammes } from './api';
import { ErrorBox, euro, MoneyInput, ScrollRegion } from './common';
import { translate, useT } from '../../i18n';

type Mode = 'create' | 'edit' | 'amend';

interface FormState {
  programmeId: string;
  organisationId: string;
  title: string;
  fileNumber: string;
  decisionDate: string;
  approvalStart: string;
  approvalEnd: string;
  financingType: FinancingType;
  sharePercent: string;
  useByDate: string;
  reportDueDate: string;
  calloffDates: string;
  conditions: string;
  documentRef: string;
  reason: string;
  amounts: Record<string, number | null>;
}

const key = (year: number, category: PositionCategory) => `${year}:${category}`;

function fromGrant(g: Grant, mode: Mode): FormState {
  const r = g.latest;
  const amounts: Record<string, number | null> = {};
  for (const p of r.positions) amounts[key(p.budgetYear, p.category)] = p.amountCents;
  return {
    programmeId: g.programme.id,
    organisationId: g.organisation.id,
    title: g.title,
    fileNumber: mode === 'amend' ? `${r.fileNumber}-Ä${g.revisionCount}` : r.fileNumber,
    decisionDate: mode === 'amend' ? '' : r.decisionDate,
    approvalStart: r.approvalStart,
    approvalEnd: r.approvalEnd,
    financingType: r.financingType,
    sharePercent: r.sharePercentBp ? String(r.sharePercentBp / 100).replace('.', ',') : '',
    useByDate: r.useByDate ?? '',
    reportDueDate: r.reportDueDate ?? '',
    calloffDates: r.calloffDates.map(formatDateDe).join('\n'),
    conditions: r.conditions,
    documentRef: r.documentRef,
    reason: mode === 'amend' ? '' : r.reason,
    amounts,
  };
}

const EMPTY: FormState = {
  programmeId: '',
  organisationId: '',
  title: '',
  fileNumber: '',
  decisionDate: '',
  approvalStart: '',
  approvalEnd: '',
  financingType: 'fixed',
  sharePercent: '',
  useByDate: '',
  reportDueDate: '',
  calloffDates: '',
  conditions: '',
  documentRef: '',
  reason: '',
  amounts: {},
};

/** "15.03.2021" or "2021-03-15" per line → ISO dates; unreadable lines are kept so the server can name them. */
function parseDates(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
      return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s;
    });
}

function yearsOf(start: string, end: string): number[] {
  const a = Number(start.slice(0, 4));
  const b = Number(end.slice(0, 4));
  if (!a || !b || b < a || b - a > 5) return a ? [a] : [];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function programmeOptions(programmes: Programme[]) {
  const roots = programmes.filter((p) => !p.parentId && p.active);
  return [
    { value: '', label: translate('funding.grantForm.bitteWaehlen') },
    ...roots.flatMap((root) => [
      { value: root.id, label: root.name },
      ...programmes.filter((c) => c.parentId === root.id && c.active).map((c) => ({ value: c.id, label: `— ${c.name}` })),
    ]),
  ];
}

export function GrantFormPage({ mode }: { mode: Mode }) {
  const { id = '' } = useParams();
  const grant = useGrant(id, mode !== 'create');
  if (mode === 'create') return <GrantForm mode={mode} />;
  if (grant.isPending) return <Loading />;
  if (grant.isError) return <QueryError error={grant.error} onRetry={() => void grant.refetch()} />;
  return <GrantForm mode={mode} grant={grant.data} />;
}

function GrantForm({ mode, grant }: { mode: Mode; grant?: Grant }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const programmes = useProgrammes();
  const organisations = useOrganisations();
  const [form, setForm] = useState<FormState>(() => (grant ? fromGrant(grant, mode) : EMPTY));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const years = yearsOf(form.approvalStart, form.approvalEnd);
  const orgOptions = useMemo(
    () => [
      { value: '', label: t('funding.grantForm.bitteWaehlen') },
      ...flattenTree(buildOrganisationTree(organisations.data ?? [])).map(({ organisation, depth }) => ({
        value: organisation.id,
        label: `${'— '.repeat(depth)}${organisation.name}`,
      })),
    ],
    [organisations.data],
  );

  const save = useMutation({
    mutationFn: async () => {
      const positions = years.flatMap((y) =>
        POSITION_CATEGORIES.map((c) => ({ budgetYear: y, category: c, amountCents: form.amounts[key(y, c)] ?? 0 })).filter(
          (p) => p.amountCents !== 0,
        ),
      );
      const revision = {
        fileNumber: form.fileNumber,
        decisionDate: form.decisionDate,
        approvalStart: form.approvalStart,
        approvalEnd: form.approvalEnd,
        financingType: form.financingType,
        sharePercentBp:
          form.financingType === 'share' && form.sharePercent ? Math.round(Number(form.sharePercent.replace(',', '.')) * 100) : null,
        useByDate: form.useByDate || null,
        reportDueDate: form.reportDueDate || null,
        calloffDates: parseDates(form.calloffDates),
        conditions: form.conditions,
        documentRef: form.documentRef,
        positions,
      };
      if (mode === 'create')
        return createGrant(
          { programmeId: form.programmeId, organisationId: form.organisationId, title: form.title, ...revision },
          idempotencyKey,
        );
      if (mode === 'edit')
        return updateGrantDraft(grant!.id, grant!.version, {
          title: form.title,
          organisationId: form.organisationId,
          ...revision,
          reason: form.reason,
        });
      return createAmendment(grant!.id, grant!.version, { ...revision, reason: form.reason });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: fundingKey });
      void navigate(`/foerderung/bescheide/${saved.id}`, { state: { saved: true } });
    },
  });
  const fieldError = (name: string) => (isApiError(save.error) ? save.error.fields[name] : undefined);
  const title =
    mode === 'create'
      ? t('funding.grantForm.titleCreate')
      : mode === 'edit'
        ? t('funding.grantForm.titleEdit')
        : t('funding.grantForm.titleAmend');

  if (programmes.isPending || organisations.isPending) return <Loading />;
  if (programmes.isError) return <QueryError error={programmes.error} />;

  const yearTotal = (y: number) => sumCents(POSITION_CATEGORIES.map((c) => form.amounts[key(y, c)] ?? 0));

  return (
    <Page
      title={title}
      description={
        mode === 'amend'
          ? t('funding.grantForm.amendHint')
          : t('funding.grantForm.draftHint')
      }
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="lg">
          <ErrorBox error={save.error} />
          <Fieldset legend="Bescheid">
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {mode === 'amend' ? null : (
                <>
                  <NativeSelect
                    label={t('funding.grantForm.foerderprogramm')}
                    required
                    data={programmeOptions(programmes.data)}
                    value={form.programmeId}
                    onChange={(e) => set('programmeId', e.currentTarget.value)}
                    error={fieldError('programmeId')}
                    disabled={mode !== 'create'}
                  />
                  <NativeSelect
                    label={t('funding.grantForm.zuwendungsempfaenger')}
                    required
                    data={orgOptions}
                    value={form.organisationId}
                    onChange={(e) => set('organisationId', e.currentTarget.value)}
                    error={fieldError('organisationId')}
                  />
                  <TextInput
                    label={t('funding.grantForm.bezeichnung')}
                    required
                    value={form.title}
                    onChange={(e) => set('title', e.currentTarget.value)}
                    error={fieldError('title')}
                  />
                </>
              )}
              <TextInput
                label={t('funding.grantForm.aktenzeichen')}
                required
                value={form.fileNumber}
                onChange={(e) => set('fileNumber', e.currentTarget.value)}
                error={fieldError('fileNumber')}
              />
              <TextInput
                type="date"
                label={t('funding.grantForm.datumDesBescheids')}
                required
                value={form.decisionDate}
                onChange={(e) => set('decisionDate', e.currentTarget.value)}
                error={fieldError('decisionDate')}
              />
              <TextInput
                type="date"
                label={t('funding.grantForm.bewilligungszeitraumVon')}
                required
                value={form.approvalStart}
                onChange={(e) => set('approvalStart', e.currentTarget.value)}
                error={fieldError('approvalStart')}
              />
              <TextInput
                type="date"
                label={t('funding.grantForm.bewilligungszeitraumBis')}
                required
                value={form.approvalEnd}
                onChange={(e) => set('approvalEnd', e.currentTarget.value)}
                error={fieldError('approvalEnd')}
              />
              <NativeSelect
                label={t('funding.grantForm.finanzierungsart')}
                data={FINANCING_TYPES.map((f) => ({ value: f, label: FINANCING_TYPE_LABELS_DE[f] }))}
                value={form.financingType}
                onChange={(e) => set('financingType', e.currentTarget.value as FinancingType)}
              />
              {form.financingType === 'share' ? (
                <TextInput
                  label={t('funding.grantForm.anteilInProzent')}
                  inputMode="decimal"
                  value={form.sharePercent}
                  onChange={(e) => set('sharePercent', e.currentTarget.value)}
                  error={fieldError('sharePercentBp')}
                />
              ) : null}
              <TextInput
                type="date"
                label={t('funding.grantForm.verwendungsfristBis')}
                description={t('funding.grantForm.bisWannDieMittel')}
                value={form.useByDate}
                onChange={(e) => set('useByDate', e.currentTarget.value)}
                error={fieldError('useByDate')}
              />
              <TextInput
                type="date"
                label={t('funding.grantForm.verwendungsnachweisFaelligAm')}
                value={form.reportDueDate}
                onChange={(e) => set('reportDueDate', e.currentTarget.value)}
                error={fieldError('reportDueDate')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
              <Textarea
                label={t('funding.grantForm.mittelabruftermine')}
                description={t('funding.grantForm.einDatumJeZeile')}
                autosize
                minRows={2}
                value={form.calloffDates}
                onChange={(e) => set('calloffDates', e.currentTarget.value)}
                error={Object.entries(isApiError(save.error) ? save.error.fields : {}).find(([k]) => k.startsWith('calloffDates'))?.[1]}
              />
              <Textarea
                label={t('funding.grantForm.auflagenUndNebenbestimmungen')}
                autosize
                minRows={2}
                value={form.conditions}
                onChange={(e) => set('conditions', e.currentTarget.value)}
              />
              <TextInput
                label={t('funding.grantForm.ablageortDesBescheidsDms')}
                value={form.documentRef}
                onChange={(e) => set('documentRef', e.currentTarget.value)}
              />
              {mode !== 'create' ? (
                <Textarea
                  label={t('funding.grantForm.grundDerAenderung')}
                  required={mode === 'amend'}
                  value={form.reason}
                  onChange={(e) => set('reason', e.currentTarget.value)}
                  error={fieldError('reason')}
                />
              ) : null}
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('funding.grantForm.planLegend')}>
            {years.length === 0 ? (
              <Text c="dimmed">Bitte zuerst den Bewilligungszeitraum angeben; dann erscheinen die Haushaltsjahre.</Text>
            ) : (
              <ScrollRegion label={t('funding.grantForm.finanzierungsplan')} minWidth={720}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Haushaltsjahr</Table.Th>
                      {POSITION_CATEGORIES.map((c) => (
                        <Table.Th scope="col" key={c}>
                          {POSITION_CATEGORY_LABELS_DE[c]}
                        </Table.Th>
                      ))}
                      <Table.Th scope="col">Summe</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {years.map((y) => (
                      <Table.Tr key={y}>
                        <Table.Th scope="row">{y}</Table.Th>
                        {POSITION_CATEGORIES.map((c) => (
                          <Table.Td key={c}>
                            <MoneyInput
                              aria-label={`${POSITION_CATEGORY_LABELS_DE[c]} ${y}`}
                              cents={form.amounts[key(y, c)] ?? null}
                              onCents={(cents) => setForm((f) => ({ ...f, amounts: { ...f.amounts, [key(y, c)]: cents } }))}
                            />
                          </Table.Td>
                        ))}
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{euro(yearTotal(y))}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            )}
            {Object.entries(isApiError(save.error) ? save.error.fields : {})
              .filter(([k]) => k.startsWith('positions'))
              .map(([k, v]) => (
                <Text key={k} c="red.9" size="sm" role="alert">
                  {v}
                </Text>
              ))}
          </Fieldset>

          <Group justify="flex-end">
            <Button variant="default" component={Link} to={grant ? `/foerderung/bescheide/${grant.id}` : '/foerderung'}>
              {t('funding.grantForm.abbrechen')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {mode === 'amend' ? t('funding.grantForm.saveAmendment') : t('funding.grantForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
