import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Study } from '@grove/shared';
import { FilterBox } from '../../components/FilterBox.tsx';
import { Select } from '../../components/fields.tsx';
import { countLabel } from '../../components/list-filter.ts';
import { STATUS_LABELS } from './forms.tsx';
import { STUDY_SORT_LABELS, STUDY_SORTS, visibleStudies, type StudySort } from './study-list.ts';

// The study list: a filter (/ focuses it), a sort, the count shown of all, and the rows.
// A long list (an imported review with a hundred studies) is virtualised: only the rows in
// view are in the page. ↑ ↓ Home End move between studies, Delete deletes (after asking).

/** Above this many rows the list renders only those in view. */
const VIRTUAL_FROM = 60;
const ROW_HEIGHT = 33;

export function StudyList(props: {
  studies: readonly Study[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onDelete: (study: Study) => void;
}) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<StudySort>('label');
  const shown = useMemo(() => visibleStudies(props.studies, query, sort, (s) => STATUS_LABELS[s]), [props.studies, query, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = shown.length >= VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? shown.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  // A new filter or sort starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [query, sort]);
  const items = virtual ? virtualizer.getVirtualItems() : shown.map((_, index) => ({ index, start: index * ROW_HEIGHT, end: 0 }));
  const before = virtual ? (items[0]?.start ?? 0) : 0;
  const after = virtual ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;

  const focusStudy = (i: number) => {
    const target = shown[Math.max(0, Math.min(shown.length - 1, i))];
    if (!target) return;
    props.onSelect(target.id);
    const button = () =>
      [...(scrollRef.current?.querySelectorAll<HTMLElement>('button[data-study-id]') ?? [])].find((b) => b.dataset.studyId === target.id);
    const now = button();
    if (now) return now.focus();
    // A virtualised row out of view: scroll it in, then focus it once rendered.
    virtualizer.scrollToIndex(shown.indexOf(target));
    requestAnimationFrame(() => button()?.focus());
  };

  const reports = props.studies.reduce((n, s) => n + s.reports.length, 0);
  return (
    <>
      <div className="study-list__tools">
        <FilterBox label="Filter studies" value={query} onChange={setQuery} />
        <Select<StudySort>
          aria-label="Sort studies"
          value={sort}
          onChange={setSort}
          options={STUDY_SORTS.map((s) => ({ value: s, label: STUDY_SORT_LABELS[s] }))}
        />
      </div>
      <div className={`study-list__scroll${virtual ? ' is-virtual' : ''}`} ref={scrollRef}>
        <table className="study-table">
          <caption className="visually-hidden">Studies in the review</caption>
          <thead>
            <tr>
              <th scope="col">Study</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Reports
              </th>
            </tr>
          </thead>
          <tbody>
            {before > 0 ? (
              <tr aria-hidden="true" className="study-table__spacer">
                <td colSpan={3} style={{ height: before }} />
              </tr>
            ) : null}
            {items.map(({ index }) => {
              const s = shown[index]!;
              const current = props.selectedId === s.id;
              return (
                <tr key={s.id} className={current ? 'is-selected' : undefined} onClick={() => props.onSelect(s.id)}>
                  <th scope="row">
                    <button
                      type="button"
                      className="study-row"
                      data-study-id={s.id}
                      aria-current={current ? 'true' : undefined}
                      onClick={(e) => {
                        e.stopPropagation();
                        props.onSelect(s.id);
                      }}
                      onKeyDown={(e) => {
                        const to =
                          e.key === 'ArrowDown'
                            ? index + 1
                            : e.key === 'ArrowUp'
                              ? index - 1
                              : e.key === 'Home'
                                ? 0
                                : e.key === 'End'
                                  ? shown.length - 1
                                  : null;
                        if (to !== null) {
                          e.preventDefault();
                          focusStudy(to);
                        } else if (e.key === 'Delete') {
                          e.preventDefault();
                          props.onDelete(s);
                        }
                      }}
                    >
                      {s.label}
                    </button>
                  </th>
                  <td>
                    <span className={`badge badge--${s.status}`}>{STATUS_LABELS[s.status]}</span>
                  </td>
                  <td className="num">{s.reports.length}</td>
                </tr>
              );
            })}
            {after > 0 ? (
              <tr aria-hidden="true" className="study-table__spacer">
                <td colSpan={3} style={{ height: after }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="muted study-list__none">No study matches “{query}”.</p> : null}
      </div>
      <p className="split__count muted" role="status" data-testid="studies-count">
        {countLabel(shown.length, props.studies.length, 'study', 'studies')}, {reports} {reports === 1 ? 'report' : 'reports'}
      </p>
    </>
  );
}
