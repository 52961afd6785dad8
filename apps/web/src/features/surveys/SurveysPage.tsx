import { Anchor, Badge, Button, Group, Stack, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { RESPONSE_STATUS_LABELS_DE, SURVEY_STATUS_LABELS_DE, type Survey } from '@teilhabe/shared';
import { useI18n } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { hasPermission, useMe } from '../auth/session';
import { useDirT } from '../directory/messages';
import { NetworkTabs } from '../directory/NetworkTabs';
import { useAssigned, useCreateSurvey, useSurveys } from './api';

const EMPTY_QUESTIONS = [{ id: 'frage_1', type: 'text', label: 'Neue Frage', required: false }];

/** Coordinators see all Abfragen (and create them); municipality users see the ones addressed to their Kommune. */
export function SurveysPage() {
  const t = useDirT();
  const { formatDate } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const manage = hasPermission(me, 'surveys.manage');
  const answer = hasPermission(me, 'surveys.answer');
  const surveys = useSurveys(manage);
  const assigned = useAssigned(answer);
  const create = useCreateSurvey();

  const columns: Column<Survey>[] = [
    {
      key: 'title',
      header: t('surveys.col.title'),
      rowHeader: true,
      render: (s) => (
        <Anchor component={Link} to={`/netzwerk/abfragen/${s.id}`}>
          <bdi>{s.title}</bdi>
        </Anchor>
      ),
    },
    { key: 'status', header: t('surveys.col.status'), render: (s) => <Badge variant="outline" radius="sm" color={s.status === 'open' ? '#1a4f8b' : s.status === 'closed' ? '#495057' : '#8a4b00'}>{SURVEY_STATUS_LABELS_DE[s.status]}</Badge> },
    { key: 'deadline', header: t('surveys.col.deadline'), render: (s) => (s.deadline ? formatDate(s.deadline) : '–') },
    { key: 'returns', header: t('surveys.col.returns'), render: (s) => (s.counts.total ? `${s.counts.submitted} / ${s.counts.total}` : '–') },
  ];

  const start = (input: { template: string } | { body: unknown }) =>
    create.mutate(input, {
      onSuccess: (s) => {
        notifications.show({ color: 'green', message: t('survey.saved') });
        void navigate(`/netzwerk/abfragen/${s.id}`);
      },
    });

  return (
    <Page
      title={t('surveys.title')}
      description={manage ? t('surveys.intro') : t('surveys.introAnswer')}
      actions={
        manage ? (
          <Group gap="xs">
            <Button onClick={() => start({ body: { title: 'Neue Abfrage', questions: EMPTY_QUESTIONS } })} loading={create.isPending}>
              {t('surveys.new')}
            </Button>
            <Button variant="default" onClick={() => start({ template: 'integrationsarbeit' })} loading={create.isPending}>
              {t('surveys.fromTemplate')}
            </Button>
          </Group>
        ) : null
      }
    >
      <NetworkTabs />
      {create.error ? <QueryError error={create.error} /> : null}
      {manage ? (
        <>
          {surveys.isPending ? <Loading /> : null}
          {surveys.isError ? <QueryError error={surveys.error} onRetry={() => void surveys.refetch()} /> : null}
          {surveys.data ? <DataTable caption={t('surveys.caption')} columns={columns} rows={surveys.data} rowKey={(s) => s.id} empty={t('surveys.empty')} minWidth={600} /> : null}
        </>
      ) : null}
      {answer ? (
        <Stack gap="xs">
          {manage ? <Title order={2}>{t('surveys.introAnswer')}</Title> : null}
          {assigned.isPending ? <Loading /> : null}
          {assigned.isError ? <QueryError error={assigned.error} onRetry={() => void assigned.refetch()} /> : null}
          {assigned.data ? (
            <DataTable
              caption={t('surveys.caption')}
              columns={[
                { key: 'title', header: t('surveys.col.title'), rowHeader: true, render: (a) => <bdi>{a.title}</bdi> },
                { key: 'kommune', header: t('surveys.col.kommune'), render: (a) => a.organisationName },
                { key: 'deadline', header: t('surveys.col.deadline'), render: (a) => (a.deadline ? formatDate(a.deadline) : '–') },
                { key: 'status', header: t('surveys.col.response'), render: (a) => RESPONSE_STATUS_LABELS_DE[a.status] },
                {
                  key: 'go',
                  header: '',
                  render: (a) => (
                    <Anchor component={Link} to={`/netzwerk/abfragen/${a.surveyId}/antwort/${a.organisationId}`}>
                      {a.surveyStatus === 'open' ? t('surveys.answer') : t('surveys.view')}
                      <VisuallyHidden> – {a.title}</VisuallyHidden>
                    </Anchor>
                  ),
                },
              ]}
              rows={assigned.data}
              rowKey={(a) => `${a.surveyId}-${a.organisationId}`}
              empty={t('surveys.empty')}
              minWidth={600}
            />
          ) : null}
        </Stack>
      ) : null}
    </Page>
  );
}
