import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  BARRIER_CATEGORIES,
  BARRIER_CATEGORY_LABELS_DE,
  CASE_PHASE_LABELS_DE,
  CLEARING_OUTCOME_LABELS_DE,
  CLEARING_OUTCOMES,
  CLOSURE_REASON_LABELS_DE,
  CLOSURE_REASONS,
  CONSENT_FORM_LANGUAGE_LABELS_DE,
  CONSENT_FORM_LANGUAGES,
  CONTACT_MODE_LABELS_DE,
  CONTACT_MODES,
  GOAL_STATUS_LABELS_DE,
  GOAL_STATUSES,
  LIFE_DOMAIN_LABELS_DE,
  LIFE_DOMAINS,
  NEED_LEVEL_LABELS_DE,
  NOTE_CONFIDENTIALITIES,
  NOTE_CONFIDENTIALITY_LABELS_DE,
  REFERRAL_STATUS_LABELS_DE,
  REFERRING_BODY_LABELS_DE,
  type Assessment,
  type BarrierCategory,
  type CaseDetail,
  type CasePhase,
  type ClearingOutcome,
  type ClosureReason,
  type ContactMode,
  type Goal,
  type GoalStatus,
  type LifeDomain,
  type NoteConfidentiality,
} from '@teilhabe/shared';
import { API_BASE, isApiError, newIdempotencyKey } from '../../api/client';
import { DownloadIcon } from '../../ui/icons';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { DocumentsPanel } from '../../ui/DocumentsPanel';
import { Page } from '../../ui/Page';
import { berlinLocalToIso } from '../../ui/time';
import { hasPermission, useMe } from '../auth/session';
import { useOrganisations } from '../organisations/api';
import { BreakGlassBanner, CaseNotVisible } from './BreakGlass';
import {
  addContact,
  addGoal,
  addTask,
  casesKey,
  changePhase,
  changeReferralStatus,
  createReferral,
  reportBarrier,
  saveAssessment,
  setDeputies,
  updateCase,
  updateGoal,
  updateTask,
  useAssessment,
  useCase,
  useCaseBarriers,
  useDeputyCandidates,
  useContacts,
  useGoals,
  useReferrals,
  useTasks,
} from './api';
import { dateDe, dateTimeDe, PhaseBadge, PhaseStepper, todayIso } from './common';

const nowLocal = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date()).replace(' ', 'T');
const PARTNER_KINDS = new Set(['jobcenter', 'agentur_fuer_arbeit', 'auslaenderbehoerde', 'jugendamt', 'sozialamt', 'schulamt', 'schule', 'kita', 'wohlfahrtsverband', 'traeger', 'beratungsstelle', 'sprachkurstraeger', 'migrantenorganisation', 'verein']);

function useRefreshCase(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', id] });
}

