import type { NotRetrieved } from '@grove/shared';

// The full-text records whose report could not be obtained, under the full-text screen:
// what was tried and by whom, and "Unmark" for when the report turns up (the record is then
// back in the queue to be decided). PRISMA 2020 counts them as "Reports not retrieved".

export function NotRetrievedList(props: { marked: readonly NotRetrieved[]; onUnmark: (recordId: string) => void }) {
  if (props.marked.length === 0) return null;
  return (
    <section className="screen-notret-list card" aria-labelledby="screen-notret-list-h" data-testid="not-retrieved-list">
      <h2 id="screen-notret-list-h" className="screen-side__heading">
        Full text could not be obtained ({props.marked.length})
      </h2>
      <ul>
        {props.marked.map((m) => (
          <li key={m.recordId}>
            <span className="screen-notret-list__title">
              {m.title ?? `Record ${m.recordId}`}
              {m.year === null ? '' : ` (${m.year})`}
            </span>
            <span className="muted">
              {m.note ? ` Tried: ${m.note}.` : ''} Marked by {m.reviewerName || 'a reviewer'}.
            </span>
            <button
              type="button"
              className="button button--small button--ghost"
              aria-label={`Unmark ${m.title ?? m.recordId}: the full text was obtained`}
              onClick={() => props.onUnmark(m.recordId)}
            >
              Unmark
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
