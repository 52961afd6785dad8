import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BREAK_GLASS_REASON_LABELS_DE, BREAK_GLASS_REASONS, type BreakGlassReason } from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { breakGlassKey, casesKey, endBreakGlass, reviewBreakGlass, startBreakGlass, useBreakGlassSessions, type BreakGlassSession } from './api';
import { dateTimeDe } from './common';

export const BREAK_GLASS_MIN_JUSTIFICATION = 20;

/** Minutes (rounded up) until `expiresAt`; 0 once it has passed. */
export function minutesLeft(expiresAt: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now) / 60_000));
}

/**
 * "Notfallzugriff anfordern": reason, justification (≥ 20 characters) and a fresh code from the authenticator app.
 * Afterwards the case opens read-only for 30 minutes; the KI-Leitung is told at once.
 */
export function BreakGlassRequest({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const [opened, setOpened] = useState(false);
  const [v, setV] = useState({ reasonCategory: 'client_present' as BreakGlassReason, justification: '', totp: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const start = useMutation({
    mutationFn: () => startBreakGlass(caseId, { reasonCategory: v.reasonCategory, justification: v.justification.trim(), totp: v.totp.trim() }),
    onSuccess: async () => {
      setOpened(false);
      await queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', caseId] });
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  const labels: Record<string, string> = { reasonCategory: 'Grund', justification: 'Begründung', totp: 'Code aus der Authenticator-App' };
  return (
    <>
      <Button color="red.9" variant="outline" onClick={() => setOpened(true)}>
        Notfallzugriff anfordern
      </Button>
      <Dialog opened={opened} onClose={() => setOpened(false)} title="Notfallzugriff anfordern" size="lg">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const local: Record<string, string> = {};
            if (v.justification.trim().length < BREAK_GLASS_MIN_JUSTIFICATION) local.justification = `Bitte mindestens ${BREAK_GLASS_MIN_JUSTIFICATION} Zeichen.`;
            if (!/^\d{6}$/.test(v.totp.trim())) local.totp = 'Sechsstelliger Code aus der Authenticator-App.';
            if (Object.keys(local).length) {
              setErrors(local);
              attempts.bump();
              return;
            }
            start.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              Nur in dringenden Fällen: Sie sehen diesen einen Fall 30 Minuten lang, nur lesend. Jeder Zugriff wird protokolliert, die KI-Leitung wird sofort
              benachrichtigt und prüft den Zugriff.
            </Text>
            <FormErrorSummary errors={errors} error={start.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
            <NativeSelect
              id={ids('reasonCategory')}
              label={labels.reasonCategory}
              value={v.reasonCategory}
              onChange={(e) => setV({ ...v, reasonCategory: e.currentTarget.value as BreakGlassReason })}
              data={BREAK_GLASS_REASONS.map((r) => ({ value: r, label: BREAK_GLASS_REASON_LABELS_DE[r] }))}
            />
            <Textarea
              id={ids('justification')}
              label={labels.justification}
              description={`Mindestens ${BREAK_GLASS_MIN_JUSTIFICATION} Zeichen (${v.justification.trim().length} bisher)`}
              required
              value={v.justification}
              error={errors.justification}
              onChange={(e) => setV({ ...v, justification: e.currentTarget.value })}
              autosize
              minRows={3}
            />
            <TextInput
              id={ids('totp')}
              label={labels.totp}
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={v.totp}
              error={errors.totp}
              onChange={(e) => setV({ ...v, totp: e.currentTarget.value })}
              maw={200}
            />
            <Group>
              <Button type="submit" color="red.9" loading={start.isPending}>
                Zugriff starten
              </Button>
              <Button variant="default" onClick={() => setOpened(false)}>
                Abbrechen
              </Button>
            </Group>
          </Stack>
        </form>
      </Dialog>
    </>
  );
}

/** The error page of a case the user cannot see, with the break-glass request for users who may ask for it. */
export function CaseNotVisible({ error, caseId, mayBreakGlass, onRetry }: { error: unknown; caseId: string; mayBreakGlass: boolean; onRetry: () => void }) {
  const hidden = isApiError(error, 404) || isApiError(error, 403);
  return (
    <Page title="Fall nicht verfügbar">
      <QueryError error={error} onRetry={hidden ? undefined : onRetry} />
      {hidden && mayBreakGlass ? (
        <Alert color="gray" title="Kein regulärer Zugriff">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              Dieser Fall gehört nicht zu Ihrem Team oder existiert nicht. Wenn eine Person in einer dringenden Lage vor Ihnen steht, können Sie einen
              Notfallzugriff anfordern.
            </Text>
            <BreakGlassRequest caseId={caseId} />
          </Stack>
        </Alert>
      ) : null}
    </Page>
  );
}

/** Always visible while a case is open through break-glass: remaining time, read-only, logged. */
export function BreakGlassBanner({ caseId, session }: { caseId: string; session: { id: string; expiresAt: string } }) {
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  const left = minutesLeft(session.expiresAt, now);
  const end = useMutation({
    mutationFn: () => endBreakGlass(session.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'case', caseId] }),
  });
  return (
    <Alert color="red" variant="filled" title="Notfallzugriff aktiv" role="status" aria-live="polite">
      <Stack gap="xs">
        <Text size="sm" fw={700}>
          Nur lesen, wird protokolliert.
        </Text>
        <Text size="sm">
          {left > 0 ? `Noch ${left} ${left === 1 ? 'Minute' : 'Minuten'} (bis ${dateTimeDe(session.expiresAt)}).` : 'Die Zeit ist abgelaufen.'} Die KI-Leitung ist
          benachrichtigt.
        </Text>
        <Group>
          <Button size="xs" variant="white" color="red" loading={end.isPending} onClick={() => end.mutate()}>
            Notfallzugriff beenden
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function ReviewButtons({ s }: { s: BreakGlassSession }) {
  const queryClient = useQueryClient();
  const review = useMutation({
    mutationFn: (outcome: 'justified' | 'not_justified') => reviewBreakGlass(s.id, s.version, { outcome }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: breakGlassKey }),
  });
  if (s.reviewOutcome) {
    return (
      <Badge variant="outline" color="dark.7" tt="none">
        geprüft: {s.reviewOutcome === 'justified' ? 'berechtigt' : 'nicht berechtigt'}
      </Badge>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="wrap">
        <Button size="xs" loading={review.isPending && review.variables === 'justified'} onClick={() => review.mutate('justified')}>
          geprüft: berechtigt<VisuallyHidden component="span"> ({s.caseNumber}, {s.user.displayName})</VisuallyHidden>
        </Button>
        <Button size="xs" variant="default" loading={review.isPending && review.variables === 'not_justified'} onClick={() => review.mutate('not_justified')}>
          geprüft: nicht berechtigt<VisuallyHidden component="span"> ({s.caseNumber}, {s.user.displayName})</VisuallyHidden>
        </Button>
      </Group>
      {review.isError ? (
        <Text size="xs" c="red.9" role="alert">
          {isApiError(review.error, 409) ? 'Inzwischen geändert, bitte neu laden.' : review.error instanceof Error ? review.error.message : 'Nicht gespeichert.'}
        </Text>
      ) : null}
    </Stack>
  );
}

/** /notfallzugriffe: every break-glass access in the KI-Leitung's area, unreviewed first, with the review action. */
export function BreakGlassReviewPage() {
  const sessions = useBreakGlassSessions();
  return (
    <Page title="Notfallzugriffe" description="Wer wann mit welcher Begründung auf einen Fall außerhalb des eigenen Teams zugegriffen hat. Bitte jeden Zugriff prüfen.">
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <Text size="sm">{sessions.data.filter((s) => !s.reviewOutcome).length} ungeprüft</Text>
          <DataTable
            caption="Notfallzugriffe"
            rows={sessions.data}
            rowKey={(s) => s.id}
            empty="Keine Notfallzugriffe."
            minWidth={900}
            columns={[
              { key: 'who', header: 'Wer', rowHeader: true, render: (s) => s.user.displayName },
              { key: 'case', header: 'Fall', nowrap: true, render: (s) => s.caseNumber },
              { key: 'reason', header: 'Grund', render: (s) => `${BREAK_GLASS_REASON_LABELS_DE[s.reasonCategory]}: ${s.justification}` },
              { key: 'start', header: 'Beginn', nowrap: true, render: (s) => dateTimeDe(s.startedAt) },
              { key: 'end', header: 'Ende', nowrap: true, render: (s) => dateTimeDe(s.endedAt && s.endedAt < s.expiresAt ? s.endedAt : s.expiresAt) },
              { key: 'reviewed', header: 'Geprüft', render: (s) => (s.reviewOutcome ? 'ja' : 'nein') },
              { key: 'action', header: 'Prüfung', render: (s) => <ReviewButtons s={s} /> },
            ]}
          />
        </>
      )}
    </Page>
  );
}
