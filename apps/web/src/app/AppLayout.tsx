import { Suspense, useEffect, useRef, useState } from 'react';
import { Anchor, AppShell, Burger, Group, Image, ScrollArea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '../features/auth/session';
import { useT } from '../i18n';
import { Loading } from '../ui/feedback';
import { AppFooter } from './AppFooter';
import { HeaderAccount } from './HeaderAccount';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationsBell } from './NotificationsBell';
import { SideNavigation } from './SideNavigation';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

const NAV_ID = 'app-navigation';

/** The shell of the signed-in area: header, side navigation (a drawer below 48em), main content, footer. */
export function AppLayout() {
  const t = useT();
  const me = useMe();
  const { pathname } = useLocation();
  const [navOpened, setNavOpened] = useState(false);
  const burgerRef = useRef<HTMLButtonElement>(null);
  const closeNav = () => setNavOpened(false);
  const isSmall = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });

  // A route change closes the mobile navigation.
  useEffect(() => setNavOpened(false), [pathname]);

  const navHidden = isSmall && !navOpened;

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="sm" wrap="nowrap">
              <Burger
                ref={burgerRef}
                opened={navOpened}
                onClick={() => setNavOpened((opened) => !opened)}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? t('header.closeNavigation') : t('header.openNavigation')}
                aria-expanded={navOpened}
                aria-controls={NAV_ID}
              />
              <Anchor component={Link} to="/" c="blue.9" fw={700} fz="lg" underline="never">
                <Group gap={8} wrap="nowrap">
                  <Image src="/favicon.svg" alt="" w={28} h={28} visibleFrom="xs" />
                  <span>Teilhabe</span>
                </Group>
              </Anchor>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <NotificationsBell />
              <LanguageSwitch />
              <HeaderAccount />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id={NAV_ID}
          aria-label={t('nav.label')}
          inert={navHidden}
          className={navHidden ? 'app-nav-collapsed' : undefined}
          onKeyDown={(event) => {
            // Escape closes the drawer on small screens and gives focus back to the burger button.
            if (event.key === 'Escape' && isSmall && navOpened) {
              closeNav();
              burgerRef.current?.focus();
            }
          }}
        >
          <ScrollArea type="auto" p="sm" h="100%">
            <SideNavigation user={me} onNavigate={closeNav} />
          </ScrollArea>
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} data-focus-target className="app-main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
        <AppFooter />
      </AppShell>
    </>
  );
}
