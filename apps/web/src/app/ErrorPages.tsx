import { Button, Center, Container, Group, Stack, Text, Title } from '@mantine/core';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../i18n';
import { Page } from '../ui/Page';

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t('notFound.title')} description={t('notFound.text')}>
      <Group>
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
      </Group>
    </Page>
  );
}

export function ForbiddenPage() {
  const t = useT();
  return (
    <Page title={t('forbidden.title')} description={t('forbidden.text')}>
      <Group>
        <Button component={Link} to="/" variant="default">
          {t('notFound.home')}
        </Button>
      </Group>
    </Page>
  );
}

/** Shown when rendering or loading a route failed (e.g. a page chunk vanished after an update). */
export function RouteErrorPage() {
  const t = useT();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!notFound) console.error(error);
  return (
    <Container size="sm" py="xl" component="main">
      <Center>
        <Stack gap="md">
          <Title order={1}>{notFound ? t('notFound.title') : t('routeError.title')}</Title>
          <Text>{notFound ? t('notFound.text') : t('routeError.text')}</Text>
          <Group>
            <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
            <Button component="a" href="/" variant="default">
              {t('notFound.home')}
            </Button>
          </Group>
        </Stack>
      </Center>
    </Container>
  );
}
