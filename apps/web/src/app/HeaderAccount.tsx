import { ActionIcon, Anchor, Button, Group, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../features/auth/session';
import { useLogout } from '../features/auth/useLogout';
import { useT } from '../i18n';
import { LogoutIcon } from '../ui/icons';

/** The signed-in user's name (link to the profile) and the logout button; icon-only on small screens. */
export function HeaderAccount() {
  const me = useMe();
  const t = useT();
  const logout = useLogout();
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor component={Link} to="/profil" size="sm" fw={500} c="gray.9" maw={200} truncate="end" visibleFrom="md">
        <VisuallyHidden>{t('header.profileOf')} </VisuallyHidden>
        <bdi>{me.displayName}</bdi>
      </Anchor>
      <Button
        variant="default"
        size="xs"
        leftSection={<LogoutIcon size={16} />}
        onClick={() => logout.mutate()}
        loading={logout.isPending}
        visibleFrom="sm"
      >
        {t('header.logout')}
      </Button>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={t('header.logout')}
        onClick={() => logout.mutate()}
        loading={logout.isPending}
        hiddenFrom="sm"
      >
        <LogoutIcon size={18} />
      </ActionIcon>
    </Group>
  );
}
