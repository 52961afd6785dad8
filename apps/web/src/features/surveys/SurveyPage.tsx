import { useState } from 'react';
import { Alert, Anchor, Box, Button, Checkbox, Group, Paper, Select, Stack, Table, Tabs, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router';
import { QUESTION_TYPE_LABELS_DE, QUESTION_TYPES, RESPONSE_STATUS_LABELS_DE, SURVEY_STATUS_LABELS_DE, type QuestionType, type Survey, type SurveySummary } from '@teilhabe/shared';
import { useI18n } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { useDirT } from '../directory/messages';
import { NetworkTabs } from '../directory/NetworkTabs';
import { useSurvey, useSurveyMutation, useSurveyStatus, useSurveySummary } from './api';

export function SurveyPage() {
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  if (survey.isPending) return <Loading />;
  if (survey.isError) return <QueryError error={survey.error} onRetry={() => void survey.refetch()} />;
  return <SurveyView key={`${survey.data.id}-${survey.data.version}`} survey={survey.data} />;
}

function SurveyView({ survey }: { survey: Survey }) {
  const t = useDirT();
  const { formatDate } = useI18n();
  return (
    <Page
      title={survey.title}
      heading={<bdi>{survey.title}</bdi>}
      description={`${SURVEY_STATUS_LABELS_DE[survey.status]}${survey.deadline ? ` · ${t('survey.deadline')}: ${formatDate(survey.deadline)}` : ''}${survey.counts.total ? ` · ${t('survey.returns', { submitted: survey.counts.submitted, total: survey.counts.total })}` : ''}`}
      actions={
        <Anchor component={Link} to="/netzwerk/abfragen">
          {t('survey.back')}
        </Anchor>
      }
    >
      <NetworkTabs />
      {survey.status === 'draft' ? <Builder survey={survey} /> : <Results survey={survey} />}
    </Page>
  );
}

interface QuestionState {
  id: string;
  type: QuestionType;
  label: string;
  required: boolean;
  options: string;
  unit: string;
  showIf: string;
}

function Builder({ survey }: { survey: Survey }) {
  const t = useDirT();
  const mutate = useSurveyMutation();
  const [title, setTitle] = useState(survey.title);
  const [description, setDescription] = useState(survey.description);
  const [deadline, setDeadline] = useState('');
  const [questions, setQuestions] = useState<QuestionState[]>(
    survey.questions.map((q) => ({ id: q.id, type: q.type, label: q.label, required: q.required, options: (q.options ?? []).join('\n'), unit: q.unit ?? '', showIf: q.showIf ?? '' })),
  );
  const errors = fieldErrorsOf(mutate.error);
  const update = (i: number, patch: Partial<QuestionState>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const body = () => ({
    title,
    description,
    questions: questions.map((q) => ({
      id: q.id,
      type: q.type,
      label: q.label,
      required: q.required,
      ...(q.type === 'single_choice' || q.type === 'multiple_choice' ? { options: q.options.split('\n').map((o) => o.trim()).filter(Boolean) } : {}),
      ...(q.type === 'number' && q.unit.trim() ? { unit: q.unit.trim() } : {}),
      ...(q.showIf ? { showIf: q.showIf } : {}),
    })),
  });
  const nextId = () => {
    let n = questions.length + 1;
    while (questions.some((q) => q.id === `frage_${n}`)) n++;
    return `frage_${n}`;
  };

  return (
    <Stack gap="lg">
      {mutate.error ? (
        <Alert color="red" variant="light" role="alert">
          {mutate.error.message}
        </Alert>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <Stack>
          <Title order={2} size="h3">
            {t('survey.builder')}
          </Title>
          <TextInput label={t('survey.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required error={errors.title} />
          <Textarea label={t('survey.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} error={errors.description} />
        </Stack>
      </Paper>
      {questions.map((q, i) => {
        const prefix = `questions.${i}`;
        const yesNoBefore = questions.slice(0, i).filter((p) => p.type === 'yes_no');
        return (
          <Paper key={i} withBorder p="md" radius="md" component="fieldset" style={{ margin: 0 }}>
            <Stack gap="sm">
              <Text component="legend" fw={700}>
                {t('survey.question', { n: i + 1 })}
              </Text>
              <Textarea label={t('survey.qLabel')} value={q.label} onChange={(e) => update(i, { label: e.currentTarget.value })} autosize minRows={1} required error={errors[`${prefix}.label`]} />
              <Group grow align="flex-start">
                <Select
                  label={t('survey.qType')}
                  data={QUESTION_TYPES.map((type) => ({ value: type, label: QUESTION_TYPE_LABELS_DE[type] }))}
                  value={q.type}
                  onChange={(v) => update(i, { type: (v ?? 'text') as QuestionType })}
                  allowDeselect={false}
                  error={errors[`${prefix}.type`]}
                />
                <TextInput label={t('survey.qId')} value={q.id} onChange={(e) => update(i, { id: e.currentTarget.value })} error={errors[`${prefix}.id`]} styles={{ input: { fontFamily: 'monospace' } }} />
                <Select
                  label={t('survey.qShowIf')}
                  data={[{ value: '', label: t('survey.qShowIfNone') }, ...yesNoBefore.map((p) => ({ value: p.id, label: p.label.slice(0, 60) }))]}
                  value={q.showIf}
                  onChange={(v) => update(i, { showIf: v ?? '' })}
                  allowDeselect={false}
                  error={errors[`${prefix}.showIf`]}
                />
              </Group>
              {q.type === 'single_choice' || q.type === 'multiple_choice' ? (
                <Textarea label={t('survey.qOptions')} value={q.options} onChange={(e) => update(i, { options: e.currentTarget.value })} autosize minRows={3} error={errors[`${prefix}.options`]} />
              ) : null}
              {q.type === 'number' ? <TextInput label={t('survey.qUnit')} value={q.unit} onChange={(e) => update(i, { unit: e.currentTarget.value })} maw={240} error={errors[`${prefix}.unit`]} /> : null}
              <Group justify="space-between">
                <Checkbox label={t('survey.qRequired')} checked={q.required} onChange={(e) => update(i, { required: e.currentTarget.checked })} />
                <Group gap="xs">
                  {i > 0 ? (
                    <Button size="xs" variant="default" onClick={() => setQuestions((qs) => qs.map((x, j) => (j === i - 1 ? qs[i]! : j === i ? qs[i - 1]! : x)))}>
                      {t('survey.moveUp', { n: i + 1 })}
                    </Button>
                  ) : null}
                  {questions.length > 1 ? (
                    <Button size="xs" variant="subtle" color="red.9" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
                      {t('survey.removeQuestion', { n: i + 1 })}
                    </Button>
                  ) : null}
                </Group>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button variant="default" onClick={() => setQuestions((qs) => [...qs, { id: nextId(), type: 'text', label: '', required: false, options: '', unit: '', showIf: '' }])}>
          {t('survey.addQuestion')}
        </Button>
        <Button
          onClick={() =>
            mutate.mutate({ id: survey.id, version: survey.version, kind: 'update', body: body() }, { onSuccess: () => notifications.show({ color: 'green', message: t('survey.saved') }) })
          }
          loading={mutate.isPending}
        >
          {t('survey.save')}
        </Button>
      </Group>
      <Paper withBorder p="md" radius="md">
        <Group align="flex-end">
          <TextInput type="date" label={t('survey.deadline')} value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} required error={errors.deadline} />
          <Button
            onClick={() =>
              mutate.mutate(
                { id: survey.id, version: survey.version, kind: 'send', body: { deadline } },
                { onSuccess: () => notifications.show({ color: 'green', message: t('survey.sent') }) },
              )
            }
            loading={mutate.isPending}
          >
            {t('survey.send')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}

function Results({ survey }: { survey: Survey }) {
  const t = useDirT();
  const { formatDateTime } = useI18n();
  const status = useSurveyStatus(survey.id, true);
  const summary = useSurveySummary(survey.id, true);
  const mutate = useSurveyMutation();
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        {survey.can.remind ? (
          <Button
            variant="default"
            onClick={() =>
              mutate.mutate({ id: survey.id, version: survey.version, kind: 'remind' }, { onSuccess: (r) => notifications.show({ color: 'green', message: t('survey.reminded', { count: r.notified ?? 0 }) }) })
            }
            loading={mutate.isPending}
          >
            {t('survey.remind')}
          </Button>
        ) : null}
        {survey.can.close ? (
          <Button
            variant="default"
            onClick={() => mutate.mutate({ id: survey.id, version: survey.version, kind: 'close' }, { onSuccess: () => notifications.show({ color: 'green', message: t('survey.closed') }) })}
            loading={mutate.isPending}
          >
            {t('survey.close')}
          </Button>
        ) : null}
        <Button component="a" href={`/api/v1/surveys/${survey.id}/summary.pdf`} download variant="default">
          {t('survey.pdf')}
        </Button>
        <Button component="a" href={`/api/v1/surveys/${survey.id}/summary.xlsx`} download variant="default">
          {t('survey.xlsx')}
        </Button>
      </Group>
      {mutate.error ? (
        <Alert color="red" variant="light" role="alert">
          {mutate.error.message}
        </Alert>
      ) : null}
      <Tabs defaultValue="summary">
        <Tabs.List>
          <Tabs.Tab value="summary">{t('survey.summary')}</Tabs.Tab>
          <Tabs.Tab value="status">{t('survey.status')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="summary" pt="md">
          {summary.isPending ? <Loading /> : null}
          {summary.isError ? <QueryError error={summary.error} /> : null}
          {summary.data ? <SummaryView summary={summary.data} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="status" pt="md">
          {status.isPending ? <Loading /> : null}
          {status.data ? (
            <DataTable
              caption={t('survey.statusCaption')}
              columns={[
                { key: 'name', header: t('surveys.col.kommune'), rowHeader: true, render: (r) => r.name },
                { key: 'status', header: t('surveys.col.status'), render: (r) => RESPONSE_STATUS_LABELS_DE[r.status] },
                { key: 'at', header: t('surveys.col.response'), render: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '–') },
              ]}
              rows={status.data}
              rowKey={(r) => r.organisationId}
              empty="–"
              minWidth={480}
            />
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const num = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 2 });

function SummaryView({ summary }: { summary: SurveySummary }) {
  const t = useDirT();
  return (
    <Stack gap="lg">
      <Text fw={600}>{t('survey.returns', { submitted: summary.submitted, total: summary.kommunen })}</Text>
      {summary.questions.map((q, i) => (
        <Paper key={q.id} withBorder p="md" radius="md" component="section" aria-labelledby={`q-${q.id}`}>
          <Stack gap="xs">
            <Title order={3} size="h4" id={`q-${q.id}`}>
              {i + 1}. {q.label}
            </Title>
            <Text size="sm">{t('survey.answered', { count: q.answered })}</Text>
            {q.counts.length ? (
              <Table fz="sm" maw={720}>
                <caption>
                  <VisuallyHidden>{q.label}</VisuallyHidden>
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('survey.option')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('survey.countCol')}
                    </Table.Th>
                    <Table.Th scope="col">{t('survey.share')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.counts.map((c) => {
                    const share = summary.submitted ? c.count / summary.submitted : 0;
                    return (
                      <Table.Tr key={c.option}>
                        <Table.Th scope="row" fw={400}>
                          {c.label}
                        </Table.Th>
                        <Table.Td ta="end">{c.count}</Table.Td>
                        <Table.Td w="50%">
                          <Group gap="xs" wrap="nowrap">
                            <Box h={10} w={`${Math.max(1, share * 100)}%`} bg="blue.8" style={{ borderRadius: 2 }} aria-hidden="true" />
                            <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                              {Math.round(share * 100)} %
                            </Text>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            ) : null}
            {q.stats ? (
              <Text size="sm">
                {t('survey.stats', { sum: num(q.stats.sum), mean: num(q.stats.mean), median: num(q.stats.median), min: num(q.stats.min), max: num(q.stats.max) })}
                {q.unit ? ` (${q.unit})` : ''}
              </Text>
            ) : null}
            <details>
              <summary>{t('survey.perKommune')}</summary>
              <Table fz="sm" mt="xs">
                <caption>
                  <VisuallyHidden>
                    {t('survey.perKommune')}: {q.label}
                  </VisuallyHidden>
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('surveys.col.kommune')}</Table.Th>
                    <Table.Th scope="col">{t('survey.option')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.perKommune.map((p) => (
                    <Table.Tr key={p.organisationId}>
                      <Table.Th scope="row" fw={400}>
                        {p.name}
                      </Table.Th>
                      <Table.Td>
                        <bdi>{p.answer}</bdi>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </details>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
