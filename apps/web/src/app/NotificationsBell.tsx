import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { notificationsSchema, okSchema } from '../api/lazySchemas';
import type { NotificationItem } from '../api/schemas';
import { useI18n } from '../i18n';
import { BellIcon } from '../ui/icons';

export const notificationsQueryKey = ['notifications'] as const;

/** The bell in the header: unread count in the button's name, the latest notifications in a dialog. */
export function NotificationsBell() {
  const { t, tp } = useI18n();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: notificationsQueryKey,
    queryFn: () => api.get('/notifications', notificationsSchema()),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/notifications/${encodeURIComponent(id)}/read`, okSchema()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });

  const unread = query.data?.unread ?? 0;
  const label = unread > 0 ? tp('notifications.buttonUnread', unread) : t('notifications.button');

  return (
    <Popover position="bottom-end" width={340} shadow="md" trapFocus returnFocus withArrow>
      <Indicator
        disabled={unread === 0}
        label={<span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
        size={18}
        offset={6}
        color="red.9"
      >
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray.9" size="lg" aria-label={label}>
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="sm" aria-labelledby="notifications-title">
        <Stack gap="sm">
          <Title order={2} size="h5" id="notifications-title">
            {t('notifications.title')}
          </Title>
          {query.isError ? <Text size="sm">{t('notifications.loadFailed')}</Text> : null}
          {query.data && query.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('notifications.empty')}
            </Text>
          ) : null}
          {query.data && query.data.items.length > 0 ? (
            <ScrollArea.Autosize mah={360} type="auto">
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {query.data.items.map((item) => (
                  <NotificationEntry
                    key={item.id}
                    item={item}
                    onRead={() => markRead.mutate(item.id)}
                    busy={markRead.isPending && markRead.variables === item.id}
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationEntry({ item, onRead, busy }: { item: NotificationItem; onRead: () => void; busy: boolean }) {
  const { t, formatDateTime } = useI18n();
  const unread = item.readAt === null;
  const internal = item.link?.startsWith('/') && !item.link.startsWith('//');
  return (
    <li>
      <Stack
        gap={4}
        p="xs"
        bg={unread ? 'blue.0' : undefined}
        bdrs="sm"
        style={{ borderInlineStart: unread ? '3px solid var(--mantine-color-blue-8)' : '3px solid transparent' }}
      >
        <Text size="sm" fw={unread ? 700 : 500}>
          {unread ? <VisuallyHidden>{t('notifications.unreadPrefix')} </VisuallyHidden> : null}
          {item.title}
        </Text>
        {item.body ? <Text size="sm">{item.body}</Text> : null}
        <Text size="xs" c="dimmed">
          {formatDateTime(item.createdAt)}
        </Text>
        <Group gap="xs">
          {item.link ? (
            internal ? (
              <Anchor component={Link} to={item.link} size="sm" onClick={() => unread && onRead()}>
                {t('notifications.open')}
              </Anchor>
            ) : (
              <Anchor href={item.link} size="sm" onClick={() => unread && onRead()}>
                {t('notifications.open')}
              </Anchor>
            )
          ) : null}
          {unread ? (
            <Button size="compact-xs" variant="subtle" onClick={onRead} loading={busy}>
              {t('notifications.markRead')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </li>
  );
}