function PhaseForm({ c }: { c: CaseDetail }) {
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const queryClient = useQueryClient();
  const [to, setTo] = useState<CasePhase | ''>(c.allowedTransitions.find((p) => p !== 'closed') ?? c.allowedTransitions[0] ?? '');
  const [outcome, setOutcome] = useState<ClearingOutcome | ''>('');
  const [criteria, setCriteria] = useState<string[]>([]);
  const [closureReason, setClosureReason] = useState<ClosureReason | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      changePhase(c.id, c.version, {
        to: to as CasePhase,
        note: note || undefined,
        ...(c.phase === 'clearing' && outcome
          ? { clearingOutcome: outcome, clearingCriteria: c.admissionCriteria.map((k) => ({ code: k.code, met: criteria.includes(k.code) })) }
          : {}),
        ...(to === 'closed' && closureReason ? { closureReason } : {}),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData([...casesKey, 'case', c.id], next);
      setNote('');
      setErrors({});
      setTo(next.allowedTransitions.find((p) => p !== 'closed') ?? next.allowedTransitions[0] ?? '');
    },
    onError: async (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
      if (isApiError(error, 409)) await queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id] });
    },
  });
  const labels: Record<string, string> = { to: 'Nächste Phase', clearingOutcome: 'Ergebnis des Clearings', closureReason: 'Grund für den Abschluss', note: 'Vermerk' };
  if (!c.can.changePhase || !c.allowedTransitions.length) return null;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3">
          Phase wechseln
        </Title>
        <FormErrorSummary errors={errors} error={save.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
        <NativeSelect
          id={ids('to')}
          label={labels.to}
          value={to}
          error={errors.to}
          onChange={(e) => setTo(e.currentTarget.value as CasePhase)}
          data={c.allowedTransitions.map((p) => ({ value: p, label: CASE_PHASE_LABELS_DE[p] }))}
          maw={320}
        />
        {c.phase === 'clearing' ? (
          <>
            <Radio.Group id={ids('clearingOutcome')} label={labels.clearingOutcome} value={outcome} onChange={(v) => setOutcome(v as ClearingOutcome)} error={errors.clearingOutcome}>
              <Group mt="xs">
                {CLEARING_OUTCOMES.map((o) => (
                  <Radio key={o} value={o} label={CLEARING_OUTCOME_LABELS_DE[o]} />
                ))}
              </Group>
            </Radio.Group>
            <Checkbox.Group label="Aufnahmekriterien (erfüllt)" value={criteria} onChange={setCriteria}>
              <Stack gap={4} mt="xs">
                {c.admissionCriteria.map((k) => (
                  <Checkbox key={k.code} value={k.code} label={k.label} />
                ))}
              </Stack>
            </Checkbox.Group>
          </>
        ) : null}
        {to === 'closed' ? (
          <NativeSelect
            id={ids('closureReason')}
            label={labels.closureReason}
            value={closureReason}
            error={errors.closureReason}
            onChange={(e) => setClosureReason(e.currentTarget.value as ClosureReason)}
            data={[{ value: '', label: 'bitte wählen' }, ...CLOSURE_REASONS.map((r) => ({ value: r, label: CLOSURE_REASON_LABELS_DE[r] }))]}
            maw={320}
          />
        ) : null}
        <Textarea id={ids('note')} label={labels.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!to}>
            Phase wechseln
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ContactsTab({ c }: { c: CaseDetail }) {
  const contacts = useContacts(c.id);
  const queryClient = useQueryClient();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const [key, setKey] = useState(newIdempotencyKey);
  const [v, setV] = useState({ occurredAt: nowLocal(), durationMinutes: '45', mode: 'in_person' as ContactMode, participants: '', interpreterUsed: false, lifeDomains: [] as string[], note: '', noteConfidentiality: 'team' as NoteConfidentiality });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () =>
      addContact(
        c.id,
        {
          occurredAt: berlinLocalToIso(v.occurredAt) ?? v.occurredAt,
          durationMinutes: Number(v.durationMinutes),
          mode: v.mode,
          participants: v.participants || undefined,
          interpreterUsed: v.interpreterUsed,
          lifeDomains: v.lifeDomains as LifeDomain[],
          note: v.note || undefined,
          noteConfidentiality: v.noteConfidentiality,
        },
        key,
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id] });
      setV((x) => ({ ...x, note: '', participants: '', lifeDomains: [] }));
      setKey(newIdempotencyKey());
      setErrors({});
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const labels: Record<string, string> = { occurredAt: 'Datum und Uhrzeit', durationMinutes: 'Dauer (Minuten)', mode: 'Art des Kontakts', note: 'Notiz', lifeDomains: 'Lebensbereiche' };
  return (
    <Stack gap="md">
      {c.can.addContact ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="contact-add">
          <form noValidate onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
            <Stack gap="sm">
              <Title order={3} id="contact-add">
                Beratungskontakt erfassen
              </Title>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput id={ids('occurredAt')} label={labels.occurredAt} type="datetime-local" value={v.occurredAt} error={errors.occurredAt} onChange={(e) => setV({ ...v, occurredAt: e.currentTarget.value })} />
                <TextInput id={ids('durationMinutes')} label={labels.durationMinutes} type="number" min={1} max={600} value={v.durationMinutes} error={errors.durationMinutes} onChange={(e) => setV({ ...v, durationMinutes: e.currentTarget.value })} />
                <NativeSelect id={ids('mode')} label={labels.mode} value={v.mode} onChange={(e) => setV({ ...v, mode: e.currentTarget.value as ContactMode })} data={CONTACT_MODES.map((m) => ({ value: m, label: CONTACT_MODE_LABELS_DE[m] }))} />
              </SimpleGrid>
              <TextInput label="Beteiligte" value={v.participants} onChange={(e) => setV({ ...v, participants: e.currentTarget.value })} />
              <Checkbox label="Sprachmittlung eingesetzt" checked={v.interpreterUsed} onChange={(e) => setV({ ...v, interpreterUsed: e.currentTarget.checked })} />
              <Checkbox.Group id={ids('lifeDomains')} label={labels.lifeDomains} value={v.lifeDomains} onChange={(lifeDomains) => setV({ ...v, lifeDomains })}>
                <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs">
                  {LIFE_DOMAINS.map((d) => (
                    <Checkbox key={d} value={d} label={LIFE_DOMAIN_LABELS_DE[d]} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Textarea id={ids('note')} label={labels.note} value={v.note} error={errors.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} autosize minRows={2} />
              <NativeSelect
                label="Wer darf die Notiz lesen?"
                value={v.noteConfidentiality}
                onChange={(e) => setV({ ...v, noteConfidentiality: e.currentTarget.value as NoteConfidentiality })}
                data={NOTE_CONFIDENTIALITIES.map((n) => ({ value: n, label: NOTE_CONFIDENTIALITY_LABELS_DE[n] }))}
                description="Notizen werden nie an Partnerstellen weitergegeben."
                maw={360}
              />
              <Group>
                <Button type="submit" loading={add.isPending}>
                  Kontakt speichern
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
      {contacts.isPending ? (
        <Loading />
      ) : contacts.isError ? (
        <QueryError error={contacts.error} />
      ) : (
        <DataTable
          caption="Beratungskontakte"
          rows={contacts.data}
          rowKey={(k) => k.id}
          empty="Noch keine Beratungskontakte."
          columns={[
            { key: 'at', header: 'Datum', rowHeader: true, nowrap: true, render: (k) => dateTimeDe(k.occurredAt) },
            { key: 'mode', header: 'Art', render: (k) => `${CONTACT_MODE_LABELS_DE[k.mode]}, ${k.durationMinutes} min${k.interpreterUsed ? ', mit Sprachmittlung' : ''}` },
            { key: 'domains', header: 'Lebensbereiche', render: (k) => k.lifeDomains.map((d) => LIFE_DOMAIN_LABELS_DE[d]).join(', ') || '–' },
            { key: 'note', header: 'Notiz', render: (k) => k.note ?? <Text span fs="italic">vertraulich ({NOTE_CONFIDENTIALITY_LABELS_DE[k.noteConfidentiality]})</Text> },
            { key: 'author', header: 'von', render: (k) => k.author.displayName },
          ]}
        />
      )}
    </Stack>
  );
}

function AssessmentRow({ c, a }: { c: CaseDetail; a: Assessment }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({ needLevel: String(a.needLevel), need: a.need, resources: a.resources });
  const save = useMutation({
    mutationFn: () => saveAssessment(c.id, a.version, { lifeDomain: a.lifeDomain, needLevel: Number(v.needLevel), need: v.need, resources: v.resources }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'assessment'] }),
  });
  const label = LIFE_DOMAIN_LABELS_DE[a.lifeDomain];
  return (
    <Paper withBorder p="sm" radius="md" component="fieldset" style={{ border: '1px solid var(--mantine-color-gray-4)' }}>
      <Text component="legend" fw={600} px={4}>
        {label}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <NativeSelect label="Bedarf" value={v.needLevel} disabled={!c.can.edit} onChange={(e) => setV({ ...v, needLevel: e.currentTarget.value })} data={NEED_LEVEL_LABELS_DE.map((l, i) => ({ value: String(i), label: l }))} />
        <Textarea label="Bedarf (Beschreibung)" value={v.need} disabled={!c.can.edit} onChange={(e) => setV({ ...v, need: e.currentTarget.value })} autosize minRows={1} />
        <Textarea label="Ressourcen" value={v.resources} disabled={!c.can.edit} onChange={(e) => setV({ ...v, resources: e.currentTarget.value })} autosize minRows={1} />
        {c.can.edit ? (
          <Group align="flex-end">
            <Button variant="default" loading={save.isPending} onClick={() => save.mutate()}>
              Speichern<VisuallyHidden component="span"> ({label})</VisuallyHidden>
            </Button>
          </Group>
        ) : null}
      </SimpleGrid>
      {save.isError ? <QueryError error={save.error} title="Nicht gespeichert" /> : null}
    </Paper>
  );
}

function AssessmentTab({ c }: { c: CaseDetail }) {
  const assessment = useAssessment(c.id);
  if (assessment.isPending) return <Loading />;
  if (assessment.isError) return <QueryError error={assessment.error} />;
  return (
    <Stack gap="sm">
      {assessment.data.map((a) => (
        <AssessmentRow key={`${a.lifeDomain}-${a.version}`} c={c} a={a} />
      ))}
    </Stack>
  );
}

function GoalStatusSelect({ c, goal }: { c: CaseDetail; goal: Goal }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (status: GoalStatus) => updateGoal(goal.id, goal.version, { status }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'goals'] }),
  });
  return (
    <NativeSelect
      aria-label={`Status von „${goal.title}“`}
      value={goal.status}
      disabled={!c.can.edit || save.isPending}
      onChange={(e) => save.mutate(e.currentTarget.value as GoalStatus)}
      data={GOAL_STATUSES.map((s) => ({ value: s, label: GOAL_STATUS_LABELS_DE[s] }))}
      size="xs"
    />
  );
}

