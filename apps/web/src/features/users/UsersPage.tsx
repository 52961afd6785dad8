import { useRef, useState } from 'react';
import { Badge, Button, Group, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { User } from '@teilhabe/shared';
import type { SetupLinkResponse } from '../../api/schemas';
import { useI18n } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { PlusIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { hasPermission, useMe } from '../auth/session';
import { useOrganisations } from '../organisations/api';
import { USERS_PAGE_SIZE, useUserList } from './api';
import { CreateUserDialog, EditUserDialog, SetupLinkDialog } from './UserDialogs';
import { PendingRoleGrants } from './PendingRoleGrants';

/** Accounts of the Kreis: search, page, create (with one-time set-up link), edit, deactivate. */
export function UsersPage() {
  const { t, tp, roleLabel, formatDateTime } = useI18n();
  const me = useMe();
  const canManage = hasPermission(me, 'users.manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const offset = Math.max(0, Number(searchParams.get('offset')) || 0);
  const [searchText, setSearchText] = useState(q);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [setupLink, setSetupLink] = useState<{ user: User; link: SetupLinkResponse } | null>(null);
  // The button that opened the create or edit dialog: the set-up link dialog replaces that dialog, so Mantine cannot
  // return the focus by itself when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const rememberOpener = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };

  const list = useUserList(q, offset);
  // Loaded ahead so the create and edit dialogs open ready to type.
  useOrganisations(canManage);

  const updateParams = (next: { q?: string; offset?: number }) => {
    const params = new URLSearchParams(searchParams);
    const nextQ = next.q ?? q;
    const nextOffset = next.offset ?? 0;
    if (nextQ) params.set('q', nextQ);
    else params.delete('q');
    if (nextOffset > 0) params.set('offset', String(nextOffset));
    else params.delete('offset');
    setSearchParams(params);
  };

  return (
    <Page
      title={t('users.title')}
      description={t('users.intro')}
      actions={
        canManage ? (
          <Button
            leftSection={<PlusIcon size={18} />}
            onClick={() => {
              rememberOpener();
              setCreating(true);
            }}
          >
            {t('users.createButton')}
          </Button>
        ) : null
      }
    >
      {canManage ? <PendingRoleGrants /> : null}
      <form
        role="search"
        aria-label={t('users.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          updateParams({ q: searchText.trim(), offset: 0 });
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('users.search')}
            description={t('users.searchHint')}
            value={searchText}
            onChange={(event) => setSearchText(event.currentTarget.value)}
            type="search"
            style={{ flex: '1 1 260px' }}
            maw={480}
          />
          <Button type="submit" variant="default">
            {t('ui.search')}
          </Button>
          {q ? (
            <Button
              variant="subtle"
              onClick={() => {
                setSearchText('');
                updateParams({ q: '', offset: 0 });
              }}
            >
              {t('ui.resetSearch')}
            </Button>
          ) : null}
        </Group>
      </form>

      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <Stack gap="sm">
          <Text role="status" size="sm" fw={500}>
            {q ? tp('users.foundFor', list.data.total, { q }) : tp('users.found', list.data.total)}
          </Text>
          <DataTable<User>
            caption={t('users.tableCaption')}
            rows={list.data.items}
            rowKey={(user) => user.id}
            empty={q ? t('users.emptySearch') : t('users.empty')}
            minWidth={820}
            columns={[
              {
                key: 'name',
                header: t('users.displayName'),
                rowHeader: true,
                render: (user) => <bdi>{user.displayName}</bdi>,
              },
              { key: 'email', header: t('users.email'), render: (user) => <bdi>{user.email}</bdi> },
              {
                key: 'roles',
                header: t('users.rolesColumn'),
                render: (user) =>
                  user.memberships.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('users.noRoles')}
                    </Text>
                  ) : (
                    <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                      {user.memberships.map((m) => (
                        <Text component="li" size="sm" key={`${m.organisationId}-${m.role}`}>
                          {roleLabel(m.role)} <Text span c="dimmed" size="sm">@</Text> <bdi>{m.organisationName}</bdi>
                        </Text>
                      ))}
                    </Stack>
                  ),
              },
              {
                key: 'status',
                header: t('users.status'),
                render: (user) => (
                  <Stack gap={4} align="flex-start">
                    <Badge variant="light" color={user.active ? 'blue' : 'gray'}>
                      {user.active ? t('users.statusActive') : t('users.statusInactive')}
                    </Badge>
                    {user.pendingRoleGrants.map((g) => (
                      <Badge key={g.id} variant="outline" color="orange.9">
                        {t('users.grantPendingBadge', { role: roleLabel(g.role) })}
                      </Badge>
                    ))}
                    {!user.passwordSet ? (
                      <Badge variant="outline" color="gray.7">
                        {t('users.statusSetupPending')}
                      </Badge>
                    ) : null}
                  </Stack>
                ),
              },
              {
                key: 'totp',
                header: <abbr title={t('profile.totpTitle')}>{t('users.totp')}</abbr>,
                nowrap: true,
                render: (user) => (user.totpEnabled ? t('users.totpOn') : t('users.totpOff')),
              },
              {
                key: 'lastLogin',
                header: t('users.lastLogin'),
                render: (user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.neverLoggedIn')),
              },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      header: t('ui.actions'),
                      render: (user: User) =>
                        user.can.edit ? (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => {
                              rememberOpener();
                              setEditing(user);
                            }}
                          >
                            {t('ui.edit')}
                            <VisuallyHidden>
                              : <bdi>{user.displayName}</bdi>
                            </VisuallyHidden>
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
          <Pager
            label={t('users.pagerLabel')}
            total={list.data.total}
            limit={USERS_PAGE_SIZE}
            offset={offset}
            onOffsetChange={(next) => updateParams({ offset: next })}
          />
        </Stack>
      ) : null}

      {canManage ? (
        <>
          <CreateUserDialog
            opened={creating}
            onClose={() => setCreating(false)}
            onCreated={(user, link) => {
              setCreating(false);
              setSetupLink({ user, link });
            }}
          />
          <EditUserDialog
            user={editing}
            onClose={() => setEditing(null)}
            onSetupLink={(user, link) => {
              setEditing(null);
              setSetupLink({ user, link });
            }}
          />
          <SetupLinkDialog value={setupLink} onClose={() => setSetupLink(null)} returnFocusTo={() => opener.current} />
        </>
      ) : null}
    </Page>
  );
}
