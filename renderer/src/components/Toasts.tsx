import * as Toast from '@radix-ui/react-toast';
import { useApp } from '../store/app.ts';

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismissToast);
  return (
    <>
      {toasts.map((t) => (
        <Toast.Root
          key={t.id}
          className={`toast toast--${t.tone ?? 'info'}`}
          duration={t.action ? 10000 : 5000}
          type={t.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => (open ? undefined : dismiss(t.id))}
        >
          <div className="toast__text">
            <Toast.Title className="toast__title">{t.title}</Toast.Title>
            {t.description ? <Toast.Description className="toast__description">{t.description}</Toast.Description> : null}
          </div>
          {t.action ? (
            <Toast.Action
              className="button button--small button--primary"
              altText={`${t.action.label} (or press Ctrl+Z)`}
              onClick={() => {
                void t.action?.run();
              }}
            >
              {t.action.label}
            </Toast.Action>
          ) : null}
          <Toast.Close className="icon-button" aria-label="Dismiss">
            ×
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" label="Notifications ({hotkey})" />
    </>
  );
}
