import { Anchor, Group } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { hasPermission, useMe } from '../auth/session';
import { useDirT, type DirKey } from './messages';

/** The sections of "Netzwerk und Angebote" as a small navigation above each page. */
export function NetworkTabs() {
  const t = useDirT();
  const me = useMe();
  const { pathname } = useLocation();
  const links: [string, DirKey, boolean][] = [
    ['/netzwerk/angebote', 'tab.offers', hasPermission(me, 'directory.read')],
    ['/netzwerk/akteure', 'tab.akteure', hasPermission(me, 'directory.read')],
    ['/netzwerk/abdeckung', 'tab.coverage', hasPermission(me, 'coverage.read')],
    ['/netzwerk/abfragen', 'tab.surveys', hasPermission(me, 'surveys.manage') || hasPermission(me, 'surveys.answer')],
  ];
  return (
    <nav aria-label={t('network.tabs')}>
      <Group gap="lg" component="ul" p={0} m={0} style={{ listStyle: 'none' }} wrap="wrap">
        {links
          .filter(([, , visible]) => visible)
          .map(([to, key]) => {
            const current = pathname === to || pathname.startsWith(`${to}/`);
            return (
              <li key={to}>
                <Anchor component={Link} to={to} aria-current={current ? 'page' : undefined} fw={current ? 700 : 500} td={current ? 'underline' : undefined}>
                  {t(key)}
                </Anchor>
              </li>
            );
          })}
      </Group>
    </nav>
  );
}