/** The Hilfeplan's standard texts: German with the person's language, German only, or German with a chosen one. */
const HILFEPLAN_LANGUAGE_OPTIONS = [
  { value: '', label: 'Deutsch und Sprache der Person' },
  { value: 'de', label: 'nur Deutsch' },
  ...CONSENT_FORM_LANGUAGES.filter((l) => l !== 'de').map((l) => ({ value: l, label: `Deutsch und ${CONSENT_FORM_LANGUAGE_LABELS_DE[l]}` })),
];

function GoalsTab({ c }: { c: CaseDetail }) {
  const goals = useGoals(c.id);
  const organisations = useOrganisations();
  const queryClient = useQueryClient();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const [v, setV] = useState({ lifeDomain: 'work' as LifeDomain, title: '', dueDate: '', responsibleOrganisationId: '', step: '' });
  const [planLanguage, setPlanLanguage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () =>
      addGoal(c.id, {
        lifeDomain: v.lifeDomain,
        title: v.title,
        steps: v.step ? [{ text: v.step, done: false }] : [],
        dueDate: v.dueDate || null,
        responsibleOrganisationId: v.responsibleOrganisationId || null,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'goals'] });
      setV((x) => ({ ...x, title: '', step: '' }));
      setErrors({});
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const labels: Record<string, string> = { lifeDomain: 'Lebensbereich', title: 'Ziel', dueDate: 'bis', responsibleOrganisationId: 'zuständige Stelle' };
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <NativeSelect
          label="Standardtexte des Hilfeplans"
          value={planLanguage}
          onChange={(e) => setPlanLanguage(e.currentTarget.value)}
          data={HILFEPLAN_LANGUAGE_OPTIONS}
        />
        <Button
          component="a"
          href={`${API_BASE}/cases/${c.id}/hilfeplan.pdf${planLanguage ? `?language=${planLanguage}` : ''}`}
          download
          variant="default"
          leftSection={<DownloadIcon size={16} />}
        >
          Hilfeplan (PDF)
        </Button>
      </Group>
      {c.can.edit && c.phase !== 'closed' ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="goal-add">
          <form noValidate onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
            <Stack gap="sm">
              <Title order={3} id="goal-add">
                Ziel in den Hilfeplan aufnehmen
              </Title>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect id={ids('lifeDomain')} label={labels.lifeDomain} value={v.lifeDomain} onChange={(e) => setV({ ...v, lifeDomain: e.currentTarget.value as LifeDomain })} data={LIFE_DOMAINS.map((d) => ({ value: d, label: LIFE_DOMAIN_LABELS_DE[d] }))} />
                <TextInput id={ids('title')} label={labels.title} required value={v.title} error={errors.title} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} />
                <TextInput label="Erster Schritt" value={v.step} onChange={(e) => setV({ ...v, step: e.currentTarget.value })} />
                <TextInput id={ids('dueDate')} label={labels.dueDate} type="date" value={v.dueDate} error={errors.dueDate} onChange={(e) => setV({ ...v, dueDate: e.currentTarget.value })} />
                <NativeSelect
                  id={ids('responsibleOrganisationId')}
                  label={labels.responsibleOrganisationId}
                  value={v.responsibleOrganisationId}
                  onChange={(e) => setV({ ...v, responsibleOrganisationId: e.currentTarget.value })}
                  data={[{ value: '', label: 'Case Management' }, ...(organisations.data ?? []).filter((o) => PARTNER_KINDS.has(o.kind)).map((o) => ({ value: o.id, label: o.name }))]}
                />
              </SimpleGrid>
              <Group>
                <Button type="submit" loading={add.isPending}>
                  Ziel aufnehmen
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
      {goals.isPending ? (
        <Loading />
      ) : goals.isError ? (
        <QueryError error={goals.error} />
      ) : (
        <DataTable
          caption="Ziele des Hilfeplans"
          rows={goals.data}
          rowKey={(g) => g.id}
          empty="Noch keine Ziele."
          columns={[
            { key: 'title', header: 'Ziel', rowHeader: true, render: (g) => g.title },
            { key: 'domain', header: 'Lebensbereich', render: (g) => LIFE_DOMAIN_LABELS_DE[g.lifeDomain] },
            { key: 'steps', header: 'Schritte', render: (g) => g.steps.map((s) => `${s.done ? '✓ ' : ''}${s.text}`).join('; ') || '–' },
            { key: 'org', header: 'zuständig', render: (g) => g.responsibleOrganisation?.name ?? 'Case Management' },
            { key: 'due', header: 'bis', nowrap: true, render: (g) => dateDe(g.dueDate) },
            { key: 'status', header: 'Status', render: (g) => <GoalStatusSelect c={c} goal={g} /> },
          ]}
        />
      )}
    </Stack>
  );
}

