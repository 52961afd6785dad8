import { Anchor, Group, Text } from '@mantine/core';
import { useT } from '../i18n';

/** Data attribution (required by the licences of the municipality data) and the API documentation. */
export function AppFooter() {
  const t = useT();
  return (
    <footer className="app-footer">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Text size="xs" c="dimmed" maw="90ch">
          {t('footer.attribution')}
        </Text>
        <Anchor href="/api/docs" size="xs">
          {t('footer.apiDocs')}
        </Anchor>
      </Group>
    </footer>
  );
}
