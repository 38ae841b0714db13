import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

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
