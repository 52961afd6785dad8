import { Modal, type ModalProps } from '@mantine/core';
import { useT } from '../i18n';

export type DialogProps = ModalProps;

/**
 * Every dialog of the app: Mantine's Modal (focus trap, Escape, focus returns to the opener) with a close button
 * that has an accessible name.
 */
export function Dialog({ closeButtonProps, ...props }: DialogProps) {
  const t = useT();
  return <Modal {...props} closeButtonProps={{ 'aria-label': t('ui.closeDialog'), ...closeButtonProps }} />;
}
