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
  CLEARING_OUTCOMES,
  CLOSURE_REASONS,
  CONSENT_FORM_LANGUAGES,
  CONTACT_MODES,
  GOAL_STATUSES,
  LIFE_DOMAINS,
  NEED_LEVEL_LABELS_DE,
  NOTE_CONFIDENTIALITIES,
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
import { useI18n, useT } from '../../i18n';
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
import { PhaseBadge, PhaseStepper, todayIso } from './common';
import { useKimLabels } from './labels';

const nowLocal = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date()).replace(' ', 'T');
const PARTNER_KINDS = new Set(['jobcenter', 'agentur_fuer_arbeit', 'auslaenderbehoerde', 'jugendamt', 'sozialamt', 'schulamt', 'schule', 'kita', 'wohlfahrtsverband', 'traeger', 'beratungsstelle', 'sprachkurstraeger', 'migrantenorganisation', 'verein']);

function useRefreshCase(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', id] });
}

function PhaseForm({ c }: { c: CaseDetail }) {
  const t = useT();
  const kimLabels = useKimLabels();
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
  const labels: Record<string, string> = {
    to: t('cases.phaseForm.to'),
    clearingOutcome: t('cases.phaseForm.clearingOutcome'),
    closureReason: t('cases.phaseForm.closureReason'),
    note: t('cases.phaseForm.note'),
  };
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
          {t('cases.phaseForm.submit')}
        </Title>
        <FormErrorSummary errors={errors} error={save.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
        <NativeSelect
          id={ids('to')}
          label={labels.to}
          value={to}
          error={errors.to}
          onChange={(e) => setTo(e.currentTarget.value as CasePhase)}
          data={c.allowedTransitions.map((p) => ({ value: p, label: kimLabels.phase(p) }))}
          maw={320}
        />
        {c.phase === 'clearing' ? (
          <>
            <Radio.Group id={ids('clearingOutcome')} label={labels.clearingOutcome} value={outcome} onChange={(v) => setOutcome(v as ClearingOutcome)} error={errors.clearingOutcome}>
              <Group mt="xs">
                {CLEARING_OUTCOMES.map((o) => (
                  <Radio key={o} value={o} label={kimLabels.clearingOutcome(o)} />
                ))}
              </Group>
            </Radio.Group>
            <Checkbox.Group label={t('cases.phaseForm.criteria')} value={criteria} onChange={setCriteria}>
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
            data={[{ value: '', label: t('kim.common.pleaseChoose') }, ...CLOSURE_REASONS.map((r) => ({ value: r, label: kimLabels.closureReason(r) }))]}
            maw={320}
          />
        ) : null}
        <Textarea id={ids('note')} label={labels.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!to}>
            {t('cases.phaseForm.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ContactsTab({ c }: { c: CaseDetail }) {
  const { t, formatDateTime } = useI18n();
  const kimLabels = useKimLabels();
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
  const labels: Record<string, string> = {
    occurredAt: t('cases.contacts.occurredAt'),
    durationMinutes: t('cases.contacts.durationMinutes'),
    mode: t('cases.contacts.mode'),
    note: t('cases.contacts.note'),
    lifeDomains: t('cases.contacts.lifeDomains'),
  };
  return (
    <Stack gap="md">
      {c.can.addContact ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="contact-add">
          <form noValidate onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
            <Stack gap="sm">
              <Title order={3} id="contact-add">
                {t('cases.contacts.addTitle')}
              </Title>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput id={ids('occurredAt')} label={labels.occurredAt} type="datetime-local" value={v.occurredAt} error={errors.occurredAt} onChange={(e) => setV({ ...v, occurredAt: e.currentTarget.value })} />
                <TextInput id={ids('durationMinutes')} label={labels.durationMinutes} type="number" min={1} max={600} value={v.durationMinutes} error={errors.durationMinutes} onChange={(e) => setV({ ...v, durationMinutes: e.currentTarget.value })} />
                <NativeSelect id={ids('mode')} label={labels.mode} value={v.mode} onChange={(e) => setV({ ...v, mode: e.currentTarget.value as ContactMode })} data={CONTACT_MODES.map((m) => ({ value: m, label: kimLabels.contactMode(m) }))} />
              </SimpleGrid>
              <TextInput label={t('cases.contacts.participants')} value={v.participants} onChange={(e) => setV({ ...v, participants: e.currentTarget.value })} />
              <Checkbox label={t('cases.contacts.interpreterUsed')} checked={v.interpreterUsed} onChange={(e) => setV({ ...v, interpreterUsed: e.currentTarget.checked })} />
              <Checkbox.Group id={ids('lifeDomains')} label={labels.lifeDomains} value={v.lifeDomains} onChange={(lifeDomains) => setV({ ...v, lifeDomains })}>
                <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs">
                  {LIFE_DOMAINS.map((d) => (
                    <Checkbox key={d} value={d} label={kimLabels.lifeDomain(d)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Textarea id={ids('note')} label={labels.note} value={v.note} error={errors.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} autosize minRows={2} />
              <NativeSelect
                label={t('cases.contacts.confidentiality')}
                value={v.noteConfidentiality}
                onChange={(e) => setV({ ...v, noteConfidentiality: e.currentTarget.value as NoteConfidentiality })}
                data={NOTE_CONFIDENTIALITIES.map((n) => ({ value: n, label: kimLabels.noteConfidentiality(n) }))}
                description={t('cases.contacts.confidentialityHint')}
                maw={360}
              />
              <Group>
                <Button type="submit" loading={add.isPending}>
                  {t('cases.contacts.submit')}
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
          caption={t('cases.contacts.title')}
          rows={contacts.data}
          rowKey={(k) => k.id}
          empty={t('cases.contacts.empty')}
          columns={[
            { key: 'at', header: t('cases.contacts.colDate'), rowHeader: true, nowrap: true, render: (k) => formatDateTime(k.occurredAt) },
            {
              key: 'mode',
              header: t('cases.contacts.colMode'),
              render: (k) =>
                t(k.interpreterUsed ? 'cases.contacts.modeWithInterpreter' : 'cases.contacts.modeValue', { mode: kimLabels.contactMode(k.mode), minutes: k.durationMinutes }),
            },
            { key: 'domains', header: labels.lifeDomains, render: (k) => k.lifeDomains.map((d) => kimLabels.lifeDomain(d)).join(', ') || '–' },
            {
              key: 'note',
              header: labels.note,
              render: (k) => k.note ?? <Text span fs="italic">{t('cases.contacts.confidential', { readers: kimLabels.noteConfidentiality(k.noteConfidentiality) })}</Text>,
            },
            { key: 'author', header: t('cases.contacts.colAuthor'), render: (k) => k.author.displayName },
          ]}
        />
      )}
    </Stack>
  );
}

function AssessmentRow({ c, a }: { c: CaseDetail; a: Assessment }) {
  const t = useT();
  const kimLabels = useKimLabels();
  const queryClient = useQueryClient();
  const [v, setV] = useState({ needLevel: String(a.needLevel), need: a.need, resources: a.resources });
  const save = useMutation({
    mutationFn: () => saveAssessment(c.id, a.version, { lifeDomain: a.lifeDomain, needLevel: Number(v.needLevel), need: v.need, resources: v.resources }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'assessment'] }),
  });
  const label = kimLabels.lifeDomain(a.lifeDomain);
  return (
    <Paper withBorder p="sm" radius="md" component="fieldset" style={{ border: '1px solid var(--mantine-color-gray-4)' }}>
      <Text component="legend" fw={600} px={4}>
        {label}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <NativeSelect
          label={t('cases.assessment.needLevel')}
          value={v.needLevel}
          disabled={!c.can.edit}
          onChange={(e) => setV({ ...v, needLevel: e.currentTarget.value })}
          data={NEED_LEVEL_LABELS_DE.map((_, level) => ({ value: String(level), label: kimLabels.needLevel(level) }))}
        />
        <Textarea label={t('cases.assessment.need')} value={v.need} disabled={!c.can.edit} onChange={(e) => setV({ ...v, need: e.currentTarget.value })} autosize minRows={1} />
        <Textarea label={t('cases.assessment.resources')} value={v.resources} disabled={!c.can.edit} onChange={(e) => setV({ ...v, resources: e.currentTarget.value })} autosize minRows={1} />
        {c.can.edit ? (
          <Group align="flex-end">
            <Button variant="default" loading={save.isPending} onClick={() => save.mutate()}>
              {t('ui.save')}<VisuallyHidden component="span"> ({label})</VisuallyHidden>
            </Button>
          </Group>
        ) : null}
      </SimpleGrid>
      {save.isError ? <QueryError error={save.error} title={t('kim.common.notSaved')} /> : null}
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
  const t = useT();
  const kimLabels = useKimLabels();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (status: GoalStatus) => updateGoal(goal.id, goal.version, { status }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', c.id, 'goals'] }),
  });
  return (
    <NativeSelect
      aria-label={t('cases.goals.statusOf', { title: goal.title })}
      value={goal.status}
      disabled={!c.can.edit || save.isPending}
      onChange={(e) => save.mutate(e.currentTarget.value as GoalStatus)}
      data={GOAL_STATUSES.map((s) => ({ value: s, label: kimLabels.goalStatus(s) }))}
      size="xs"
    />
  );
}

function GoalsTab({ c }: { c: CaseDetail }) {
  const { t, formatDate } = useI18n();
  const kimLabels = useKimLabels();
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
  const labels: Record<string, string> = {
    lifeDomain: t('kim.common.lifeDomain'),
    title: t('cases.goals.goal'),
    dueDate: t('cases.goals.dueDate'),
    responsibleOrganisationId: t('cases.goals.responsible'),
  };
  // The Hilfeplan's standard texts: German with the person's language, German only, or German with a chosen one.
  const planLanguages = [
    { value: '', label: t('cases.goals.planLanguagePerson') },
    { value: 'de', label: t('cases.goals.planLanguageGerman') },
    ...CONSENT_FORM_LANGUAGES.filter((l) => l !== 'de').map((l) => ({ value: l, label: t('cases.goals.planLanguageWith', { language: kimLabels.consentFormLanguage(l) }) })),
  ];
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <NativeSelect label={t('cases.goals.planLanguage')} value={planLanguage} onChange={(e) => setPlanLanguage(e.currentTarget.value)} data={planLanguages} />
        <Button
          component="a"
          href={`${API_BASE}/cases/${c.id}/hilfeplan.pdf${planLanguage ? `?language=${planLanguage}` : ''}`}
          download
          variant="default"
          leftSection={<DownloadIcon size={16} />}
        >
          {t('cases.goals.pdf')}
        </Button>
      </Group>
      {c.can.edit && c.phase !== 'closed' ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="goal-add">
          <form noValidate onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
            <Stack gap="sm">
              <Title order={3} id="goal-add">
                {t('cases.goals.addTitle')}
              </Title>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect id={ids('lifeDomain')} label={labels.lifeDomain} value={v.lifeDomain} onChange={(e) => setV({ ...v, lifeDomain: e.currentTarget.value as LifeDomain })} data={LIFE_DOMAINS.map((d) => ({ value: d, label: kimLabels.lifeDomain(d) }))} />
                <TextInput id={ids('title')} label={labels.title} required value={v.title} error={errors.title} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} />
                <TextInput label={t('cases.goals.firstStep')} value={v.step} onChange={(e) => setV({ ...v, step: e.currentTarget.value })} />
                <TextInput id={ids('dueDate')} label={labels.dueDate} type="date" value={v.dueDate} error={errors.dueDate} onChange={(e) => setV({ ...v, dueDate: e.currentTarget.value })} />
                <NativeSelect
                  id={ids('responsibleOrganisationId')}
                  label={labels.responsibleOrganisationId}
                  value={v.responsibleOrganisationId}
                  onChange={(e) => setV({ ...v, responsibleOrganisationId: e.currentTarget.value })}
                  data={[{ value: '', label: t('kim.common.caseManagement') }, ...(organisations.data ?? []).filter((o) => PARTNER_KINDS.has(o.kind)).map((o) => ({ value: o.id, label: o.name }))]}
                />
              </SimpleGrid>
              <Group>
                <Button type="submit" loading={add.isPending}>
                  {t('cases.goals.submit')}
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
          caption={t('cases.goals.caption')}
          rows={goals.data}
          rowKey={(g) => g.id}
          empty={t('cases.goals.empty')}
          columns={[
            { key: 'title', header: labels.title, rowHeader: true, render: (g) => g.title },
            { key: 'domain', header: labels.lifeDomain, render: (g) => kimLabels.lifeDomain(g.lifeDomain) },
            { key: 'steps', header: t('cases.goals.colSteps'), render: (g) => g.steps.map((s) => `${s.done ? '✓ ' : ''}${s.text}`).join('; ') || '–' },
            { key: 'org', header: t('cases.goals.colResponsible'), render: (g) => g.responsibleOrganisation?.name ?? t('kim.common.caseManagement') },
            { key: 'due', header: labels.dueDate, nowrap: true, render: (g) => formatDate(g.dueDate) },
            { key: 'status', header: t('kim.common.status'), render: (g) => <GoalStatusSelect c={c} goal={g} /> },
          ]}
        />
      )}
    </Stack>
  );
}

function ReferralsTab({ c }: { c: CaseDetail }) {
  const t = useT();
  const kimLabels = useKimLabels();
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
  const labels: Record<string, string> = {
    recipientOrganisationId: t('cases.referrals.recipient'),
    message: t('cases.referrals.message'),
    offerName: t('cases.referrals.offer'),
    lifeDomain: t('kim.common.lifeDomain'),
  };
  return (
    <Stack gap="md">
      {c.can.refer ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="referral-add">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!v.recipientOrganisationId) {
                setErrors({ recipientOrganisationId: t('cases.referrals.recipientRequired') });
                attempts.bump();
                return;
              }
              add.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={3} id="referral-add">
                {t('cases.referrals.addTitle')}
              </Title>
              <Text size="sm">{t('cases.referrals.addHint')}</Text>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect
                  id={ids('recipientOrganisationId')}
                  label={labels.recipientOrganisationId}
                  required
                  value={v.recipientOrganisationId}
                  error={errors.recipientOrganisationId}
                  onChange={(e) => setV({ ...v, recipientOrganisationId: e.currentTarget.value })}
                  data={[{ value: '', label: t('kim.common.pleaseChoose') }, ...(organisations.data ?? []).filter((o) => PARTNER_KINDS.has(o.kind)).map((o) => ({ value: o.id, label: o.name }))]}
                />
                <TextInput id={ids('offerName')} label={labels.offerName} value={v.offerName} onChange={(e) => setV({ ...v, offerName: e.currentTarget.value })} />
                <NativeSelect
                  id={ids('lifeDomain')}
                  label={labels.lifeDomain}
                  value={v.lifeDomain}
                  onChange={(e) => setV({ ...v, lifeDomain: e.currentTarget.value as LifeDomain })}
                  data={[{ value: '', label: '–' }, ...LIFE_DOMAINS.map((d) => ({ value: d, label: kimLabels.lifeDomain(d) }))]}
                />
              </SimpleGrid>
              <Textarea id={ids('message')} label={labels.message} required value={v.message} error={errors.message} onChange={(e) => setV({ ...v, message: e.currentTarget.value })} autosize minRows={2} />
              <Group>
                <Button type="submit" loading={add.isPending}>
                  {t('cases.referrals.submit')}
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
          caption={t('cases.referrals.title')}
          rows={referrals.data}
          rowKey={(r) => r.id}
          empty={t('cases.referrals.empty')}
          columns={[
            { key: 'to', header: labels.recipientOrganisationId, rowHeader: true, render: (r) => r.recipientOrganisation.name },
            { key: 'offer', header: labels.offerName, render: (r) => r.offerName || '–' },
            { key: 'status', header: t('kim.common.status'), render: (r) => <Badge tt="none" variant="light">{kimLabels.referralStatus(r.status)}</Badge> },
            {
              key: 'consent',
              header: t('cases.referrals.colConsent'),
              render: (r) => (r.consentCovered ? kimLabels.consentStatus('active') : <Text span c="red.9">{t('cases.referrals.noConsent')}</Text>),
            },
            { key: 'feedback', header: t('cases.referrals.colFeedback'), render: (r) => r.feedbackNote || '–' },
            {
              key: 'actions',
              header: t('ui.actions'),
              render: (r) => (
                <Group gap={4}>
                  {r.can.changeStatus.map((to) => (
                    <Button key={to} size="xs" variant="default" onClick={() => status.mutate({ id: r.id, version: r.version, to: to as 'cancelled' | 'completed' })}>
                      {t(to === 'cancelled' ? 'cases.referrals.cancel' : 'cases.referrals.complete')}
                      <VisuallyHidden component="span"> ({r.recipientOrganisation.name})</VisuallyHidden>
                    </Button>
                  ))}
                </Group>
              ),
            },
          ]}
        />
      )}
      {status.isError ? <QueryError error={status.error} title={t('kim.common.notSaved')} /> : null}
    </Stack>
  );
}

