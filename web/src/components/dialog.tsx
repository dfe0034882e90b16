import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface Props {
  title: string;
  isOpen: boolean;
  /** Called on Escape (when dismissable) and by the dialog's own buttons. */
  onOpenChange: (open: boolean) => void;
  /** Dismissed by Escape or a click outside; off for decisions that must be made. */
  isDismissable?: boolean;
  /** `alertdialog` for warnings that interrupt (the idle timeout). */
  role?: 'dialog' | 'alertdialog';
  /** `wide`: room for a form with a list beside it (the console's booking), scrolling inside. */
  size?: 'normal' | 'wide';
  children: ReactNode;
}

/**
 * A modal dialog: focus moves into it and stays there, returns to where it was on close, and the
 * page behind is hidden from assistive technology (React Aria).
 */
export function Dialog({
  title,
  isOpen,
  onOpenChange,
  isDismissable = true,
  role,
  size = 'normal',
  children,
}: Props) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={isDismissable}
      isKeyboardDismissDisabled={!isDismissable}
    >
      <Modal className={size === 'wide' ? 'modal wide-dialog' : 'modal'}>
        <AriaDialog className="dialog" role={role ?? 'dialog'}>
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
