import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { isTextEntry } from '../keyboard.ts';

// One confirmation dialog for the whole app: `await confirm({...})` resolves true when
// the user confirms. Radix AlertDialog traps focus, starts on Cancel (the safe choice)
// and returns focus to where it was.

export interface ConfirmRequest {
  readonly title: string;
  readonly description: ReactNode;
  readonly confirmLabel: string;
  readonly tone?: 'danger' | 'normal';
}

type Confirm = (req: ConfirmRequest) => Promise<boolean>;
const ConfirmContext = createContext<Confirm | null>(null);

/**
 * Asks before a dialog with typed text is dismissed (Esc, a click outside): every dialog
 * (Dialog.tsx) shares this, so none loses typing on a stray key. It remembers the fields
 * typed into and asks only while one of them still holds text: a form the dialog has
 * already used and cleared (say "Add and use this reviewer") has nothing left to lose.
 */
export function useDiscardTypingGuard(close: () => void): {
  /** Call on the dialog's input events. */
  onInput: (target: EventTarget | null) => void;
  /** Call with a dismiss event: prevents it and asks when something was typed. */
  onDismiss: (e: Event) => void;
  /** Call when the dialog opens. */
  reset: () => void;
} {
  const confirm = useConfirm();
  const typed = useRef(new Set<HTMLElement>());
  const closeRef = useRef(close);
  closeRef.current = close;
  return useMemo(
    () => ({
      onInput: (target: EventTarget | null) => {
        if (isTextEntry(target)) typed.current.add(target as HTMLElement);
      },
      onDismiss: (e: Event) => {
        if (![...typed.current].some(holdsText)) return;
        e.preventDefault();
        void confirm({
          title: 'Discard what you typed?',
          description: 'This dialog has text you typed that is not saved. Close it and lose that text?',
          confirmLabel: 'Discard',
        }).then((ok) => {
          if (ok) closeRef.current();
        });
      },
      reset: () => {
        typed.current.clear();
      },
    }),
    [confirm],
  );
}

/** Whether a field typed into is still on the page with text in it. */
function holdsText(el: HTMLElement): boolean {
  if (!el.isConnected) return false;
  const text = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '');
  return text.trim() !== '';
}

export function useConfirm(): Confirm {
  const c = useContext(ConfirmContext);
  if (!c) throw new Error('useConfirm() outside <ConfirmProvider>');
  return c;
}

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [req, setReq] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const confirm = useCallback<Confirm>((r) => {
    resolver.current?.(false);
    setReq(r);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const close = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setReq(null);
  };

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <AlertDialog.Root open={req !== null} onOpenChange={(open) => (open ? undefined : close(false))}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog dialog--small">
            <AlertDialog.Title className="dialog__title">{req?.title}</AlertDialog.Title>
            <AlertDialog.Description asChild>
              <div className="dialog__description">{req?.description}</div>
            </AlertDialog.Description>
            <div className="dialog__actions">
              <AlertDialog.Cancel className="button">Cancel</AlertDialog.Cancel>
              <AlertDialog.Action
                className={`button ${req?.tone === 'normal' ? 'button--primary' : 'button--danger'}`}
                onClick={() => close(true)}
              >
                {req?.confirmLabel}
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </ConfirmContext.Provider>
  );
}
