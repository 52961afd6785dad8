import { useMemo } from 'react';
import { ActionIcon, Anchor, Box, Button, CopyButton, Group, List, Stack, Text, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { OkResponse, TotpSetupResponse } from '@teilhabe/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { CheckIcon, CopyIcon } from '../../ui/icons';
import { groupSecret, sanitizeSvg } from './svg';

/**
 * Sets up TOTP: the server creates a secret (QR code and text), the user confirms with a code from the app.
 * Used by the forced set-up after login and on the profile page.
 */
export function TotpSetupPanel({ onDone, headingLevel = 2 }: { onDone: () => void | Promise<void>; headingLevel?: 2 | 3 }) {
  const t = useT();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();

  const start = useMutation({ mutationFn: () => api.post('/auth/totp/setup', TotpSetupResponse) });
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(value.replace(/\s+/g, '')) ? null : t('totp.codeFormat')) },
    transformValues: (values) => ({ code: values.code.replace(/\s+/g, '') }),
  });
  const confirm = useMutation({
    mutationFn: (code: string) => api.post('/auth/totp/confirm', OkResponse, { code }),
    onSuccess: () => onDone(),
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  const qrMarkup = useMemo(() => (start.data ? sanitizeSvg(start.data.qrSvg) : null), [start.data]);

  if (!start.data) {
    return (
      <Stack gap="sm" align="flex-start">
        {start.isError ? (
          <Text c="red.9" role="alert">
            {start.error.message}
          </Text>
        ) : null}
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t('totp.start')}
        </Button>
      </Stack>
    );
  }

  const secret = groupSecret(start.data.secret);

  return (
    <Stack gap="lg">
      <List type="ordered" spacing="xs">
        <List.Item>{t('totp.step1')}</List.Item>
        <List.Item>{t('totp.step2')}</List.Item>
        <List.Item>{t('totp.step3')}</List.Item>
      </List>

      <Group align="flex-start" gap="xl" wrap="wrap">
        {qrMarkup ? (
          <Box
            className="qr-code"
            role="img"
            aria-label={t('totp.qrLabel')}
            w={200}
            p="xs"
            bg="white"
            bd="1px solid var(--mantine-color-gray-3)"
            bdrs="sm"
            dangerouslySetInnerHTML={{ __html: qrMarkup }}
          />
        ) : null}
        <Stack gap="xs" maw={360}>
          <Title order={headingLevel} size="h4">
            {t('totp.manualTitle')}
          </Title>
          <Text size="sm">{t('totp.manualText')}</Text>
          <Group gap="xs" wrap="nowrap">
            <Text component="code" className="secret-code">
              {secret}
            </Text>
            <CopyButton value={start.data.secret} timeout={4000}>
              {({ copied, copy }) => (
                <>
                  <Tooltip label={copied ? t('ui.copied') : t('totp.copySecret')} withArrow>
                    <ActionIcon variant="default" size="lg" onClick={copy} aria-label={t('totp.copySecret')}>
                      {copied ? <CheckIcon size={18} /> : <CopyIcon size={18} />}
                    </ActionIcon>
                  </Tooltip>
                  <VisuallyHidden role="status">{copied ? t('ui.copiedToClipboard') : ''}</VisuallyHidden>
                </>
              )}
            </CopyButton>
          </Group>
          <Anchor href={start.data.otpauthUrl} size="sm">
            {t('totp.openInApp')}
          </Anchor>
        </Stack>
      </Group>

      <FormErrorSummary errors={form.errors} error={confirm.error} attempt={attempts.attempt} labelFor={() => t('totp.code')} idFor={ids} />
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => confirm.mutate(values.code),
          () => attempts.bump(),
        )}
      >
        <Stack gap="sm" align="flex-start">
          <TextInput
            id={ids('code')}
            label={t('totp.code')}
            description={t('totp.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={7}
            required
            w={{ base: '100%', xs: 220 }}
            {...form.getInputProps('code')}
          />
          <Button type="submit" loading={confirm.isPending}>
            {t('totp.confirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
