import { Alert, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../i18n';
import { ShieldIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { sessionQueryKey } from './session';
import { TotpSetupPanel } from './TotpSetupPanel';

/** The forced TOTP set-up for admin and lead accounts; the session gate sends them here until it is done. */
export function TotpRequiredPage() {
  const t = useT();
  const queryClient = useQueryClient();
  return (
    <Page title={t('totpRequired.title')}>
      <Stack gap="lg">
        <Alert color="blue" variant="light" icon={<ShieldIcon />} role="note" title={t('totpRequired.whyTitle')}>
          <Text size="sm">{t('totpRequired.why')}</Text>
        </Alert>
        {/* With TOTP in place, the reloaded session no longer demands the set-up and the gate moves on. */}
        <TotpSetupPanel onDone={() => queryClient.invalidateQueries({ queryKey: sessionQueryKey })} />
      </Stack>
    </Page>
  );
}
