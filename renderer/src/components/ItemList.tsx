import { useEffect, useRef, type ReactNode } from 'react';

// An ordered list of records (outcome domains, timepoint categories, ...) with add,
// remove and reorder controls. Focus follows the work: a new item's first field gets
// focus; after a move the same button keeps it; after removal, the Add button.

export interface ItemListProps<T extends { id: string }> {
  readonly items: readonly T[];
  readonly onChange: (items: T[]) => void;
  readonly create: () => T;
  readonly render: (item: T, index: number, patch: (p: Partial<T>) => void) => ReactNode;
  /** Short name of an item for headings and button labels, e.g. `Domain 2: Self-esteem`. */
  readonly itemLabel: (item: T, index: number) => string;
  readonly addLabel: string;
  readonly emptyText: ReactNode;
  /** Called before removing; return false to keep the item. */
  readonly confirmRemove?: (item: T, index: number) => Promise<boolean> | boolean;
  /** Override removal (e.g. to also remove dependants in the same change). */
  readonly onRemove?: (item: T, index: number) => void;
  readonly addDisabledReason?: string | null;
  readonly max?: number;
}

type PendingFocus = { readonly id: string; readonly what: 'first' | 'up' | 'down' } | { readonly id: null; readonly what: 'add' };

export function ItemList<T extends { id: string }>(props: ItemListProps<T>) {
  const { items, onChange } = props;
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<PendingFocus | null>(null);

  useEffect(() => {
    const p = pendingFocus.current;
    if (!p) return;
    pendingFocus.current = null;
    if (p.id === null) {
      addRef.current?.focus();
      return;
    }
    const li = listRef.current?.querySelector<HTMLElement>(`[data-item-id="${p.id.replace(/["\\]/g, '\\$&')}"]`);
    if (!li) return;
    const target =
      p.what === 'first'
        ? li.querySelector<HTMLElement>('input, textarea, select')
        : li.querySelector<HTMLButtonElement>(`button[data-action="${p.what}"]:not([disabled])`) ??
          li.querySelector<HTMLButtonElement>('button[data-action="up"], button[data-action="down"]');
    target?.focus();
  });

  const move = (index: number, delta: -1 | 1) => {
    const j = index + delta;
    if (j < 0 || j >= items.length) return;
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(j, 0, item!);
    pendingFocus.current = { id: item!.id, what: delta < 0 ? 'up' : 'down' };
    onChange(next);
  };

  const remove = async (index: number) => {
    const item = items[index]!;
    if (props.confirmRemove && !(await props.confirmRemove(item, index))) return;
    pendingFocus.current = { id: null, what: 'add' };
    if (props.onRemove) props.onRemove(item, index);
    else onChange(items.filter((_, i) => i !== index));
  };

  const add = () => {
    const item = props.create();
    pendingFocus.current = { id: item.id, what: 'first' };
    onChange([...items, item]);
  };

  const atMax = props.max !== undefined && items.length >= props.max;
  const addDisabled = !!props.addDisabledReason || atMax;

  return (
    <div className="item-list">
      {items.length === 0 ? <p className="item-list__empty">{props.emptyText}</p> : null}
      <ol className="item-list__items" ref={listRef}>
        {items.map((item, index) => {
          const name = props.itemLabel(item, index);
          return (
            <li key={item.id} className="item-card" data-item-id={item.id}>
              <div className="item-card__head">
                <span className="item-card__title">{name}</span>
                <span className="item-card__controls">
                  <button
                    type="button"
                    className="icon-button"
                    data-action="up"
                    disabled={index === 0}
                    aria-label={`Move ${name} up`}
                    title="Move up"
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    data-action="down"
                    disabled={index === items.length - 1}
                    aria-label={`Move ${name} down`}
                    title="Move down"
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--small button--quiet-danger"
                    aria-label={`Remove ${name}`}
                    onClick={() => void remove(index)}
                  >
                    Remove
                  </button>
                </span>
              </div>
              <div className="item-card__body">
                {props.render(item, index, (p) => onChange(items.map((x) => (x.id === item.id ? { ...x, ...p } : x))))}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="item-list__add">
        <button ref={addRef} type="button" className="button" disabled={addDisabled} onClick={add}>
          + {props.addLabel}
        </button>
        {props.addDisabledReason ? <span className="muted">{props.addDisabledReason}</span> : null}
      </div>
    </div>
  );
}
