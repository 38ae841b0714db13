import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ANALYSIS_DATA_TYPES, type AnalysisDataType, type OutlineComparison } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.tsx';
import { useAppStore } from '../../store/app.ts';
import { editOutline } from './mutations.ts';
import { flattenOutline, moveFocus, type NavKey, type OutlineItem } from './outline-nav.ts';
import { FilterBox } from '../../components/FilterBox.tsx';
import { Select } from '../../components/fields.tsx';
import { countLabel } from '../../components/list-filter.ts';
import { arrangeOutline, outcomeCount, OUTLINE_SORT_LABELS, OUTLINE_SORTS, type OutlineSort } from './outline-filter.ts';

// The outline of the one analysis model, as RevMan shows it: comparisons, their outcomes
// and subgroups, numbered 1, 1.1, 1.1.1, each with its stable id beside it. A WAI-ARIA tree:
// ↑/↓ move, ←/→ go to the parent or the first child, Enter opens the outcome, F2 renames,
// Delete deletes (after asking). The toolbar adds, renames, moves and deletes the focused item.

export const DATA_TYPE_LABELS: Readonly<Record<AnalysisDataType, string>> = {
  dichotomous: 'Dichotomous (events / total)',
  continuous: 'Continuous (mean, SD, N)',
  generic: 'Generic inverse variance (estimate, SE)',
  'oe-variance': 'O − E and variance',
  other: 'Other data',
};

type Form = { mode: 'add-comparison' | 'add-outcome' | 'add-subgroup' | 'rename'; name: string; dataType: AnalysisDataType };

const NAV_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

/**
 * From this many items the tree renders only those in view (an imported review can have
 * hundreds of outcomes and subgroups). The tree is flat — each item carries its level,
 * position and set size — so rows can come and go without breaking what a screen reader says.
 */
const VIRTUAL_FROM = 80;
/** One line of the tree; long names wrap, and rendered rows are measured. */
const ITEM_HEIGHT = 29;

