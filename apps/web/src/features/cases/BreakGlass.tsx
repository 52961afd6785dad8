import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BREAK_GLASS_REASONS, type BreakGlassReason } from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { useI18n, useT } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { breakGlassKey, casesKey, endBreakGlass, reviewBreakGlass, startBreakGlass, useBreakGlassSessions, type BreakGlassSession } from './api';
import { useKimLabels } from './labels';

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
  const t = useT();
  const kimLabels = useKimLabels();
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
  const labels: Record<string, string> = {
    reasonCategory: t('cases.breakGlass.reason'),
    justification: t('cases.breakGlass.justification'),
    totp: t('cases.breakGlass.totp'),
  };
  return (
    <>
      <Button color="red.9" variant="outline" onClick={() => setOpened(true)}>
        {t('cases.breakGlass.request')}
      </Button>
      <Dialog opened={opened} onClose={() => setOpened(false)} title={t('cases.breakGlass.request')} size="lg">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const local: Record<string, string> = {};
            if (v.justification.trim().length < BREAK_GLASS_MIN_JUSTIFICATION) local.justification = t('kim.common.minLength', { min: BREAK_GLASS_MIN_JUSTIFICATION });
            if (!/^\d{6}$/.test(v.totp.trim())) local.totp = t('cases.breakGlass.totpFormat');
            if (Object.keys(local).length) {
              setErrors(local);
              attempts.bump();
              return;
            }
            start.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('cases.breakGlass.requestIntro')}</Text>
            <FormErrorSummary errors={errors} error={start.error} attempt={attempts.attempt} labelFor={(p) => labels[p] ?? p} idFor={ids} />
            <NativeSelect
              id={ids('reasonCategory')}
              label={labels.reasonCategory}
              value={v.reasonCategory}
              onChange={(e) => setV({ ...v, reasonCategory: e.currentTarget.value as BreakGlassReason })}
              data={BREAK_GLASS_REASONS.map((r) => ({ value: r, label: kimLabels.breakGlassReason(r) }))}
            />
            <Textarea
              id={ids('justification')}
              label={labels.justification}
              description={t('cases.breakGlass.justificationHint', { min: BREAK_GLASS_MIN_JUSTIFICATION, count: v.justification.trim().length })}
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
                {t('cases.breakGlass.start')}
              </Button>
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('ui.cancel')}
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
  const t = useT();
  const hidden = isApiError(error, 404) || isApiError(error, 403);
  return (
    <Page title={t('cases.notVisible.title')}>
      <QueryError error={error} onRetry={hidden ? undefined : onRetry} />
      {hidden && mayBreakGlass ? (
        <Alert color="gray" title={t('cases.notVisible.noAccess')}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('cases.notVisible.text')}</Text>
            <BreakGlassRequest caseId={caseId} />
          </Stack>
        </Alert>
      ) : null}
    </Page>
  );
}

/** Always visible while a case is open through break-glass: remaining time, read-only, logged. */
export function BreakGlassBanner({ caseId, session }: { caseId: string; session: { id: string; expiresAt: string } }) {
  const { t, tp, formatDateTime } = useI18n();
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
    <Alert color="red" variant="filled" title={t('cases.breakGlass.active')} role="status" aria-live="polite">
      <Stack gap="xs">
        <Text size="sm" fw={700}>
          {t('cases.breakGlass.readOnly')}
        </Text>
        <Text size="sm">
          {left > 0 ? tp('cases.breakGlass.minutesLeft', left, { until: formatDateTime(session.expiresAt) }) : t('cases.breakGlass.expired')}{' '}
          {t('cases.breakGlass.leadNotified')}
        </Text>
        <Group>
          <Button size="xs" variant="white" color="red" loading={end.isPending} onClick={() => end.mutate()}>
            {t('cases.breakGlass.end')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function ReviewButtons({ s }: { s: BreakGlassSession }) {
  const t = useT();
  const queryClient = useQueryClient();
  const review = useMutation({
    mutationFn: (outcome: 'justified' | 'not_justified') => reviewBreakGlass(s.id, s.version, { outcome }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: breakGlassKey }),
  });
  if (s.reviewOutcome) {
    return (
      <Badge variant="outline" color="dark.7" tt="none">
        {t(s.reviewOutcome === 'justified' ? 'cases.breakGlass.reviewedJustified' : 'cases.breakGlass.reviewedNotJustified')}
      </Badge>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="wrap">
        <Button size="xs" loading={review.isPending && review.variables === 'justified'} onClick={() => review.mutate('justified')}>
          {t('cases.breakGlass.reviewedJustified')}<VisuallyHidden component="span"> ({s.caseNumber}, {s.user.displayName})</VisuallyHidden>
        </Button>
        <Button size="xs" variant="default" loading={review.isPending && review.variables === 'not_justified'} onClick={() => review.mutate('not_justified')}>
          {t('cases.breakGlass.reviewedNotJustified')}<VisuallyHidden component="span"> ({s.caseNumber}, {s.user.displayName})</VisuallyHidden>
        </Button>
      </Group>
      {review.isError ? (
        <Text size="xs" c="red.9" role="alert">
          {isApiError(review.error, 409) ? t('cases.breakGlass.changedReload') : review.error instanceof Error ? review.error.message : t('cases.breakGlass.notSaved')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** /notfallzugriffe: every break-glass access in the KI-Leitung's area, unreviewed first, with the review action. */
export function BreakGlassReviewPage() {
  const { t, formatDateTime } = useI18n();
  const kimLabels = useKimLabels();
  const sessions = useBreakGlassSessions();
  return (
    <Page title={t('cases.breakGlass.reviewTitle')} description={t('cases.breakGlass.reviewDescription')}>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <Text size="sm">{t('cases.breakGlass.unreviewed', { count: sessions.data.filter((s) => !s.reviewOutcome).length })}</Text>
          <DataTable
            caption={t('cases.breakGlass.reviewTitle')}
            rows={sessions.data}
            rowKey={(s) => s.id}
            empty={t('cases.breakGlass.empty')}
            minWidth={900}
            columns={[
              { key: 'who', header: t('cases.breakGlass.colWho'), rowHeader: true, render: (s) => s.user.displayName },
              { key: 'case', header: t('kim.common.case'), nowrap: true, render: (s) => s.caseNumber },
              { key: 'reason', header: t('cases.breakGlass.reason'), render: (s) => `${kimLabels.breakGlassReason(s.reasonCategory)}: ${s.justification}` },
              { key: 'start', header: t('cases.breakGlass.colStart'), nowrap: true, render: (s) => formatDateTime(s.startedAt) },
              { key: 'end', header: t('cases.breakGlass.colEnd'), nowrap: true, render: (s) => formatDateTime(s.endedAt && s.endedAt < s.expiresAt ? s.endedAt : s.expiresAt) },
              { key: 'reviewed', header: t('cases.breakGlass.colReviewed'), render: (s) => t(s.reviewOutcome ? 'kim.common.yes' : 'kim.common.no') },
              { key: 'action', header: t('cases.breakGlass.colReview'), render: (s) => <ReviewButtons s={s} /> },
            ]}
          />
        </>
      )}
    </Page>
  );
}
