import { useState } from 'react';
import { Alert, Anchor, Button, Card, CopyButton, Group, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { INTERPRETER_FEE_TIER_LABELS_DE, type OwnInterpreterAssignmentView, type OwnInterpreterOfferView } from '@teilhabe/shared';
import { formatCents } from '@teilhabe/shared/interpreters/format';
import { isApiError } from '../../api/client';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { acceptOffer, cancelOwn, completeOwn, declineOffer, interpretersKey, newCalendarLink, ownStatementUrl, revokeCalendarLink, useOwnOverview } from './api';
import { appointmentText, currentMonth, monthLabel, placeText } from './common';

/**
 * `/meine-einsaetze`: the interpreter's own page, built for a phone (360 px): offers to accept or decline, upcoming
 * assignments, reporting completion, the private calendar link and the monthly statements.
 */
export function MyAssignmentsPage() {
  const overview = useOwnOverview();
  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return (
      <Page title="Meine Einsätze">
        {isApiError(overview.error, 404) ? <Text>{overview.error.message}</Text> : <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      </Page>
    );
  }
  const { profile, offers, assignments } = overview.data;
  const now = Date.now();
  const upcoming = assignments.filter((a) => a.status === 'confirmed' && Date.parse(a.startsAt) > now);
  const toReport = assignments.filter((a) => a.can.complete);
  const past = assignments.filter((a) => a.status !== 'confirmed').reverse();
  return (
    <Page title="Meine Einsätze" description={`${profile.displayName} · ${profile.languages.map((l) => l.name).join(', ')}${profile.feeTier ? ` · ${INTERPRETER_FEE_TIER_LABELS_DE[profile.feeTier]}` : ''}`}>
      {profile.capStatus !== 'ok' ? (
        <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color={profile.capStatus === 'over' ? 'red' : 'yellow'} title="Ehrenamtspauschale">
          Sie haben in diesem Jahr {formatCents(profile.yearTotalCents)} erhalten. Die Ehrenamtspauschale beträgt {formatCents(profile.volunteerCapCents)}
          {profile.capStatus === 'over' ? ' und ist überschritten.' : ' – Sie nähern sich der Grenze.'}
        </Alert>
      ) : null}
      <Section title={`Neue Anfragen (${offers.length})`} empty="Zurzeit keine offenen Anfragen.">
        {offers.map((o) => (
          <OfferCard key={o.id} offer={o} />
        ))}
      </Section>
      <Section title={`Abschluss melden (${toReport.length})`} empty="Keine Einsätze offen zum Abschluss.">
        {toReport.map((a) => (
          <AssignmentCard key={a.id} assignment={a} />
        ))}
      </Section>
      <Section title={`Kommende Einsätze (${upcoming.length})`} empty="Keine bestätigten Einsätze.">
        {upcoming.map((a) => (
          <AssignmentCard key={a.id} assignment={a} />
        ))}
      </Section>
      <Section title="Kalender und Abrechnung" empty="">
        <CalendarLink active={profile.calendarFeedActive} />
        <Statements yearTotalCents={profile.yearTotalCents} />
      </Section>
      <Section title="Vergangene Einsätze" empty="Noch keine.">
        {past.slice(0, 20).map((a) => (
          <Card key={a.id} withBorder padding="sm">
            <Text fw={600}>{appointmentText(a.date, a.time)}</Text>
            <Text size="sm">
              {a.institutionName} · {a.languageName} · {a.status === 'completed' ? `durchgeführt, ${a.actualMinutes} Min.` : 'abgesagt'}
              {a.totalCents !== null ? ` · ${formatCents(a.totalCents)}` : ''}
            </Text>
          </Card>
        ))}
      </Section>
    </Page>
  );
}

function Section({ title, empty, children }: { title: string; empty: string; children: React.ReactNode }) {
  const hasChildren = Array.isArray(children) ? children.length > 0 : !!children;
  return (
    <Stack gap="sm" component="section">
      <Title order={2} size="h3">
        {title}
      </Title>
      {hasChildren ? children : <Text c="dimmed">{empty}</Text>}
    </Stack>
  );
}

function Appointment({ a }: { a: Pick<OwnInterpreterOfferView, 'date' | 'time' | 'durationMinutes' | 'place' | 'institutionName' | 'languageName' | 'dialect'> }) {
  return (
    <Stack gap={2}>
      <Text fw={700}>
        {appointmentText(a.date, a.time)} · {a.durationMinutes} Min.
      </Text>
      <Text size="sm">{a.institutionName}</Text>
      <Text size="sm">{placeText(a.place)}</Text>
      <Text size="sm">
        {a.languageName}
        {a.dialect ? ` (${a.dialect})` : ''}
      </Text>
    </Stack>
  );
}

function OfferCard({ offer }: { offer: OwnInterpreterOfferView }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...interpretersKey, 'me'] });
  const accept = useMutation({ mutationFn: () => acceptOffer(offer.id), onSuccess: refresh });
  const decline = useMutation({ mutationFn: () => declineOffer(offer.id, reason.trim() || undefined), onSuccess: refresh });
  const error = accept.error ?? decline.error;
  return (
    <Card withBorder padding="md" aria-label={`Anfrage ${offer.institutionName}, ${appointmentText(offer.date, offer.time)}`} component="article">
      <Appointment a={offer} />
      {error ? (
        <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="red" mt="sm" role="alert">
          {error.message}
        </Alert>
      ) : null}
      {offer.can.respond ? (
        <Stack gap="xs" mt="sm">
          <Group grow>
            <Button onClick={() => accept.mutate()} loading={accept.isPending}>
              Annehmen
            </Button>
            <Button variant="default" onClick={() => decline.mutate()} loading={decline.isPending}>
              Ablehnen
            </Button>
          </Group>
          <TextInput label="Grund bei Ablehnung (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} size="sm" />
        </Stack>
      ) : null}
    </Card>
  );
}