function ReferralsTab({ c }: { c: CaseDetail }) {
  const referrals = useReferrals(c.id);
  const organisations = useOrganisations();
  const queryClient = useQueryClient();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const [key, setKey] = useState(newIdempotencyKey);
  const [v, setV] = useState({ recipientOrganisationId: '', offerName: '', lifeDomain: '' as LifeDomain | '', message: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'referrals'] });
  const add = useMutation({
    mutationFn: () =>
      createReferral(c.id, { recipientOrganisationId: v.recipientOrganisationId, offerName: v.offerName || undefined, lifeDomain: v.lifeDomain || undefined, message: v.message }, key),
    onSuccess: async () => {
      await refresh();
      setV({ recipientOrganisationId: '', offerName: '', lifeDomain: '', message: '' });
      setKey(newIdempotencyKey());
      setErrors({});
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const status = useMutation({
    mutationFn: (x: { id: string; version: number; to: 'cancelled' | 'completed' }) => changeReferralStatus(x.id, x.version, x.to),
    onSettled: refresh,
  });
  const labels: Record<string, string> = { recipientOrganisationId: 'Stelle', message: 'Anliegen an die Stelle', offerName: 'Angebot', lifeDomain: 'Lebensbereich' };
  return (
    <Stack gap="md">
      {c.can.refer ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="referral-add">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!v.recipientOrganisationId) {
                setErrors({ recipientOrganisationId: 'Bitte die Stelle wählen.' });
                attempts.bump();
                return;
              }
              add.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={3} id="referral-add">
                Vermitteln
              </Title>
              <Text size="sm">Die Stelle sieht nur die Datenkategorien, für die eine gültige Einwilligung vorliegt.</Text>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect
                  id={ids('recipientOrganisationId')}
                  label={labels.recipientOrganisationId}
                  required
                  value={v.recipientOrganisationId}
                  error={errors.recipientOrganisationId}
                  onChange={(e) => setV({ ...v, recipientOrganisationId: e.currentTarget.value })}
                  data={[{ value: '', label: 'bitte wählen' }, ...(organisations.data ?? []).filter((o) => PARTNER_KINDS.has(o.kind)).map((o) => ({ value: o.id, label: o.name }))]}
                />
                <TextInput id={ids('offerName')} label={labels.offerName} value={v.offerName} onChange={(e) => setV({ ...v, offerName: e.currentTarget.value })} />
                <NativeSelect
                  id={ids('lifeDomain')}
                  label={labels.lifeDomain}
                  value={v.lifeDomain}
                  onChange={(e) => setV({ ...v, lifeDomain: e.currentTarget.value as LifeDomain })}
                  data={[{ value: '', label: '–' }, ...LIFE_DOMAINS.map((d) => ({ value: d, label: LIFE_DOMAIN_LABELS_DE[d] }))]}
                />
              </SimpleGrid>
              <Textarea id={ids('message')} label={labels.message} required value={v.message} error={errors.message} onChange={(e) => setV({ ...v, message: e.currentTarget.value })} autosize minRows={2} />
              <Group>
                <Button type="submit" loading={add.isPending}>
                  Vermittlung senden
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
      {referrals.isPending ? (
        <Loading />
      ) : referrals.isError ? (
        <QueryError error={referrals.error} />
      ) : (
        <DataTable
          caption="Vermittlungen"
          rows={referrals.data}
          rowKey={(r) => r.id}
          empty="Noch keine Vermittlungen."
          columns={[
            { key: 'to', header: 'Stelle', rowHeader: true, render: (r) => r.recipientOrganisation.name },
            { key: 'offer', header: 'Angebot', render: (r) => r.offerName || '–' },
            { key: 'status', header: 'Status', render: (r) => <Badge tt="none" variant="light">{REFERRAL_STATUS_LABELS_DE[r.status]}</Badge> },
            { key: 'consent', header: 'Einwilligung', render: (r) => (r.consentCovered ? 'gültig' : <Text span c="red.9">keine gültige Einwilligung</Text>) },
            { key: 'feedback', header: 'Rückmeldung', render: (r) => r.feedbackNote || '–' },
            {
              key: 'actions',
              header: 'Aktionen',
              render: (r) => (
                <Group gap={4}>
                  {r.can.changeStatus.map((to) => (
                    <Button key={to} size="xs" variant="default" onClick={() => status.mutate({ id: r.id, version: r.version, to: to as 'cancelled' | 'completed' })}>
                      {to === 'cancelled' ? 'abbrechen' : 'erledigt'}
                      <VisuallyHidden component="span"> ({r.recipientOrganisation.name})</VisuallyHidden>
                    </Button>
                  ))}
                </Group>
              ),
            },
          ]}
        />
      )}
      {status.isError ? <QueryError error={status.error} title="Nicht gespeichert" /> : null}
    </Stack>
  );
}

function TasksTab({ c }: { c: CaseDetail }) {
  const tasks = useTasks(c.id);
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState(todayIso());
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'tasks'] });
  const add = useMutation({ mutationFn: () => addTask(c.id, { title, dueDate }), onSuccess: async () => { await refresh(); setTitle(''); } });
  const done = useMutation({ mutationFn: (x: { id: string; version: number; done: boolean }) => updateTask(x.id, x.version, { done: x.done }), onSettled: refresh });
  return (
    <Stack gap="md">
      {c.can.edit ? (
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Wiedervorlage" value={title} onChange={(e) => setTitle(e.currentTarget.value)} miw={280} />
          <TextInput label="fällig am" type="date" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} />
          <Button variant="default" disabled={title.trim().length < 2} loading={add.isPending} onClick={() => add.mutate()}>
            Anlegen
          </Button>
        </Group>
      ) : null}
      {add.isError ? <QueryError error={add.error} title="Nicht gespeichert" /> : null}
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <QueryError error={tasks.error} />
      ) : (
        <DataTable
          caption="Wiedervorlagen"
          minWidth={480}
          rows={tasks.data}
          rowKey={(t) => t.id}
          empty="Keine Wiedervorlagen."
          columns={[
            { key: 'title', header: 'Wiedervorlage', rowHeader: true, render: (t) => t.title },
            { key: 'due', header: 'fällig', render: (t) => <Text span c={t.overdue ? 'red.9' : undefined}>{dateDe(t.dueDate)}{t.overdue ? ' (überfällig)' : ''}</Text> },
            { key: 'who', header: 'für', render: (t) => t.assignee.displayName },
            {
              key: 'done',
              header: 'erledigt',
              render: (t) => (
                <Checkbox aria-label={`„${t.title}“ erledigt`} checked={!!t.doneAt} disabled={!c.can.edit} onChange={(e) => done.mutate({ id: t.id, version: t.version, done: e.currentTarget.checked })} />
              ),
            },
          ]}
        />
      )}
    </Stack>
  );
}

