import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { OkResponse, PASSWORD_MIN_LENGTH, SessionInfo, TOTP_REQUIRED_ROLES } from '@teilhabe/shared';
import { api } from '../../api/client';
import { LogoutAllResponse } from '../../api/schemas';
import { useI18n, type MessageKey } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { InfoIcon, ShieldIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { PasswordInput } from '../../ui/PasswordInput';
import { dropSession, sessionQueryKey, useMe } from './session';
import { TotpSetupPanel } from './TotpSetupPanel';

/** The own account: details, password, second factor, sessions. */
export function ProfilePage() {
  const { t, roleLabel } = useI18n();
  const me = useMe();
  return (
    <Page title={t('profile.title')}>
      <Section title={t('profile.account')}>
        <Stack gap={4}>
          <Text fw={600}>
            <bdi>{me.displayName}</bdi>
          </Text>
          <Text>
            <bdi>{me.email}</bdi>
          </Text>
          {me.memberships.length > 0 ? (
            <Text size="sm" c="dimmed" mt="xs">
              {me.memberships.map((m, index) => (
                <span key={`${m.organisationId}-${m.role}`}>
                  {index > 0 ? ' · ' : null}
                  {roleLabel(m.role)} – <bdi>{m.organisationName}</bdi>
                </span>
              ))}
            </Text>
          ) : null}
        </Stack>
      </Section>
      <PasswordSection />
      <TotpSection />
      <SessionsSection />
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
      <Stack gap="md">
        <Title order={2}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

const PASSWORD_LABELS: Record<string, MessageKey> = {
  currentPassword: 'profile.currentPassword',
  newPassword: 'profile.newPassword',
  repeat: 'profile.repeatPassword',
};

function PasswordSection() {
  const { t } = useI18n();
  const me = useMe();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('form.required')),
      newPassword: (value) => (value.length >= PASSWORD_MIN_LENGTH ? null : t('password.tooShort', { min: PASSWORD_MIN_LENGTH })),
      repeat: (value, values) => (value === values.newPassword ? null : t('password.mismatch')),
    },
  });
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) => api.post('/auth/password', OkResponse, values),
    onSuccess: () => {
      form.reset();
      attempts.reset();
      notifications.show({ color: 'blue', title: t('profile.passwordChanged'), message: t('profile.passwordChangedText') });
    },
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  return (
    <Section title={t('profile.passwordTitle')}>
      <FormErrorSummary
        errors={form.errors}
        error={change.error}
        attempt={attempts.attempt}
        labelFor={(field) => (PASSWORD_LABELS[field] ? t(PASSWORD_LABELS[field]) : field)}
        idFor={ids}
      />
      <form
        noValidate
        onSubmit={form.onSubmit(
          ({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }),
          () => attempts.bump(),
        )}
      >
        <Stack gap="md" maw={420}>
          {/* Lets password managers store the new password for the right account. */}
          <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
          <PasswordInput
            id={ids('currentPassword')}
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            id={ids('newPassword')}
            label={t('profile.newPassword')}
            description={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            id={ids('repeat')}
            label={t('profile.repeatPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('repeat')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function TotpSection() {
  const { t } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const [settingUp, setSettingUp] = useState(false);
  const required = me.roles.some((role) => TOTP_REQUIRED_ROLES.includes(role));

  const reloadSession = () => queryClient.invalidateQueries({ queryKey: sessionQueryKey });

  return (
    <Section title={t('profile.totpTitle')}>
      {me.totpEnabled ? (
        <Group gap="sm">
          <ShieldIcon />
          <Text>{t('profile.totpOn')}</Text>
        </Group>
      ) : (
        <Text>{t('profile.totpOff')}</Text>
      )}
      {required ? (
        <Alert color="blue" variant="light" icon={<InfoIcon />} role="note">
          {t('profile.totpRequired')}
        </Alert>
      ) : null}
      {me.totpEnabled && !required ? <TotpDisableForm onDone={reloadSession} /> : null}
      {!me.totpEnabled ? (
        settingUp ? (
          <TotpSetupPanel
            headingLevel={3}
            onDone={async () => {
              setSettingUp(false);
              notifications.show({ color: 'blue', title: t('profile.totpEnabledNotice'), message: t('profile.totpOn') });
              await reloadSession();
            }}
          />
        ) : (
          <Group>
            <Button onClick={() => setSettingUp(true)}>{t('profile.totpSetUp')}</Button>
          </Group>
        )
      ) : null}
    </Section>
  );
}

function TotpDisableForm({ onDone }: { onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t('form.required')) },
  });
  const disable = useMutation({
    mutationFn: (password: string) => api.post('/auth/totp/disable', OkResponse, { password }),
    onSuccess: async () => {
      form.reset();
      attempts.reset();
      notifications.show({ color: 'blue', title: t('profile.totpDisabledNotice'), message: t('profile.totpOff') });
      await onDone();
    },
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });
  return (
    <>
      <FormErrorSummary
        errors={form.errors}
        error={disable.error}
        attempt={attempts.attempt}
        labelFor={() => t('profile.confirmPassword')}
        idFor={ids}
      />
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => disable.mutate(values.password),
          () => attempts.bump(),
        )}
      >
        <Stack gap="sm" maw={420}>
          <PasswordInput
            id={ids('password')}
            label={t('profile.confirmPassword')}
            description={t('profile.totpDisableHint')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Group>
            <Button type="submit" color="red" variant="outline" loading={disable.isPending}>
              {t('profile.totpDisable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

type SessionRow = z.infer<typeof SessionInfo>;

function SessionsSection() {
  const { t, tp, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const sessions = useQuery({ queryKey: ['auth', 'sessions'], queryFn: () => api.get('/auth/sessions', z.array(SessionInfo)) });
  const logoutAll = useMutation({
    mutationFn: () => api.post('/auth/logout-all', LogoutAllResponse),
    onSuccess: (result) => {
      setConfirming(false);
      dropSession(queryClient, { reason: 'logout', ended: result.ended });
    },
  });

  return (
    <Section title={t('profile.sessionsTitle')}>
      <Text size="sm">{t('profile.sessionsIntro')}</Text>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {sessions.data ? (
        <DataTable<SessionRow>
          caption={t('profile.sessionsTitle')}
          minWidth={560}
          rows={sessions.data}
          rowKey={(row) => row.id}
          empty={t('profile.noSessions')}
          columns={[
            {
              key: 'device',
              header: t('profile.sessionDevice'),
              render: (row) => (
                <Stack gap={2}>
                  <Text size="sm">{describeUserAgent(row.userAgent) ?? t('profile.unknownDevice')}</Text>
                  {row.current ? (
                    <Badge variant="light" color="blue" size="sm">
                      {t('profile.thisSession')}
                    </Badge>
                  ) : null}
                </Stack>
              ),
            },
            { key: 'created', header: t('profile.sessionCreated'), render: (row) => formatDateTime(row.createdAt), nowrap: true },
            { key: 'lastSeen', header: t('profile.sessionLastSeen'), render: (row) => formatDateTime(row.lastSeenAt), nowrap: true },
          ]}
        />
      ) : null}
      <Group>
        <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
          {t('profile.logoutAll')}
        </Button>
      </Group>
      <Dialog opened={confirming} onClose={() => setConfirming(false)} title={t('profile.logoutAllTitle')}>
        <Stack gap="md">
          <Text>
            {sessions.data ? tp('profile.logoutAllText', sessions.data.length) : t('profile.logoutAllTextUnknown')}
          </Text>
          {logoutAll.isError ? (
            <Text c="red.9" role="alert">
              {logoutAll.error.message}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('ui.cancel')}
            </Button>
            <Button color="red" onClick={() => logoutAll.mutate()} loading={logoutAll.isPending}>
              {t('profile.logoutAll')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Section>
  );
}

const BROWSERS: readonly [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox 128 · Windows" is easier to recognise than a raw user-agent string. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) {
      browser = `${name} ${match[1] ?? ''}`.trim();
      break;
    }
  }
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? userAgent.slice(0, 80);
}