export function Outline(props: { outline: readonly OutlineComparison[]; openId: string | null; onOpen: (id: string) => void }) {
  const store = useAppStore();
  const confirm = useConfirm();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<OutlineSort>('outline');
  const shown = useMemo(() => arrangeOutline(props.outline, query, sort), [props.outline, query, sort]);
  const items = useMemo(() => flattenOutline(shown), [shown]);
  // Moving an item means moving it in RevMan's order: not in a filtered or sorted view.
  const arranged = query.trim() !== '' || sort !== 'outline';
  const [focusId, setFocusId] = useState<string | null>(props.openId);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const current: OutlineItem | undefined = items.find((i) => i.id === focusId) ?? items.find((i) => i.id === props.openId) ?? items[0];
  const virtual = items.length >= VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? items.length : 0,
    // The outline card itself scrolls; the tree starts below its head, toolbar and filter.
    getScrollElement: () => navRef.current,
    estimateSize: () => ITEM_HEIGHT,
    scrollMargin: treeRef.current?.offsetTop ?? 0,
    overscan: 12,
  });
  const rows = virtual
    ? virtualizer.getVirtualItems().map((v) => ({ item: items[v.index]!, index: v.index }))
    : items.map((item, index) => ({ item, index }));
  const virtualRows = virtual ? virtualizer.getVirtualItems() : [];
  const margin = virtual ? virtualizer.options.scrollMargin : 0;
  const padTop = virtual ? (virtualRows[0]?.start ?? margin) - margin : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - ((virtualRows.at(-1)?.end ?? margin) - margin) : 0;

  const focusItem = (id: string | null) => {
    setFocusId(id);
    if (!id) return;
    const element = () => treeRef.current?.querySelector<HTMLElement>(`[data-item="${CSS.escape(id)}"]`);
    // A virtualised item out of view is scrolled in first, then focused once rendered.
    const index = items.findIndex((i) => i.id === id);
    // The first item brings the card's head (toolbar, filter) back into view with it.
    if (virtual && index === 0) navRef.current?.scrollTo({ top: 0 });
    else if (virtual && !element()) virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => requestAnimationFrame(() => element()?.focus()));
  };

  const run = async (fn: () => Promise<{ id: string }>, focus: boolean) => {
    setError(null);
    try {
      const r = await fn();
      setForm(null);
      if (focus) focusItem(r.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const mutate = store.getState().mutate;

  const startForm = (mode: Form['mode']) => {
    setError(null);
    setForm({ mode, name: mode === 'rename' ? (current?.name ?? '') : '', dataType: 'dichotomous' });
  };

  const submit = () => {
    if (!form) return;
    const name = form.name.trim();
    if (!name) {
      setError('A name is needed.');
      return;
    }
    const comparisonId = current?.kind === 'comparison' ? current.id : current?.kind === 'outcome' ? current.parentId : null;
    if (form.mode === 'add-comparison') void run(() => editOutline(mutate, 'outline.add', { kind: 'comparison', name }), true);
    else if (form.mode === 'add-outcome' && comparisonId)
      void run(
        () =>
          editOutline(mutate, 'outline.add', { kind: 'outcome', comparisonId, name, dataType: form.dataType }).then((r) => {
            props.onOpen(r.id);
            return r;
          }),
        true,
      );
    else if (form.mode === 'add-subgroup' && current?.kind === 'outcome')
      void run(() => editOutline(mutate, 'outline.add', { kind: 'subgroup', outcomeId: current.id, name }), true);
    else if (form.mode === 'rename' && current) void run(() => editOutline(mutate, 'outline.rename', { id: current.id, name }), true);
  };

  const move = (direction: 'up' | 'down') => {
    if (current) void run(() => editOutline(mutate, 'outline.move', { id: current.id, direction }), true);
  };

  const remove = async () => {
    if (!current) return;
    const what = `${current.kind} ${current.number} ${current.name}`;
    const ok = await confirm({
      title: `Delete ${what}?`,
      description:
        current.kind === 'subgroup'
          ? 'Its data rows are deleted with it. Undo (Ctrl+Z) brings them back.'
          : `Everything in it is deleted with it: ${current.kind === 'comparison' ? 'its outcomes, ' : ''}subgroups, data rows and GRADE ratings. Undo (Ctrl+Z) brings them back.`,
      confirmLabel: 'Delete',
      tone: 'danger',
    });
    if (!ok) return;
    const next = items.find((i) => i.id === current.parentId)?.id ?? null;
    await run(() => editOutline(mutate, 'outline.delete', { id: current.id }).then((r) => ({ ...r, id: next ?? r.id })), true);
  };

  const onKeyDown = (e: React.KeyboardEvent, item: OutlineItem) => {
    if (NAV_KEYS.has(e.key)) {
      e.preventDefault();
      focusItem(moveFocus(items, item.id, e.key as NavKey));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (item.opens) props.onOpen(item.opens);
    } else if (e.key === 'F2') {
      e.preventDefault();
      startForm('rename');
    } else if (e.key === 'Delete') {
      e.preventDefault();
      void remove();
    }
  };

  const tabStop = current?.id ?? null;

  return (
    <nav className="an-outline card card--flush" aria-label="Comparisons and outcomes" ref={navRef}>
      <div className="an-outline__head">
        <h2 className="card__title">Comparisons and outcomes</h2>
        <div className="an-outline__tools" role="toolbar" aria-label="Edit the outline">
          <button type="button" className="button button--small" onClick={() => startForm('add-comparison')}>
            Add comparison
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={!current || current.kind === 'subgroup'}
            onClick={() => startForm('add-outcome')}
          >
            Add outcome
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={current?.kind !== 'outcome'}
            onClick={() => startForm('add-subgroup')}
          >
            Add subgroup
          </button>
          <button type="button" className="button button--small" disabled={!current} onClick={() => startForm('rename')}>
            Rename
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={!current || arranged || current.index === 0}
            onClick={() => move('up')}
            aria-label="Move up"
          >
            ↑
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={!current || arranged || current.index === current.siblings - 1}
            onClick={() => move('down')}
            aria-label="Move down"
          >
            ↓
          </button>
          <button type="button" className="button button--small button--danger" disabled={!current} onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </div>
      {form ? (
        <form
          className="an-outline__form"
          aria-label={form.mode === 'rename' ? 'Rename' : 'Add'}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="field">
            <label className="field__label" htmlFor="an-outline-name">
              {form.mode === 'rename'
                ? `New name of ${current?.kind ?? 'the item'} ${current?.number ?? ''}`
                : form.mode === 'add-comparison'
                  ? 'Name of the new comparison'
                  : form.mode === 'add-outcome'
                    ? 'Name of the new outcome'
                    : 'Name of the new subgroup'}
            </label>
            <input
              id="an-outline-name"
              autoFocus
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setForm(null);
                  focusItem(current?.id ?? null);
                }
              }}
            />
          </div>
          {form.mode === 'add-outcome' ? (
            <div className="field">
              <label className="field__label" htmlFor="an-outline-type">
                Data type
              </label>
              <Select<AnalysisDataType>
                id="an-outline-type"
                value={form.dataType}
                onChange={(dataType) => setForm({ ...form, dataType })}
                options={ANALYSIS_DATA_TYPES.map((t) => ({ value: t, label: DATA_TYPE_LABELS[t] }))}
              />
            </div>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button--primary button--small">
              {form.mode === 'rename' ? 'Rename' : 'Add'}
            </button>
            <button type="button" className="button button--small" onClick={() => setForm(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {props.outline.length > 0 ? (
        <div className="study-list__tools an-outline__filter">
          <FilterBox label="Filter outcomes" placeholder="Filter (press /)" value={query} onChange={setQuery} />
          <Select<OutlineSort>
            aria-label="Sort the outline"
            value={sort}
            onChange={setSort}
            options={OUTLINE_SORTS.map((s) => ({ value: s, label: OUTLINE_SORT_LABELS[s] }))}
          />
        </div>
      ) : null}
      {props.outline.length > 0 ? (
        <p className="muted an-outline__count" role="status" data-testid="outline-count">
          {countLabel(outcomeCount(shown), outcomeCount(props.outline), 'outcome', 'outcomes')}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="muted an-outline__empty">
          {props.outline.length === 0
            ? 'No comparison yet. Add one to enter data as in RevMan.'
            : `Nothing in the outline matches “${query}”.`}
        </p>
      ) : (
        <ul
          className="an-tree"
          role="tree"
          aria-label="Comparisons and outcomes"
          ref={treeRef}
          style={virtual ? { paddingTop: padTop, paddingBottom: padBottom } : undefined}
        >
          {rows.map(({ item, index }) => (
            <li
              key={item.id}
              ref={virtual ? virtualizer.measureElement : undefined}
              data-index={index}
              role="treeitem"
              data-item={item.id}
              aria-level={item.level}
              aria-posinset={item.index + 1}
              aria-setsize={item.siblings}
              aria-selected={item.kind === 'outcome' && item.id === props.openId}
              tabIndex={item.id === tabStop ? 0 : -1}
              className={`an-tree__item an-tree__item--${item.kind}${item.id === props.openId ? ' is-open' : ''}`}
              onFocus={() => setFocusId(item.id)}
              onClick={() => {
                setFocusId(item.id);
                if (item.opens && item.kind !== 'comparison') props.onOpen(item.opens);
              }}
              onKeyDown={(e) => onKeyDown(e, item)}
            >
              <span className="an-tree__number">{item.number}</span> <span className="an-tree__name">{item.name}</span>{' '}
              <span className="an-tree__id">{item.id}</span>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