/** Case manager and deputies; the case manager or the KI-Leitung adds and removes deputies of the case's team. */
function TeamSection({ c }: { c: CaseDetail }) {
  const queryClient = useQueryClient();
  const candidates = useDeputyCandidates(c.id, c.can.manageTeam);
  const [pick, setPick] = useState('');
  const save = useMutation({
    mutationFn: (deputyIds: string[]) => setDeputies(c.id, c.version, deputyIds),
    onSuccess: (next) => {
      queryClient.setQueryData([...casesKey, 'case', c.id], next);
      setPick('');
    },
    onError: async (error) => {
      if (isApiError(error, 409)) await queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id] });
    },
  });
  const current = new Set(c.deputies.map((d) => d.id));
  const options = (candidates.data ?? []).filter((u) => !current.has(u.id));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-team">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-team">
          Fallverantwortung
        </Title>
        <Text size="sm">
          Case Management: <strong>{c.caseManager.displayName}</strong>
        </Text>
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Vertretungen">
          {c.deputies.length === 0 ? (
            <Text component="li" size="sm">
              Keine Vertretung eingetragen.
            </Text>
          ) : (
            c.deputies.map((d) => (
              <Group component="li" key={d.id} gap="xs">
                <Text size="sm">Vertretung: {d.displayName}</Text>
                {c.can.manageTeam ? (
                  <Button size="compact-xs" variant="default" loading={save.isPending} onClick={() => save.mutate(c.deputies.filter((x) => x.id !== d.id).map((x) => x.id))}>
                    entfernen<VisuallyHidden component="span"> ({d.displayName})</VisuallyHidden>
                  </Button>
                ) : null}
              </Group>
            ))
          )}
        </Stack>
        {c.can.manageTeam ? (
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label="Vertretung hinzufügen"
              description="Case Management derselben Organisation"
              value={pick}
              onChange={(e) => setPick(e.currentTarget.value)}
              data={[{ value: '', label: options.length ? 'bitte wählen' : 'niemand verfügbar' }, ...options.map((u) => ({ value: u.id, label: u.displayName }))]}
              miw={240}
            />
            <Button variant="default" disabled={!pick} loading={save.isPending} onClick={() => save.mutate([...c.deputies.map((d) => d.id), pick])}>
              Hinzufügen
            </Button>
          </Group>
        ) : null}
        {save.isError ? <QueryError error={save.error} title="Nicht gespeichert" /> : null}
      </Stack>
    </Paper>
  );
}

