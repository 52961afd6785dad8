import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { PublicInterpreterRequestCreated, PublicInterpreterRequestStatus } from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Loading, QueryError } from '../../ui/feedback';
import { CheckIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { interpretersKey, publicCancel, publicConfirmationUrl, publicFeedback, submitPublicRequest, usePublicFormInfo, usePublicStatus } from './api';
import { Fact, Facts, placeText, RequestStatusBadge } from './common';
import { useAppointmentText, usePoolLabels } from './labels';
import { RequestForm } from './RequestForm';

/** `/sprachmittlung/anfrage`: the request form for schools, Kitas, Ämter and counselling services — no login. */
export function PublicRequestPage() {
  const t = useT();
  const info = usePublicFormInfo();
  const navigate = useNavigate();
  return (
    <Page
      title={t('interpreters.public.title')}
      description={t('interpreters.public.description')}
    >
      {info.isPending ? <Loading /> : null}
      {info.isError ? <QueryError error={info.error} onRetry={() => void info.refetch()} /> : null}
      {info.data ? (
        <RequestForm
          withInstitution
          honeypot
          gemeinden={info.data.gemeinden}
          earliestDateText={info.data.earliestDateText}
          leadTimeWorkdays={info.data.leadTimeWorkdays}
          submitLabel={t('interpreters.public.submit')}
          submit={(body, key) => submitPublicRequest(body, key)}
          onDone={(result) => {
            const created = result as PublicInterpreterRequestCreated;
            navigate(`/sprachmittlung/anfrage/status/${created.statusToken}`, { state: { created: created.reference } });
          }}
        />
      ) : null}
    </Page>
  );
}

/** `/sprachmittlung/anfrage/status/:token`: the requester follows, cancels, downloads the confirmation, gives feedback. */
export function PublicStatusPage() {
  const t = useT();
  const labels = usePoolLabels();
  const appointmentText = useAppointmentText();
  const { token = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const status = usePublicStatus(token);
  if (status.isPending) return <Loading />;
  if (status.isError) {
    return (
      <Page title={t('interpreters.public.notFoundTitle')}>
        {isApiError(status.error, 404) ? <Text>{t('interpreters.public.notFound')}</Text> : <QueryError error={status.error} />}
      </Page>
    );
  }
  const s = status.data;
  return (
    <Page title={t('interpreters.public.statusTitle', { reference: s.reference })} description={t('interpreters.public.statusDescription')}>
      {created ? (
        <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="green" variant="light" icon={<CheckIcon />} title={t('interpreters.public.sentTitle')} role="status">
          {t('interpreters.public.sent', { reference: created })}
        </Alert>
      ) : null}
      <Facts>
        <Fact label={t('interpreters.public.factStatus')}>
          <RequestStatusBadge status={s.status} />
        </Fact>
        <Fact label={t('interpreters.public.factInstitution')}>{s.institutionName}</Fact>
        <Fact label={t('interpreters.public.factAppointment')}>
          {appointmentText(s.date, s.time)} ({t('interpreters.public.durationMinutes', { count: s.durationMinutes })})
        </Fact>
        <Fact label={t('interpreters.public.factPlace')}>{s.place.mode === 'in_person' ? placeText(s.place) : labels.mode(s.place.mode)}</Fact>
        <Fact label={t('interpreters.public.factLanguage')}>
          {s.languageName}
          {s.dialect ? ` (${s.dialect})` : ''}
        </Fact>
        <Fact label={t('interpreters.public.factInterpreter')}>{s.interpreterName ?? t('interpreters.public.notYetAssigned')}</Fact>
        {s.cancelReason ? <Fact label={t('interpreters.public.factReason')}>{s.cancelReason}</Fact> : null}
      </Facts>
      {s.can.confirmation ? (
        <Group>
          <Button component="a" href={publicConfirmationUrl(token)} target="_blank" rel="noopener">
            {t('interpreters.public.confirmationPdf')}
          </Button>
        </Group>
      ) : null}
      {s.can.feedback ? <FeedbackForm token={token} /> : null}
      {s.feedbackGiven ? <Text>{t('interpreters.public.thanks')}</Text> : null}
      {s.can.cancel ? <CancelForm token={token} status={s} /> : null}
      <Text size="sm" c="dimmed">
        {t('interpreters.public.footer', { status: labels.status(s.status) })}{' '}
        <Anchor href="/sprachmittlung/anfrage" underline="always">
          {t('interpreters.public.another')}
        </Anchor>
      </Text>
    </Page>
  );
}

function CancelForm({ token, status }: { token: string; status: PublicInterpreterRequestStatus }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => publicCancel(token, reason),
    onSuccess: (data) => queryClient.setQueryData([...interpretersKey, 'public-status', token], data),
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="cancel-heading">
      <Text id="cancel-heading" fw={700} component="h2" size="lg">
        {t('interpreters.public.cancelTitle')}
      </Text>
      {status.status === 'assigned' ? <Text size="sm">{t('interpreters.public.cancelLate')}</Text> : null}
      <Textarea label={t('interpreters.public.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={isApiError(cancel.error) ? (cancel.error.fields.reason ?? cancel.error.message) : undefined} />
      <Group>
        <Button color="red.8" variant="outline" onClick={() => cancel.mutate()} loading={cancel.isPending}>
          {t('interpreters.public.cancelButton')}
        </Button>
      </Group>
    </Stack>
  );
}

function FeedbackForm({ token }: { token: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [tookPlace, setTookPlace] = useState(true);
  const [rating, setRating] = useState('5');
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: () => publicFeedback(token, { tookPlace, rating: Number(rating), ...(comment.trim() ? { comment } : {}) }),
    onSuccess: (data) => queryClient.setQueryData([...interpretersKey, 'public-status', token], data),
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="feedback-heading">
      <Text id="feedback-heading" fw={700} component="h2" size="lg">
        {t('interpreters.public.feedbackTitle')}
      </Text>
      <Checkbox label={t('interpreters.public.tookPlace')} checked={tookPlace} onChange={(e) => setTookPlace(e.currentTarget.checked)} />
      <NativeSelect label={t('interpreters.public.rating')} value={rating} onChange={(e) => setRating(e.currentTarget.value)} data={['5', '4', '3', '2', '1'].map((v) => ({ value: v, label: t('interpreters.public.ratingOption', { value: v }) }))} w={220} />
      <Textarea label={t('interpreters.public.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
      {send.error ? <Text c="red.8">{send.error.message}</Text> : null}
      <Group>
        <Button onClick={() => send.mutate()} loading={send.isPending}>
          {t('interpreters.public.feedbackButton')}
        </Button>
      </Group>
    </Stack>
  );
}
