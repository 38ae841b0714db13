import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { RECORD_SORT_FIELDS, type SearchLogEntry, type StoredRecord } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { authorsShort } from './ImportWizard.tsx';
import { PAGE_SIZE, useRecordPages, type RecordsFilter } from './queries.ts';
import { Select } from '../../components/fields.tsx';

// Every record in the review in one scrolling table: only the rows in view are in the DOM,
// and only the pages of rows in view are fetched, so 100,000 records scroll like 100.

const ROW_HEIGHT = 34;
/** The header row's height (records.css), above the rows inside the scroll box. */
const HEAD_HEIGHT = 34;
const SORT_LABELS: Record<(typeof RECORD_SORT_FIELDS)[number], string> = {
  title: 'Title',
  authors: 'Authors',
  year: 'Year',
  journal: 'Journal',
  source: 'Source',
};
const STATUS_LABELS = { all: 'All records', remaining: 'Remaining', duplicate: 'Duplicates (merged)', removed: 'Removed' } as const;
type Status = keyof typeof STATUS_LABELS;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function RecordsTable(props: { searches: readonly SearchLogEntry[]; onOpen: (id: string) => void }) {
  const [text, setText] = useState('');
  const search = useDebounced(text, 250);
  const [searchId, setSearchId] = useState<string>('');
  const [status, setStatus] = useState<Status>('all');
  const [sort, setSort] = useState<(typeof RECORD_SORT_FIELDS)[number]>('source');
  const [descending, setDescending] = useState(false);
  const filter: RecordsFilter = { search, searchId: searchId === '' ? null : searchId, status, sort, descending };
  const scrollRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, last: PAGE_SIZE - 1 });
  const pages = useRecordPages(filter, range.first, range.last);
  const total = pages.head?.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // The rows start below the sticky header inside the scroll box.
    scrollMargin: HEAD_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, [first, last]);
  // A new search or filter starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [search, searchId, status, sort, descending]);

  const rowAt = (i: number): StoredRecord | undefined => {
    const page = pages.byOffset.get(Math.floor(i / PAGE_SIZE) * PAGE_SIZE);
    return page?.rows[i - page.offset];
  };
  const counts = pages.head?.counts;

  return (
    <section className="records-list" aria-label="Records">
      <div className="records-list__filters">
        <div className="field">
          <label htmlFor="records-search" className="field__label">
            Search
          </label>
          <input
            id="records-search"
            type="search"
            data-list-filter=""
            aria-keyshortcuts="/"
            value={text}
            placeholder="Words in the title, authors, journal, abstract or an identifier"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="records-source" className="field__label">
            Search (source)
          </label>
          <Select
            id="records-source"
            value={searchId}
            onChange={setSearchId}
            options={[
              { value: '', label: 'All searches' },
              ...props.searches
                .filter((s) => s.origin === 'imported')
                .map((s) => ({ value: s.id, label: `${s.source}${s.fileName ? ` — ${s.fileName}` : ''}` })),
            ]}
          />
        </div>
        <div className="field">
          <label htmlFor="records-status" className="field__label">
            Show
          </label>
          <Select<Status>
            id="records-status"
            value={status}
            onChange={setStatus}
            options={(Object.keys(STATUS_LABELS) as Status[]).map((s) => ({
              value: s,
              label: `${STATUS_LABELS[s]}${counts ? ` (${counts[s]})` : ''}`,
            }))}
          />
        </div>
        <div className="field">
          <label htmlFor="records-sort" className="field__label">
            Sort by
          </label>
          <Select<typeof sort>
            id="records-sort"
            value={sort}
            onChange={setSort}
            options={RECORD_SORT_FIELDS.map((f) => ({ value: f, label: SORT_LABELS[f] }))}
          />
        </div>
        <div className="field field--checkbox">
          <input id="records-desc" type="checkbox" checked={descending} onChange={(e) => setDescending(e.target.checked)} />
          <label htmlFor="records-desc" className="field__label">
            Descending
          </label>
        </div>
      </div>
      <p className="records-list__count" role="status" data-testid="records-count">
        {pages.loading && !pages.head
          ? 'Loading records…'
          : `${total} ${total === 1 ? 'record' : 'records'} shown` +
            (counts
              ? ` · ${counts.all} in the review: ${counts.remaining} remaining, ${counts.duplicate} duplicates, ${counts.removed} removed`
              : '')}
      </p>
      {pages.error ? (
        <p role="alert" className="records-list__error">
          The records could not be read: {errorMessage(pages.error)}
        </p>
      ) : null}
      {/* The scroll box holds the whole table (its header sticks to the top), so that the
          table's rows are its own children, as ARIA's table requires. */}
      <div ref={scrollRef} className="records-table__scroll" tabIndex={0} role="region" aria-label="Records, scrollable">
        <div className="records-table" role="table" aria-label="Records" aria-rowcount={total + 1}>
          <div role="rowgroup" className="records-table__head">
            <div role="row" aria-rowindex={1} className="records-table__row">
              <span role="columnheader">Title</span>
              <span role="columnheader">Authors</span>
              <span role="columnheader">Year</span>
              <span role="columnheader">Journal</span>
              <span role="columnheader">Source</span>
              <span role="columnheader">Status</span>
            </div>
          </div>
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const r = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={`records-table__row${r?.status === 'duplicate' ? ' is-duplicate' : ''}`}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start - HEAD_HEIGHT}px)`,
                  }}
                >
                  {r ? (
                    <>
                      <span role="cell" className="records-table__title">
                        <button type="button" className="link-button" onClick={() => props.onOpen(r.id)}>
                          {r.title ?? '(no title)'}
                        </button>
                      </span>
                      <span role="cell">{authorsShort(r.authors)}</span>
                      <span role="cell">{r.year ?? '—'}</span>
                      <span role="cell">{r.journal ?? '—'}</span>
                      <span role="cell">{r.source}</span>
                      <span role="cell">
                        {r.status === 'duplicate'
                          ? 'duplicate'
                          : r.status === 'removed'
                            ? 'removed'
                            : r.mergedCount > 0
                              ? `kept (+${r.mergedCount})`
                              : ''}
                      </span>
                    </>
                  ) : (
                    <span role="cell" className="records-table__loading">
                      Loading…
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
