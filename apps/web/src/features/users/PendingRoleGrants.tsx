import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PendingRoleGrant } from '@teilhabe/shared';
import { useI18n } from '../../i18n';
import { QueryError } from '../../ui/feedback';
import { decideRoleGrant, usePendingRoleGrants, usersQueryKey } from './api';

/**
 * The administration role takes effect only when a second administrator approves it (four eyes). Lists the open
 * grants; the requester and the person concerned see them but cannot decide.
 */
export function PendingRoleGrants() {
  const { t, roleLabel, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const grants = usePendingRoleGrants(true);
  const [message, setMessage] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: ({ grant, decision }: { grant: PendingRoleGrant; decision: 'approve' | 'reject' }) => decideRoleGrant(grant.id, decision),
    onSuccess: async (_user, { grant, decision }) => {
      setMessage(t(decision === 'approve' ? 'users.grantApproved' : 'users.grantRejected', { name: grant.userName }));
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
    onError: async (error) => {
      setMessage(error instanceof Error ? error.message : String(error));
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });

  if (grants.isError) return <QueryError error={grants.error} onRetry={() => void grants.refetch()} />;
  if (!grants.data?.length && !message) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="pending-grants-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="pending-grants-title">
          {t('users.pendingGrantsTitle')}
        </Title>
        <Text size="sm">{t('users.pendingGrantsIntro')}</Text>
        <div role="status">{message ? <Alert color="blue">{message}</Alert> : null}</div>
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {(grants.data ?? []).map((grant) => (
            <li key={grant.id}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm">
                  {t('users.pendingGrantLine', {
                    role: roleLabel(grant.role),
                    organisation: grant.organisationName,
                    name: grant.userName,
                    by: grant.requestedByName,
                    at: formatDateTime(grant.requestedAt),
                  })}
                </Text>
                {grant.canDecide ? (
                  <Group gap="xs">
                    <Button size="xs" loading={decide.isPending} onClick={() => decide.mutate({ grant, decision: 'approve' })}>
                      {t('users.grantApprove', { name: grant.userName })}
                    </Button>
                    <Button size="xs" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ grant, decision: 'reject' })}>
                      {t('users.grantReject', { name: grant.userName })}
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('users.grantNeedsOther')}
                  </Text>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
