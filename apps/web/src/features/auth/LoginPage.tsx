import { useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginResponse } from '@teilhabe/shared';
import { api } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { InfoIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { PasswordInput } from '../../ui/PasswordInput';
import { lastSessionEnd, safeReturnPath, storeSession, useSession } from './session';

interface LoginValues {
  email: string;
  password: string;
  totp: string;
}

const LABELS: Record<keyof LoginValues, MessageKey> = {
  email: 'login.email',
  password: 'login.password',
  totp: 'login.totp',
};

/** Login with e-mail and password; a second step asks for the TOTP code when the server wants one. */
export function LoginPage() {
  const { t, tp } = useI18n();
  const ids = useFieldIds();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const session = useSession();
  const attempts = useSubmitAttempts();
  const [step, setStepState] = useState<'credentials' | 'totp'>('credentials');
  // The form's rules read the step through a ref: they are set up once, the step changes later.
  const stepRef = useRef(step);
  const setStep = (next: 'credentials' | 'totp') => {
    stepRef.current = next;
    setStepState(next);
  };
  const [notice] = useState<string | null>(() => {
    const end = lastSessionEnd();
    if (!end) return null;
    if (end.reason === 'expired') return t('login.sessionExpired');
    return end.ended === undefined ? t('login.loggedOut') : tp('login.loggedOutEverywhere', end.ended);
  });
  const returnTo = safeReturnPath(searchParams.get('weiter'));

  const form = useForm<LoginValues>({
    initialValues: { email: '', password: '', totp: '' },
    validate: {
      email: (value) => (value.trim() ? null : t('login.emailRequired')),
      password: (value) => (value ? null : t('login.passwordRequired')),
      totp: (value) => (stepRef.current === 'totp' && !/^\d{6}$/.test(value.trim()) ? t('login.totpFormat') : null),
    },
  });

  const login = useMutation({
    mutationFn: (values: LoginValues) =>
      api.post(
        '/auth/login',
        LoginResponse,
        {
          email: values.email.trim(),
          password: values.password,
          ...(stepRef.current === 'totp' ? { totp: values.totp.trim() } : {}),
        },
        { redirectOn401: false },
      ),
    onSuccess: (result) => {
      if (result.status === 'totp_required') {
        setStep('totp');
        attempts.reset();
        form.setFieldValue('totp', '');
        return;
      }
      storeSession(queryClient, { csrfToken: result.csrfToken, user: result.user });
      const target = result.user.totpSetupRequired
        ? `/zwei-faktor-einrichten${returnTo ? `?weiter=${encodeURIComponent(returnTo)}` : ''}`
        : (returnTo ?? '/');
      void navigate(target, { replace: true });
    },
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  // Someone who is signed in has nothing to do here.
  if (session.data && !login.isPending && !login.isSuccess) {
    return <Navigate to={returnTo ?? '/'} replace />;
  }

  const submit = form.onSubmit(
    (values) => login.mutate(values),
    () => attempts.bump(),
  );

  return (
    <Page title={t('login.title')} description={step === 'credentials' ? t('login.intro') : undefined}>
      {notice && step === 'credentials' ? (
        <Alert color="blue" variant="light" icon={<InfoIcon />} role="status">
          {notice}
        </Alert>
      ) : null}
      <FormErrorSummary
        errors={form.errors}
        error={login.error}
        attempt={attempts.attempt}
        labelFor={(path) => (path in LABELS ? t(LABELS[path as keyof LoginValues]) : path)}
        idFor={ids}
      />
      <form onSubmit={submit} noValidate>
        {step === 'credentials' ? (
          <Stack gap="md">
            <TextInput
              id={ids('email')}
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordInput
              id={ids('password')}
              label={t('login.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Group>
              <Button type="submit" loading={login.isPending}>
                {t('login.submit')}
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              {t('login.forgotHint')}
            </Text>
          </Stack>
        ) : (
          <Stack gap="md">
            <Text>{t('login.totpIntro')}</Text>
            <TextInput
              id={ids('totp')}
              label={t('login.totp')}
              description={t('login.totpHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={6}
              required
              autoFocus
              w={{ base: '100%', xs: 220 }}
              {...form.getInputProps('totp')}
            />
            <Group>
              <Button type="submit" loading={login.isPending}>
                {t('login.submit')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setStep('credentials');
                  attempts.reset();
                  login.reset();
                  form.setFieldValue('totp', '');
                  form.clearErrors();
                }}
              >
                {t('login.back')}
              </Button>
            </Group>
          </Stack>
        )}
      </form>
    </Page>
  );
}
