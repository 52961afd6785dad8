import { Suspense } from 'react';
import { Anchor, Box, Container, Group, Image, Paper } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { useSession } from '../features/auth/session';
import { Loading } from '../ui/feedback';
import { AppFooter } from './AppFooter';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** The narrow layout of login, account set-up and the forced two-factor set-up. */
export function SimpleLayout() {
  const session = useSession();
  return (
    <>
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm" h={60}>
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" c="blue.9" fw={700} fz="lg" underline="never">
              <Group gap={8} wrap="nowrap">
                <Image src="/favicon.svg" alt="" w={28} h={28} />
                <span>Teilhabe</span>
              </Group>
            </Anchor>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              {session.data ? <LogoutButton /> : null}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id={MAIN_CONTENT_ID} tabIndex={-1} data-focus-target size="sm" py="xl" className="app-main">
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Paper>
      </Container>
      <AppFooter />
    </>
  );
}