function AssignmentCard({ assignment: a }: { assignment: OwnInterpreterAssignmentView }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...interpretersKey, 'me'] });
  const [minutes, setMinutes] = useState<number | string>(a.durationMinutes);
  const [km, setKm] = useState<number | string>(0);
  const [travel, setTravel] = useState<number | string>(0);
  const [feedback, setFeedback] = useState('');
  const [reason, setReason] = useState('');
  const complete = useMutation({
    mutationFn: () => completeOwn(a.id, { actualMinutes: Number(minutes), travelKm: Number(km), travelMinutes: Number(travel), ...(feedback.trim() ? { feedback } : {}) }),
    onSuccess: refresh,
  });
  const cancel = useMutation({ mutationFn: () => cancelOwn(a.id, reason), onSuccess: refresh });
  const error = complete.error ?? cancel.error;
  return (
    <Card withBorder padding="md" component="article" aria-label={`Einsatz ${a.institutionName}, ${appointmentText(a.date, a.time)}`}>
      <Appointment a={a} />
      <Text size="sm">
        Ansprechperson: {a.contactName}, {a.contactPhone}
      </Text>
      {error ? (
        <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="red" mt="sm" role="alert">
          {error.message}
        </Alert>
      ) : null}
      {a.can.complete ? (
        <Stack gap="xs" mt="sm">
          <Group grow align="flex-end">
            <NumberInput label="Dauer (Min.)" value={minutes} onChange={setMinutes} min={1} max={720} />
            <NumberInput label="Fahrt (km)" value={km} onChange={setKm} min={0} max={500} />
            <NumberInput label="Fahrtzeit (Min.)" value={travel} onChange={setTravel} min={0} max={600} />
          </Group>
          <Textarea label="Kurze Rückmeldung (optional, ohne Namen)" value={feedback} onChange={(e) => setFeedback(e.currentTarget.value)} autosize minRows={2} />
          <Button onClick={() => complete.mutate()} loading={complete.isPending}>
            Einsatz hat stattgefunden
          </Button>
        </Stack>
      ) : null}
      {a.can.cancel ? (
        <Stack gap="xs" mt="sm">
          <TextInput label="Grund der Absage" value={reason} onChange={(e) => setReason(e.currentTarget.value)} size="sm" />
          <Button variant="outline" color="red.8" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            Einsatz absagen
          </Button>
        </Stack>
      ) : null}
    </Card>
  );
}

function CalendarLink({ active }: { active: boolean }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: newCalendarLink,
    onSuccess: async (data) => {
      setUrl(data.url);
      await queryClient.invalidateQueries({ queryKey: [...interpretersKey, 'me'] });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeCalendarLink,
    onSuccess: async () => {
      setUrl(null);
      await queryClient.invalidateQueries({ queryKey: [...interpretersKey, 'me'] });
    },
  });
  return (
    <Card withBorder padding="md">
      <Text fw={600}>Kalender-Abo</Text>
      <Text size="sm" mb="xs">
        Ein privater Link für Ihre Kalender-App: Zeit, Ort, Einrichtung und Sprache Ihrer Einsätze. Wer den Link kennt, sieht die Termine – bei Verlust einfach einen neuen erzeugen.
      </Text>
      {url ? (
        <Stack gap="xs">
          <TextInput label="Kalender-Link" value={url} readOnly onFocus={(e) => e.currentTarget.select()} />
          <Group>
            <CopyButton value={url}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? 'Kopiert' : 'Link kopieren'}</Button>}</CopyButton>
            <Anchor href={url}>Kalender öffnen</Anchor>
          </Group>
        </Stack>
      ) : null}
      <Group mt="xs">
        <Button variant="default" onClick={() => issue.mutate()} loading={issue.isPending}>
          {active ? 'Neuen Link erzeugen (alter wird ungültig)' : 'Kalender-Link erzeugen'}
        </Button>
        {active ? (
          <Button variant="default" onClick={() => revoke.mutate()} loading={revoke.isPending}>
            Link widerrufen
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}

function Statements({ yearTotalCents }: { yearTotalCents: number }) {
  const months = Array.from({ length: 12 }, (_, i) => currentMonth(-i));
  const [month, setMonth] = useState(months[0]!);
  return (
    <Card withBorder padding="md">
      <Text fw={600}>Monatsabrechnung</Text>
      <Text size="sm" mb="xs">
        Summe in diesem Kalenderjahr: {formatCents(yearTotalCents)}
      </Text>
      <Group align="flex-end">
        <NativeSelect label="Monat" value={month} onChange={(e) => setMonth(e.currentTarget.value)} data={months.map((m) => ({ value: m, label: monthLabel(m) }))} />
        <Button component="a" href={ownStatementUrl(month)} variant="default">
          Abrechnung (PDF)
        </Button>
      </Group>
    </Card>
  );
}
