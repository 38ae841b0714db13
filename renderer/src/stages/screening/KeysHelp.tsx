import { useEffect, useId, useRef } from 'react';

// The keys of the view on screen, in a popover beside the "Keys" button (? opens it, Esc
// closes it and gives focus back to the button).

export function KeysHelp(props: { rows: readonly (readonly [string, string])[]; open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { open, onOpenChange } = props;
  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      onOpenChange(false);
      buttonRef.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, onOpenChange]);
  return (
    <div className="screen-help">
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => onOpenChange(!open)}
      >
        Keys <kbd>?</kbd>
      </button>
      {open ? (
        <div id={id} ref={panelRef} className="screen-help__panel" role="region" aria-label="Screening keys" tabIndex={-1}>
          <table className="shortcuts">
            <tbody>
              {props.rows.map(([k, what]) => (
                <tr key={k}>
                  <th scope="row">
                    <kbd>{k}</kbd>
                  </th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