/** The next review date of the case (shown on "Meine Fälle" when it is due). */
function ReviewDueSection({ c }: { c: CaseDetail }) {
  const queryClient = useQueryClient();
  const [date, setDate] = useState(c.reviewDueAt ?? '');
  const save = useMutation({
    mutationFn: () => updateCase(c.id, c.version, { reviewDueAt: date || null }),
    onSuccess: (next) => queryClient.setQueryData([...casesKey, 'case', c.id], next),
    onError: async (error) => {
      if (isApiError(error, 409)) await queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id] });
    },
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-review">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-review">
          Nächste Überprüfung
        </Title>
        {c.can.edit ? (
          <Group align="flex-end" wrap="wrap">
            <TextInput label="Überprüfung am" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
            <Button variant="default" loading={save.isPending} disabled={(c.reviewDueAt ?? '') === date} onClick={() => save.mutate()}>
              Speichern
            </Button>
          </Group>
        ) : (
          <Text size="sm">{c.reviewDueAt ? dateDe(c.reviewDueAt) : 'nicht festgelegt'}</Text>
        )}
        {save.isError ? <QueryError error={save.error} title="Nicht gespeichert" /> : null}
      </Stack>
    </Paper>
  );
}

/** Report a structural barrier seen in this case, anonymised, and list those reported from it. */
function BarriersTab({ c }: { c: CaseDetail }) {
  const barriers = useCaseBarriers(c.id);
  const queryClient = useQueryClient();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const [v, setV] = useState({ category: '' as BarrierCategory | '', agency: '', description: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const add = useMutation({
    mutationFn: () => reportBarrier(c.id, { category: v.category as BarrierCategory, agency: v.agency.trim() || undefined, description: v.description.trim() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'barriers'] });
      setV({ category: '', agency: '', description: '' });
      setErrors({});
      setSaved(true);
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      setSaved(false);
      attempts.bump();
    },
  });
  const labels: Record<string, string> = { category: 'Art der Barriere', agency: 'Stelle / Behörde', description: 'Beschreibung' };
  return (
    <Stack gap="md">
      {c.can.edit ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="barrier-add">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const local: Record<string, string> = {};
              if (!v.category) local.category = 'Bitte die Art der Barriere wählen.';
              if (v.description.trim().length < 10) local.description = 'Bitte mindestens 10 Zeichen.';
              if (Object.keys(local).length) {
                setErrors(local);
                setSaved(false);
                attempts.bump();
                return;
              }
              add.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={3} id="barrier-add">
                Systembarriere melden
              </Title>
              <Text size="sm">Die Meldung geht anonymisiert an die Koordination und die Lenkungsgruppe; sie zeigt nicht, aus welchem Fall sie stammt.</Text>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  id={ids('category')}
                  label={labels.category}
                  required
                  value={v.category}
                  error={errors.category}
                  onChange={(e) => setV({ ...v, category: e.currentTarget.value as BarrierCategory })}
                  data={[{ value: '', label: 'bitte wählen' }, ...BARRIER_CATEGORIES.map((k) => ({ value: k, label: BARRIER_CATEGORY_LABELS_DE[k] }))]}
                />
                <TextInput id={ids('agency')} label={labels.agency} value={v.agency} error={errors.agency} onChange={(e) => setV({ ...v, agency: e.currentTarget.value })} />
              </SimpleGrid>
              <Textarea
                id={ids('description')}
                label={labels.description}
                description="Bitte keine personenbezogenen Daten: keine Namen, Geburtsdaten, Aktenzeichen, Telefonnummern oder E-Mail-Adressen."
                required
                value={v.description}
                error={errors.description}
                onChange={(e) => {
                  setV({ ...v, description: e.currentTarget.value });
                  setSaved(false);
                }}
                autosize
                minRows={3}
              />
              <Group>
                <Button type="submit" loading={add.isPending}>
                  Barriere melden
                </Button>
                {saved ? (
                  <Text size="sm" role="status">
                    Gemeldet.
                  </Text>
                ) : null}
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
      {barriers.isPending ? (
        <Loading />
      ) : barriers.isError ? (
        <QueryError error={barriers.error} />
      ) : (
        <DataTable
          caption="Aus diesem Fall gemeldete Systembarrieren"
          minWidth={520}
          rows={barriers.data}
          rowKey={(b) => b.id}
          empty="Aus diesem Fall wurden noch keine Barrieren gemeldet."
          columns={[
            { key: 'category', header: 'Art', rowHeader: true, render: (b) => BARRIER_CATEGORY_LABELS_DE[b.category] },
            { key: 'agency', header: 'Stelle', render: (b) => b.agency || '–' },
            { key: 'description', header: 'Beschreibung', render: (b) => b.description },
            { key: 'at', header: 'gemeldet', nowrap: true, render: (b) => dateTimeDe(b.createdAt) },
          ]}
        />
      )}
    </Stack>
  );
}

/** One case: phases (stepper and change), contacts, assessment, Hilfeplan, referrals, Wiedervorlagen, history. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const kase = useCase(id);
  const refresh = useRefreshCase(id);
  const me = useMe();
  if (kase.isPending) return <Loading />;
  if (kase.isError) return <CaseNotVisible error={kase.error} caseId={id} mayBreakGlass={hasPermission(me, 'cases.breakglass')} onRetry={() => void refresh()} />;
  const c = kase.data;
  return (
    <Page
      title={`Fall ${c.caseNumber}`}
      heading={
        <>
          Fall {c.caseNumber}: <bdi>{c.person.displayName}</bdi>
        </>
      }
      description={
        <>
          <Anchor component={Link} to={`/personen/${c.person.id}`} underline="always">
            Zur Person
          </Anchor>
          {c.person.nativeName ? (
            <>
              {' · '}
              <bdi dir="auto">{c.person.nativeName}</bdi>
            </>
          ) : null}{' '}
          · {c.organisationName} · Case Management: {c.caseManager.displayName}
          {c.deputies.length ? ` (Vertretung: ${c.deputies.map((d) => d.displayName).join(', ')})` : ''}
        </>
      }
    >
      {c.breakGlass ? <BreakGlassBanner caseId={c.id} session={c.breakGlass} /> : null}
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="case-phase">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} id="case-phase">
              Phase: {CASE_PHASE_LABELS_DE[c.phase]}
            </Title>
            <PhaseBadge phase={c.phase} />
          </Group>
          <PhaseStepper phase={c.phase} visited={c.phaseHistory.map((e) => e.toPhase)} />
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" w={220}>Eröffnet</Table.Th>
                <Table.Td>{dateDe(c.openedAt)} · Zugang über {REFERRING_BODY_LABELS_DE[c.referringBody]}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Erstes Anliegen</Table.Th>
                <Table.Td>{c.firstConcern || '–'}</Table.Td>
              </Table.Tr>
              {c.clearingOutcome ? (
                <Table.Tr>
                  <Table.Th scope="row">Clearing</Table.Th>
                  <Table.Td>{CLEARING_OUTCOME_LABELS_DE[c.clearingOutcome]}</Table.Td>
                </Table.Tr>
              ) : null}
              {c.closureReason ? (
                <Table.Tr>
                  <Table.Th scope="row">Abschluss</Table.Th>
                  <Table.Td>
                    {dateDe(c.closedAt)}: {CLOSURE_REASON_LABELS_DE[c.closureReason]}
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
          {!c.can.edit && !c.breakGlass ? <Alert color="gray">Nur Lesezugriff.</Alert> : null}
          <PhaseForm key={`${c.phase}-${c.version}`} c={c} />
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TeamSection key={`team-${c.version}`} c={c} />
        <ReviewDueSection key={`review-${c.version}`} c={c} />
      </SimpleGrid>
      <Tabs defaultValue="contacts" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="contacts">Beratungskontakte</Tabs.Tab>
          <Tabs.Tab value="assessment">Assessment</Tabs.Tab>
          <Tabs.Tab value="goals">Hilfeplan</Tabs.Tab>
          <Tabs.Tab value="referrals">Vermittlungen</Tabs.Tab>
          <Tabs.Tab value="tasks">Wiedervorlagen</Tabs.Tab>
          <Tabs.Tab value="barriers">Systembarrieren</Tabs.Tab>
          <Tabs.Tab value="history">Verlauf</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="assessment" pt="md">
          <AssessmentTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="goals" pt="md">
          <GoalsTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          <ReferralsTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <TasksTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="barriers" pt="md">
          <BarriersTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <DataTable
            caption="Phasenverlauf"
            minWidth={480}
            rows={c.phaseHistory}
            rowKey={(e) => `${e.toPhase}-${e.occurredAt}`}
            empty="–"
            columns={[
              { key: 'at', header: 'Zeitpunkt', rowHeader: true, nowrap: true, render: (e) => dateTimeDe(e.occurredAt) },
              { key: 'phase', header: 'Phase', render: (e) => CASE_PHASE_LABELS_DE[e.toPhase] },
              { key: 'who', header: 'durch', render: (e) => e.actor?.displayName ?? '–' },
              { key: 'note', header: 'Vermerk', render: (e) => e.note || '–' },
            ]}
          />
        </Tabs.Panel>
      </Tabs>
      <DocumentsPanel base={`/cases/${c.id}`} title="Dokumente zum Fall" />
    </Page>
  );
}
