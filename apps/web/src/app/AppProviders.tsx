import { useMemo, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nProvider, useI18n, type Locale } from '../i18n';
import { createAppTheme, cssVariablesResolver } from './theme';

function ThemedProviders({ children, env }: { children: ReactNode; env: 'default' | 'test' }) {
  const { t } = useI18n();
  const theme = useMemo(() => createAppTheme(t), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light" env={env}>
      <Notifications position="top-right" limit={3} />
      {children}
    </MantineProvider>
  );
}

/** Everything a page needs around it: language, Mantine theme, TanStack Query. Tests use it with env="test". */
export function AppProviders({
  children,
  queryClient,
  locale,
  env = 'default',
}: {
  children: ReactNode;
  queryClient: QueryClient;
  locale?: Locale;
  env?: 'default' | 'test';
}) {
  return (
    <I18nProvider initialLocale={locale}>
      <QueryClientProvider client={queryClient}>
        <ThemedProviders env={env}>{children}</ThemedProviders>
      </QueryClientProvider>
    </I18nProvider>
  );
}
