import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineThemeOverride } from '@mantine/core';
import type { Translator } from '../i18n';

/**
 * Mantine's defaults miss WCAG AA contrast in places (BITV 2.0): the primary colour is used at shade 8, and dimmed
 * text, error text and placeholders get darker greys and reds than Mantine ships.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7] ?? DEFAULT_THEME.colors.gray[7],
    '--mantine-color-error': theme.colors.red[9] ?? DEFAULT_THEME.colors.red[9],
    '--mantine-color-placeholder': theme.colors.gray[6] ?? DEFAULT_THEME.colors.gray[6],
    '--mantine-color-anchor': theme.colors.blue[8] ?? DEFAULT_THEME.colors.blue[8],
  },
  dark: {},
});

/** The theme depends on the language only for the accessible names of Mantine's built-in icon buttons. */
export function createAppTheme(t: Translator['t']): MantineThemeOverride {
  return createTheme({
    primaryColor: 'blue',
    primaryShade: 8,
    focusRing: 'auto',
    defaultRadius: 'md',
    cursorType: 'pointer',
    respectReducedMotion: true,
    headings: { sizes: { h1: { fontSize: '1.75rem', lineHeight: '1.3' }, h2: { fontSize: '1.35rem', lineHeight: '1.35' } } },
    components: {
      Modal: {
        defaultProps: { closeButtonProps: { 'aria-label': t('ui.closeDialog') } },
      },
      PasswordInput: {
        defaultProps: {
          visibilityToggleFocusable: true,
          visibilityToggleButtonProps: { 'aria-label': t('ui.showPassword') },
        },
      },
      Notification: {
        defaultProps: { closeButtonProps: { 'aria-label': t('ui.closeNotification') } },
      },
      Alert: {
        defaultProps: { closeButtonLabel: t('ui.closeAlert') },
      },
      // Uppercase small print is hard to read; sentence case is calmer, especially in German.
      Badge: {
        defaultProps: { tt: 'none', fw: 600 },
      },
    },
  });
}
