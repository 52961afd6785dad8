import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { OkResponse, PASSWORD_MIN_LENGTH, SetupTokenInfo } from '@teilhabe/shared';
import { api, isApiError } from '../../api/client';
import { useT, type MessageKey } from '../../i18n';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { AlertIcon, CheckIcon, InfoIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { PasswordInput } from '../../ui/PasswordInput';

const LABELS: Record<string, MessageKey> = { password: 'setup.password', repeat: 'setup.repeat' };

/** An unknown, used or expired link: the server answers 404 or 410 (and 400 for a malformed token). */
function isDeadLink(error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || error.status === 410 || error.status === 400);
}

/** The public page behind the one-time set-up link: the new user chooses a password. */
export function AccountSetupPage() {
  const t = useT();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const token = useParams().token ?? '';
  const path = `/auth/setup/${encodeURIComponent(token)}`;

  const info = useQuery({
    queryKey: ['auth', 'setup', token],
    queryFn: () => api.get(path, SetupTokenInfo, { redirectOn401: false }),
    retry: false,
    staleTime: Infinity,
  });

  const form = useForm({
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (value) => (value.length >= PASSWORD_MIN_LENGTH ? null : t('password.tooShort', { min: PASSWORD_MIN_LENGTH })),
      repeat: (value, values) => (value === values.password ? null : t('password.mismatch')),
    },
  });

  const complete = useMutation({
    mutationFn: (password: string) => api.post(path, OkResponse, { password }, { redirectOn401: false }),
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  if (info.isPending) return <Loading />;

  const dead = (info.isError && isDeadLink(info.error)) || (complete.isError && isApiError(complete.error, 410));
  if (dead) {
    return (
      <Page title={t('setup.deadTitle')}>
        <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
          {t('setup.deadText')}
        </Alert>
        <Group>
          <Button component={Link} to="/anmelden" variant="default">
            {t('setup.toLogin')}
          </Button>
        </Group>
      </Page>
    );
  }
  if (info.isError) {
    return (
      <Page title={t('setup.title')}>
        <QueryError error={info.error} onRetry={() => void info.refetch()} />
      </Page>
    );
  }

  if (complete.isSuccess) {
    return (
      <Page title={t('setup.doneTitle')}>
        <Alert color="blue" variant="light" icon={<CheckIcon />} role="status">
          {t('setup.doneText')}
        </Alert>
        {info.data.totpRequired ? <Text>{t('setup.totpNext')}</Text> : null}
        <Group>
          <Button component={Link} to="/anmelden">
            {t('setup.toLogin')}
          </Button>
        </Group>
      </Page>
    );
  }

  return (
    <Page title={t('setup.title')} description={t('setup.intro')}>
      <FormErrorSummary
        errors={form.errors}
        error={complete.error}
        attempt={attempts.attempt}
        labelFor={(field) => (LABELS[field] ? t(LABELS[field]) : field)}
        idFor={ids}
      />
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => complete.mutate(values.password),
          () => attempts.bump(),
        )}
      >
        <Stack gap="md">
          <TextInput id={ids('email')} label={t('setup.email')} value={info.data.email} readOnly autoComplete="username" />
          <PasswordInput
            id={ids('password')}
            label={t('setup.password')}
            description={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput
            id={ids('repeat')}
            label={t('setup.repeat')}
            autoComplete="new-password"
            required
            {...form.getInputProps('repeat')}
          />
          {info.data.totpRequired ? (
            <Alert color="blue" variant="light" icon={<InfoIcon />} role="note">
              {t('setup.totpNext')}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={complete.isPending}>
              {t('setup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
