import { Button } from '@mantine/core';
import { useLogout } from '../features/auth/useLogout';
import { useT } from '../i18n';
import { LogoutIcon } from '../ui/icons';

export function LogoutButton() {
  const t = useT();
  const logout = useLogout();
  return (
    <Button variant="default" size="xs" leftSection={<LogoutIcon size={16} />} onClick={() => logout.mutate()} loading={logout.isPending}>
      {t('header.logout')}
    </Button>
  );
}