function TasksTab({ c }: { c: CaseDetail }) {
  const { t, formatDate } = useI18n();
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
          <TextInput label={t('cases.tasks.task')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} miw={280} />
          <TextInput label={t('cases.tasks.dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} />
          <Button variant="default" disabled={title.trim().length < 2} loading={add.isPending} onClick={() => add.mutate()}>
            {t('cases.tasks.add')}
          </Button>
        </Group>
      ) : null}
      {add.isError ? <QueryError error={add.error} title={t('kim.common.notSaved')} /> : null}
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <QueryError error={tasks.error} />
      ) : (
        <DataTable
          caption={t('cases.tasks.title')}
          minWidth={480}
          rows={tasks.data}
          rowKey={(task) => task.id}
          empty={t('cases.tasks.empty')}
          columns={[
            { key: 'title', header: t('cases.tasks.task'), rowHeader: true, render: (task) => task.title },
            {
              key: 'due',
              header: t('cases.tasks.colDue'),
              render: (task) => (
                <Text span c={task.overdue ? 'red.9' : undefined}>
                  {task.overdue ? t('cases.tasks.overdue', { date: formatDate(task.dueDate) }) : formatDate(task.dueDate)}
                </Text>
              ),
            },
            { key: 'who', header: t('cases.tasks.colAssignee'), render: (task) => task.assignee.displayName },
            {
              key: 'done',
              header: t('cases.tasks.colDone'),
              render: (task) => (
                <Checkbox
                  aria-label={t('cases.tasks.doneLabel', { title: task.title })}
                  checked={!!task.doneAt}
                  disabled={!c.can.edit}
                  onChange={(e) => done.mutate({ id: task.id, version: task.version, done: e.currentTarget.checked })}
                />
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
  const { t, tx } = useI18n();
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
          {t('cases.team.title')}
        </Title>
        <Text size="sm">{tx('cases.team.caseManager', { name: <strong>{c.caseManager.displayName}</strong> })}</Text>
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('cases.team.deputies')}>
          {c.deputies.length === 0 ? (
            <Text component="li" size="sm">
              {t('cases.team.noDeputy')}
            </Text>
          ) : (
            c.deputies.map((d) => (
              <Group component="li" key={d.id} gap="xs">
                <Text size="sm">{t('cases.team.deputy', { name: d.displayName })}</Text>
                {c.can.manageTeam ? (
                  <Button size="compact-xs" variant="default" loading={save.isPending} onClick={() => save.mutate(c.deputies.filter((x) => x.id !== d.id).map((x) => x.id))}>
                    {t('cases.team.remove')}
                    <VisuallyHidden component="span"> ({d.displayName})</VisuallyHidden>
                  </Button>
                ) : null}
              </Group>
            ))
          )}
        </Stack>
        {c.can.manageTeam ? (
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('cases.team.add')}
              description={t('cases.team.addHint')}
              value={pick}
              onChange={(e) => setPick(e.currentTarget.value)}
              data={[{ value: '', label: t(options.length ? 'kim.common.pleaseChoose' : 'cases.team.nobody') }, ...options.map((u) => ({ value: u.id, label: u.displayName }))]}
              miw={240}
            />
            <Button variant="default" disabled={!pick} loading={save.isPending} onClick={() => save.mutate([...c.deputies.map((d) => d.id), pick])}>
              {t('cases.team.addButton')}
            </Button>
          </Group>
        ) : null}
        {save.isError ? <QueryError error={save.error} title={t('kim.common.notSaved')} /> : null}
      </Stack>
    </Paper>
  );
}

/** The next review date of the case (shown on "Meine Fälle" when it is due). */
function ReviewDueSection({ c }: { c: CaseDetail }) {
  const { t, formatDate } = useI18n();
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
          {t('cases.review.title')}
        </Title>
        {c.can.edit ? (
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('cases.review.date')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
            <Button variant="default" loading={save.isPending} disabled={(c.reviewDueAt ?? '') === date} onClick={() => save.mutate()}>
              {t('ui.save')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{c.reviewDueAt ? formatDate(c.reviewDueAt) : t('cases.review.notSet')}</Text>
        )}
        {save.isError ? <QueryError error={save.error} title={t('kim.common.notSaved')} /> : null}
      </Stack>
    </Paper>
  );
}

/** Report a structural barrier seen in this case, anonymised, and list those reported from it. */
function BarriersTab({ c }: { c: CaseDetail }) {
  const { t, formatDateTime } = useI18n();
  const kimLabels = useKimLabels();
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
  const labels: Record<string, string> = { category: t('cases.barriers.category'), agency: t('cases.barriers.agency'), description: t('cases.barriers.description') };
  return (
    <Stack gap="md">
      {c.can.edit ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="barrier-add">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const local: Record<string, string> = {};
              if (!v.category) local.category = t('cases.barriers.categoryRequired');
              if (v.description.trim().length < 10) local.description = t('kim.common.minLength', { min: 10 });
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
                {t('cases.barriers.addTitle')}
              </Title>
              <Text size="sm">{t('cases.barriers.addHint')}</Text>
              <FormErrorSummary errors={errors} error={add.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  id={ids('category')}
                  label={labels.category}
                  required
                  value={v.category}
                  error={errors.category}
                  onChange={(e) => setV({ ...v, category: e.currentTarget.value as BarrierCategory })}
                  data={[{ value: '', label: t('kim.common.pleaseChoose') }, ...BARRIER_CATEGORIES.map((k) => ({ value: k, label: kimLabels.barrierCategory(k) }))]}
                />
                <TextInput id={ids('agency')} label={labels.agency} value={v.agency} error={errors.agency} onChange={(e) => setV({ ...v, agency: e.currentTarget.value })} />
              </SimpleGrid>
              <Textarea
                id={ids('description')}
                label={labels.description}
                description={t('cases.barriers.descriptionHint')}
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
                  {t('cases.barriers.submit')}
                </Button>
                {saved ? (
                  <Text size="sm" role="status">
                    {t('cases.barriers.reported')}
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
          caption={t('cases.barriers.caption')}
          minWidth={520}
          rows={barriers.data}
          rowKey={(b) => b.id}
          empty={t('cases.barriers.empty')}
          columns={[
            { key: 'category', header: t('cases.barriers.colKind'), rowHeader: true, render: (b) => kimLabels.barrierCategory(b.category) },
            { key: 'agency', header: t('cases.barriers.colAgency'), render: (b) => b.agency || '–' },
            { key: 'description', header: labels.description, render: (b) => b.description },
            { key: 'at', header: t('cases.barriers.colReported'), nowrap: true, render: (b) => formatDateTime(b.createdAt) },
          ]}
        />
      )}
    </Stack>
  );
}

/** One case: phases (stepper and change), contacts, assessment, Hilfeplan, referrals, Wiedervorlagen, history. */
export function CaseDetailPage() {
  const { t, tx, formatDate, formatDateTime } = useI18n();
  const kimLabels = useKimLabels();
  const { id = '' } = useParams();
  const kase = useCase(id);
  const refresh = useRefreshCase(id);
  const me = useMe();
  if (kase.isPending) return <Loading />;
  if (kase.isError) return <CaseNotVisible error={kase.error} caseId={id} mayBreakGlass={hasPermission(me, 'cases.breakglass')} onRetry={() => void refresh()} />;
  const c = kase.data;
  return (
    <Page
      title={t('cases.detail.title', { number: c.caseNumber })}
      heading={tx('cases.detail.heading', { number: c.caseNumber, name: <bdi>{c.person.displayName}</bdi> })}
      description={
        <>
          <Anchor component={Link} to={`/personen/${c.person.id}`} underline="always">
            {t('cases.detail.toPerson')}
          </Anchor>
          {c.person.nativeName ? (
            <>
              {' · '}
              <bdi dir="auto">{c.person.nativeName}</bdi>
            </>
          ) : null}
          {' · '}
          {c.organisationName}
          {' · '}
          {t('cases.team.caseManager', { name: c.caseManager.displayName })}
          {c.deputies.length ? ` ${t('cases.detail.deputies', { names: c.deputies.map((d) => d.displayName).join(', ') })}` : ''}
        </>
      }
    >
      {c.breakGlass ? <BreakGlassBanner caseId={c.id} session={c.breakGlass} /> : null}
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="case-phase">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} id="case-phase">
              {t('cases.detail.phase', { phase: kimLabels.phase(c.phase) })}
            </Title>
            <PhaseBadge phase={c.phase} />
          </Group>
          <PhaseStepper phase={c.phase} visited={c.phaseHistory.map((e) => e.toPhase)} />
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" w={220}>{t('cases.detail.opened')}</Table.Th>
                <Table.Td>{t('cases.detail.openedValue', { date: formatDate(c.openedAt), referredBy: kimLabels.referringBody(c.referringBody) })}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('kim.common.firstConcern')}</Table.Th>
                <Table.Td>{c.firstConcern || '–'}</Table.Td>
              </Table.Tr>
              {c.clearingOutcome ? (
                <Table.Tr>
                  <Table.Th scope="row">{kimLabels.phase('clearing')}</Table.Th>
                  <Table.Td>{kimLabels.clearingOutcome(c.clearingOutcome)}</Table.Td>
                </Table.Tr>
              ) : null}
              {c.closureReason ? (
                <Table.Tr>
                  <Table.Th scope="row">{kimLabels.phase('closed')}</Table.Th>
                  <Table.Td>
                    {formatDate(c.closedAt)}: {kimLabels.closureReason(c.closureReason)}
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
          {!c.can.edit && !c.breakGlass ? <Alert color="gray">{t('cases.detail.readOnly')}</Alert> : null}
          <PhaseForm key={`${c.phase}-${c.version}`} c={c} />
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TeamSection key={`team-${c.version}`} c={c} />
        <ReviewDueSection key={`review-${c.version}`} c={c} />
      </SimpleGrid>
      <Tabs defaultValue="contacts" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="contacts">{t('cases.contacts.title')}</Tabs.Tab>
          <Tabs.Tab value="assessment">{kimLabels.phase('assessment')}</Tabs.Tab>
          <Tabs.Tab value="goals">{t('cases.goals.title')}</Tabs.Tab>
          <Tabs.Tab value="referrals">{t('cases.referrals.title')}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t('cases.tasks.title')}</Tabs.Tab>
          <Tabs.Tab value="barriers">{t('cases.barriers.title')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('cases.history.title')}</Tabs.Tab>
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
            caption={t('cases.history.caption')}
            minWidth={480}
            rows={c.phaseHistory}
            rowKey={(e) => `${e.toPhase}-${e.occurredAt}`}
            empty="–"
            columns={[
              { key: 'at', header: t('cases.history.colTime'), rowHeader: true, nowrap: true, render: (e) => formatDateTime(e.occurredAt) },
              { key: 'phase', header: t('cases.history.colPhase'), render: (e) => kimLabels.phase(e.toPhase) },
              { key: 'who', header: t('cases.history.colActor'), render: (e) => e.actor?.displayName ?? '–' },
              { key: 'note', header: t('cases.phaseForm.note'), render: (e) => e.note || '–' },
            ]}
          />
        </Tabs.Panel>
      </Tabs>
      <DocumentsPanel base={`/cases/${c.id}`} title={t('cases.detail.documents')} />
    </Page>
  );
}
