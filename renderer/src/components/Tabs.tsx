import { useId, useRef, type ReactNode } from 'react';

// WAI-ARIA tabs: a tablist whose tabs move with ←/→ (Home/End), one panel shown.
// Only the selected tab is in the Tab order, so Tab goes from the tabs into the panel.

export interface TabDef<T extends string> {
  readonly id: T;
  readonly label: ReactNode;
}

export function Tabs<T extends string>(props: {
  label: string;
  tabs: readonly TabDef<T>[];
  value: T;
  onChange: (id: T) => void;
  children: ReactNode;
  className?: string;
}) {
  const base = `t${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const listRef = useRef<HTMLDivElement>(null);
  const index = props.tabs.findIndex((t) => t.id === props.value);
  const go = (i: number) => {
    const n = props.tabs.length;
    const tab = props.tabs[((i % n) + n) % n];
    if (!tab) return;
    props.onChange(tab.id);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`#${base}-tab-${tab.id}`)?.focus());
  };
  return (
    <div className={`tabs${props.className ? ` ${props.className}` : ''}`}>
      <div
        className="tabs__list"
        role="tablist"
        aria-label={props.label}
        ref={listRef}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight') go(index + 1);
          else if (e.key === 'ArrowLeft') go(index - 1);
          else if (e.key === 'Home') go(0);
          else if (e.key === 'End') go(props.tabs.length - 1);
          else return;
          e.preventDefault();
        }}
      >
        {props.tabs.map((t) => {
          const selected = t.id === props.value;
          return (
            <button
              key={t.id}
              id={`${base}-tab-${t.id}`}
              type="button"
              role="tab"
              className="tabs__tab"
              aria-selected={selected}
              aria-controls={`${base}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => props.onChange(t.id)}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div id={`${base}-panel`} role="tabpanel" className="tabs__panel" aria-labelledby={`${base}-tab-${props.value}`}>
        {props.children}
      </div>
    </div>
  );
}
