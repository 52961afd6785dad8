import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { isApiError } from '../api/client';
import { useT } from '../i18n';
import { AlertIcon } from './icons';

/** A loading indicator that screen readers announce. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <Center py="xl" role="status">
      <Group gap="sm">
        <Loader size="sm" aria-hidden="true" />
        <Text>{label ?? t('ui.loading')}</Text>
      </Group>
    </Center>
  );
}

/** The message of a failed query, with the request id for the helpdesk and a retry button. */
export function QueryError({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  const message = error instanceof Error ? error.message : t('error.unknown');
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert color="red" variant="light" title={title ?? t('error.loadFailed')} icon={<AlertIcon />} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {requestId ? (
          <Text size="sm" c="dimmed">
            {t('error.requestId', { id: requestId })}
          </Text>
        ) : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              {t('ui.retry')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function EmptyHint({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="md">
      {children}
    </Text>
  );
}
