import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate, useParams } from 'react-router';
import { INTERPRETER_REQUEST_STATUS_LABELS_DE, type PublicInterpreterRequestCreated, type PublicInterpreterRequestStatus } from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { Loading, QueryError } from '../../ui/feedback';
import { CheckIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { interpretersKey, publicCancel, publicConfirmationUrl, publicFeedback, submitPublicRequest, usePublicFormInfo, usePublicStatus } from './api';
import { appointmentText, Fact, Facts, placeText, RequestStatusBadge } from './common';
import { RequestForm } from './RequestForm';

/** `/sprachmittlung/anfrage`: the request form for schools, Kitas, Ämter and counselling services — no login. */
export function PublicRequestPage() {
  const info = usePublicFormInfo();
  const navigate = useNavigate();
  return (
    <Page
      title="Sprachmittlung anfragen"
      description="Für öffentliche und gemeinnützige Einrichtungen im Kreis: Laien-Sprachmittler:innen für niedrigschwellige Gespräche, zum Beispiel Elterngespräche, Kita, Bürgerbüro oder Beratung. Keine Anfragen von Privatpersonen."
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
          submitLabel="Anfrage senden"
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
  const { token = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const status = usePublicStatus(token);
  if (status.isPending) return <Loading />;
  if (status.isError) {
    return (
      <Page title="Anfrage nicht gefunden">
        {isApiError(status.error, 404) ? <Text>Diese Anfrage gibt es nicht oder der Link ist ungültig.</Text> : <QueryError error={status.error} />}
      </Page>
    );
  }
  const s = status.data;
  return (
    <Page title={`Anfrage ${s.reference}`} description="Bitte bewahren Sie diesen Link auf: Hier sehen Sie den Stand, die Auftragsbestätigung und können den Termin absagen.">
      {created ? (
        <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="green" variant="light" icon={<CheckIcon />} title="Anfrage gesendet" role="status">
          Ihre Anfrage {created} ist eingegangen. Das Kommunale Integrationszentrum sucht eine passende Sprachmittler:in und bestätigt den Termin.
        </Alert>
      ) : null}
      <Facts>
        <Fact label="Stand">
          <RequestStatusBadge status={s.status} />
        </Fact>
        <Fact label="Einrichtung">{s.institutionName}</Fact>
        <Fact label="Termin">
          {appointmentText(s.date, s.time)} ({s.durationMinutes} Minuten)
        </Fact>
        <Fact label="Ort">{placeText(s.place)}</Fact>
        <Fact label="Sprache">
          {s.languageName}
          {s.dialect ? ` (${s.dialect})` : ''}
        </Fact>
        <Fact label="Sprachmittler:in">{s.interpreterName ?? 'noch nicht vermittelt'}</Fact>
        {s.cancelReason ? <Fact label="Grund">{s.cancelReason}</Fact> : null}
      </Facts>
      {s.can.confirmation ? (
        <Group>
          <Button component="a" href={publicConfirmationUrl(token)} target="_blank" rel="noopener">
            Auftragsbestätigung (PDF)
          </Button>
        </Group>
      ) : null}
      {s.can.feedback ? <FeedbackForm token={token} /> : null}
      {s.feedbackGiven ? <Text>Vielen Dank für Ihre Rückmeldung.</Text> : null}
      {s.can.cancel ? <CancelForm token={token} status={s} /> : null}
      <Text size="sm" c="dimmed">
        Stand: {INTERPRETER_REQUEST_STATUS_LABELS_DE[s.status]}. Fragen? Bitte wenden Sie sich an das Kommunale Integrationszentrum.{' '}
        <Anchor href="/sprachmittlung/anfrage" underline="always">
          Weitere Anfrage stellen
        </Anchor>
      </Text>
    </Page>
  );
}

function CancelForm({ token, status }: { token: string; status: PublicInterpreterRequestStatus }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => publicCancel(token, reason),
    onSuccess: (data) => queryClient.setQueryData([...interpretersKey, 'public-status', token], data),
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="cancel-heading">
      <Text id="cancel-heading" fw={700} component="h2" size="lg">
        Termin absagen
      </Text>
      {status.status === 'assigned' ? <Text size="sm">Absagen weniger als 24 Stunden vor dem Termin werden der Sprachmittlung trotzdem vergütet.</Text> : null}
      <Textarea label="Grund der Absage" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={isApiError(cancel.error) ? (cancel.error.fields.reason ?? cancel.error.message) : undefined} />
      <Group>
        <Button color="red.8" variant="outline" onClick={() => cancel.mutate()} loading={cancel.isPending}>
          Termin absagen
        </Button>
      </Group>
    </Stack>
  );
}

function FeedbackForm({ token }: { token: string }) {
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
        Rückmeldung zum Termin
      </Text>
      <Checkbox label="Der Termin hat stattgefunden" checked={tookPlace} onChange={(e) => setTookPlace(e.currentTarget.checked)} />
      <NativeSelect label="Wie hilfreich war die Sprachmittlung?" value={rating} onChange={(e) => setRating(e.currentTarget.value)} data={['5', '4', '3', '2', '1'].map((v) => ({ value: v, label: `${v} von 5` }))} w={220} />
      <Textarea label="Anmerkung (optional)" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
      {send.error ? <Text c="red.8">{send.error.message}</Text> : null}
      <Group>
        <Button onClick={() => send.mutate()} loading={send.isPending}>
          Rückmeldung senden
        </Button>
      </Group>
    </Stack>
  );
}
