import * as RadixDialog from '@radix-ui/react-dialog';
import { useEffect, type ReactNode } from 'react';
import { useDiscardTypingGuard } from './confirm.tsx';

/** A modal form dialog: title, optional description, body, and a footer with actions. */
export function Dialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** Nearly the whole window (a figure at full size). */
  full?: boolean;
  side?: boolean;
}) {
  const { onOpenChange } = props;
  const guard = useDiscardTypingGuard(() => onOpenChange(false));
  const { reset } = guard;
  useEffect(() => {
    if (props.open) reset();
  }, [props.open, reset]);
  return (
    <RadixDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={`dialog${props.wide ? ' dialog--wide' : ''}${props.full ? ' dialog--full' : ''}${props.side ? ' dialog--side' : ''}`}
          {...(props.description ? {} : { 'aria-describedby': undefined })}
          onInput={(e) => guard.onInput(e.target)}
          onEscapeKeyDown={guard.onDismiss}
          onPointerDownOutside={guard.onDismiss}
        >
          <div className="dialog__head">
            <RadixDialog.Title className="dialog__title">{props.title}</RadixDialog.Title>
            <RadixDialog.Close className="icon-button" aria-label="Close">
              ×
            </RadixDialog.Close>
          </div>
          {props.description ? (
            <RadixDialog.Description className="dialog__description">{props.description}</RadixDialog.Description>
          ) : null}
          <div className="dialog__body">{props.children}</div>
          {props.footer ? <div className="dialog__actions">{props.footer}</div> : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
