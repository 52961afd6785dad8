import { Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { NAVIGATION, visibleNavigation } from '../../app/navigation';
import { useI18n } from '../../i18n';
import { Page } from '../../ui/Page';
import { useMe } from '../auth/session';

/** The start page: greeting, the user's roles per organisation, and the pages the user may open. */
export function HomePage() {
  const { t, tx, roleLabel } = useI18n();
  const me = useMe();
  const links = visibleNavigation(me, NAVIGATION).filter((entry) => entry.path !== '/');

  return (
    <Page
      title={t('home.title')}
      heading={tx('home.welcome', { name: <bdi>{me.displayName}</bdi> })}
      description={t('home.intro')}
    >
      <Paper component="section" withBorder p={{ base: 'md', sm: 'lg' }} radius="md" aria-labelledby="home-roles">
        <Stack gap="sm">
          <Title order={2} id="home-roles">
            {t('home.rolesTitle')}
          </Title>
          {me.memberships.length === 0 ? (
            <Text c="dimmed">{t('home.noRoles')}</Text>
          ) : (
            <Table verticalSpacing="xs" aria-labelledby="home-roles">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('home.role')}</Table.Th>
                    <Table.Th scope="col">{t('home.organisation')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {me.memberships.map((membership) => (
                    <Table.Tr key={`${membership.organisationId}-${membership.role}`}>
                      <Table.Td>{roleLabel(membership.role)}</Table.Td>
                      <Table.Td>
                        <bdi>{membership.organisationName}</bdi>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
          )}
        </Stack>
      </Paper>

      <section aria-labelledby="home-links">
        <Stack gap="sm">
          <Title order={2} id="home-links">
            {t('home.linksTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {links.map((entry) => (
              <Paper component="li" key={entry.path} withBorder p="md" radius="md">
                <Stack gap={4}>
                  <Anchor component={Link} to={entry.path} fw={600} size="lg">
                    {t(entry.labelKey)}
                  </Anchor>
                  {entry.descriptionKey ? <Text size="sm">{t(entry.descriptionKey)}</Text> : null}
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      </section>
    </Page>
  );
}
