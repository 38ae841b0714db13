import { useLayoutEffect } from 'react';
import type { ScreeningRecord } from '@grove/shared';
import { Highlighted } from './Highlighted.tsx';
import type { Highlighter } from './highlight.ts';
import { markPainted } from './paint-marks.ts';
import type { Made } from './queue.ts';

// One record as the screener reads it: title, authors, journal and year, abstract, with the
// review's terms marked, and the reviewer's own decision when they came back to it.

const DECISION_LABEL = { include: 'Included', exclude: 'Excluded', maybe: 'Maybe' } as const;

export function RecordPanel(props: { record: ScreeningRecord; made: Made | null; highlighter: Highlighter; reasonLabel: string | null }) {
  const { record, made, highlighter } = props;
  // The benchmark's mark: this record is on screen (measured at the next frame).
  useLayoutEffect(() => markPainted(), [record.recordId]);
  const authors = record.authors.length > 0 ? record.authors.join('; ') : 'No authors';
  const source = [record.journal, record.year === null ? null : String(record.year)].filter((x) => x).join(' · ');
  return (
    <article className="screen-record" aria-labelledby="screen-record-title" data-record-id={record.recordId}>
      {made ? (
        <p className={`screen-record__mine screen-record__mine--${made.input.decision}`} data-testid="screen-mine">
          Your decision: {DECISION_LABEL[made.input.decision]}
          {props.reasonLabel ? ` (${props.reasonLabel})` : ''}
          {made.status === 'sending' ? ' · saving…' : ''}
        </p>
      ) : null}
      <h2 id="screen-record-title" className="screen-record__title">
        {record.title ? <Highlighted text={record.title} highlighter={highlighter} /> : <span className="muted">No title</span>}
      </h2>
      <p className="screen-record__authors">{authors}</p>
      {source ? <p className="screen-record__source">{source}</p> : null}
      {record.doi ? <p className="screen-record__doi">doi: {record.doi}</p> : null}
      <div className="screen-record__abstract" aria-label="Abstract" role="region">
        {record.abstract ? <Highlighted text={record.abstract} highlighter={highlighter} /> : <p className="muted">No abstract.</p>}
      </div>
    </article>
  );
}
