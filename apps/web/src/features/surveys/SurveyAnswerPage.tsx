import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, NumberInput, Paper, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router';
import { HANDLUNGSFELD_LABELS_DE, HANDLUNGSFELDER, isQuestionActive, RESPONSE_STATUS_LABELS_DE, type SurveyAnswers, type SurveyResponse } from '@teilhabe/shared';
import { useI18n } from '../../i18n';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { useDirT } from '../directory/messages';
import { NetworkTabs } from '../directory/NetworkTabs';
import { useSaveResponse, useSurveyResponse } from './api';

export function SurveyAnswerPage() {
  const { id = '', organisationId = '' } = useParams();
  const response = useSurveyResponse(id, organisationId);
  if (response.isPending) return <Loading />;
  if (response.isError) return <QueryError error={response.error} onRetry={() => void response.refetch()} />;
  return <AnswerForm key={response.data.version} response={response.data} />;
}

/** The Kommune's answer: one form per survey and Kommune, saved as a draft or submitted. */
function AnswerForm({ response }: { response: SurveyResponse }) {
  const t = useDirT();
  const { formatDate } = useI18n();
  const ids = useFieldIds();
  const save = useSaveResponse();
  const { attempt, bump } = useSubmitAttempts();
  const [answers, setAnswers] = useState<SurveyAnswers>(response.answers as SurveyAnswers);
  const editable = response.can.edit;
  const survey = response.survey;
  const errors = fieldErrorsOf(save.error);
  const set = (id: string, value: SurveyAnswers[string]) => setAnswers((a) => ({ ...a, [id]: value }));

  const submit = (final: boolean) => {
    const active = Object.fromEntries(Object.entries(answers).filter(([id]) => {
      const q = survey.questions.find((x) => x.id === id);
      return q && isQuestionActive(q, answers);
    }));
    save.mutate(
      { id: survey.id, org: response.organisationId, version: response.version, answers: active, submit: final },
      {
        onSuccess: () => notifications.show({ color: 'green', message: final ? t('survey.submitted') : t('survey.draftSaved') }),
        onError: () => bump(),
      },
    );
  };

  return (
    <Page
      title={survey.title}
      heading={<bdi>{survey.title}</bdi>}
      description={`${response.organisationName} · ${RESPONSE_STATUS_LABELS_DE[response.status]}`}
      actions={
        <Anchor component={Link} to="/netzwerk/abfragen">
          {t('survey.back')}
        </Anchor>
      }
    >
      <NetworkTabs />
      {survey.description ? <Text maw="70ch">{survey.description}</Text> : null}
      {survey.deadline && editable ? <Text fw={600}>{t('survey.deadlineNote', { date: formatDate(survey.deadline) })}</Text> : null}
      {!editable ? <Alert variant="light">{t('survey.closedNote')}</Alert> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
      >
        <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <FormErrorSummary
              errors={errors}
              error={save.error}
              attempt={attempt}
              labelFor={(path) => survey.questions.find((q) => `answers.${q.id}` === path)?.label ?? path}
              idFor={ids}
            />
            {survey.questions.map((q, i) => {
              if (!isQuestionActive(q, answers)) return null;
              const path = `answers.${q.id}`;
              const label = `${i + 1}. ${q.label}`;
              const value = answers[q.id];
              const error = errors[path];
              let input;
              switch (q.type) {
                case 'text':
                  input = <Textarea id={ids(path)} label={label} required={q.required} value={typeof value === 'string' ? value : ''} onChange={(e) => set(q.id, e.currentTarget.value)} autosize minRows={2} error={error} />;
                  break;
                case 'number':
                  input = (
                    <NumberInput
                      id={ids(path)}
                      label={label}
                      required={q.required}
                      description={q.unit}
                      value={typeof value === 'number' ? value : ''}
                      onChange={(v) => set(q.id, typeof v === 'number' ? v : null)}
                      min={0}
                      decimalSeparator=","
                      error={error}
                      styles={{ input: { maxWidth: 260 } }}
                    />
                  );
                  break;
                case 'yes_no':
                  input = (
                    <Radio.Group id={ids(path)} label={label} required={q.required} value={value === true ? 'yes' : value === false ? 'no' : ''} onChange={(v) => set(q.id, v === 'yes')} error={error}>
                      <Group mt="xs">
                        <Radio value="yes" label={t('survey.yes')} />
                        <Radio value="no" label={t('survey.no')} />
                      </Group>
                    </Radio.Group>
                  );
                  break;
                case 'single_choice':
                  input = (
                    <Radio.Group id={ids(path)} label={label} required={q.required} value={typeof value === 'string' ? value : ''} onChange={(v) => set(q.id, v)} error={error}>
                      <Stack mt="xs" gap={6}>
                        {(q.options ?? []).map((o) => (
                          <Radio key={o} value={o} label={o} />
                        ))}
                      </Stack>
                    </Radio.Group>
                  );
                  break;
                case 'multiple_choice':
                case 'handlungsfelder': {
                  const options = q.type === 'handlungsfelder' ? HANDLUNGSFELDER.map((h) => ({ value: h, label: HANDLUNGSFELD_LABELS_DE[h] })) : (q.options ?? []).map((o) => ({ value: o, label: o }));
                  input = (
                    <Checkbox.Group id={ids(path)} label={label} required={q.required} value={Array.isArray(value) ? value : []} onChange={(v) => set(q.id, v)} error={error}>
                      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
                        {options.map((o) => (
                          <Checkbox key={o.value} value={o.value} label={o.label} />
                        ))}
                      </SimpleGrid>
                    </Checkbox.Group>
                  );
                  break;
                }
              }
              return (
                <Paper key={q.id} withBorder p="md" radius="md">
                  {input}
                </Paper>
              );
            })}
            {editable ? (
              <Group>
                <Button variant="default" onClick={() => submit(false)} loading={save.isPending}>
                  {t('survey.saveDraft')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('survey.submit')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </fieldset>
      </form>
    </Page>
  );
}
