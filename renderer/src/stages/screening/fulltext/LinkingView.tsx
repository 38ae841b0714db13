import { useState } from 'react';
import type { LinkSuggestionView } from '@grove/shared';
import { errorMessage } from '../../../api/client.ts';
import { useAppStore } from '../../../store/app.ts';
import { IncludedStudiesBanner } from './IncludedStudiesBanner.tsx';
import { createStudy, linkRecords, rejectLink, unlinkRecord } from './mutations.ts';
import { useLinkedStudies, useLinkSuggestions } from './queries.ts';
import './fulltext.css';

// Study linking: the records at full text that Grove thinks are reports of one study (same
// trial registry id, or same first author, year and sample size), for the reviewer to
// confirm ("Same study": a new study with its short ID, or into the study one of them is
// in already) or reject (kept: never suggested again); then every study with its reports.

function recordLine(r: LinkSuggestionView['records'][number]): string {
  const who = r.authors[0] ? r.authors[0].split(',')[0] : 'Anonymous';
  return `${who} ${r.year ?? 'n.d.'}: ${r.title ?? '(no title)'}`;
}

export function LinkingView() {
  const store = useAppStore();
  const suggestions = useLinkSuggestions();
  const studies = useLinkedStudies();
  const [error, setError] = useState<string | null>(null);
  const run = (p: Promise<unknown>) => {
    setError(null);
    p.catch((err: unknown) => setError(errorMessage(err)));
  };

  const confirm = (s: LinkSuggestionView) => {
    const into = s.studyIds[0];
    if (into === undefined) run(createStudy(store, s.recordIds));
    else run(linkRecords(store, s.recordIds, into));
  };

  return (
    <section className="linking-view" aria-labelledby="linking-h">
      <h2 id="linking-h">Study linking</h2>
      <IncludedStudiesBanner />
      {error && <p role="alert">{error}</p>}
      <section aria-labelledby="suggestions-h">
        <h3 id="suggestions-h">Suggested links ({suggestions.data?.length ?? 0})</h3>
        {suggestions.data?.length === 0 && <p className="muted">No suggestions: no two records at full text look like one study.</p>}
        {suggestions.data?.map((s) => (
          <article
            key={s.recordIds.join(' ')}
            className="linking-view__suggestion"
            aria-label={`Suggestion: ${s.reasons[0]?.detail ?? ''}`}
          >
            <p>{s.reasons.map((r) => r.detail).join('; ')}</p>
            <ul>
              {s.records.map((r) => (
                <li key={r.id}>
                  {recordLine(r)}
                  {r.sampleSize !== null && ` (n = ${r.sampleSize})`}
                  {r.studyLabel && <strong> — in {r.studyLabel}</strong>}
                </li>
              ))}
            </ul>
            <div className="button-row">
              <button type="button" className="button button--primary" onClick={() => confirm(s)}>
                Same study
              </button>
              <button type="button" className="button" onClick={() => run(rejectLink(store, s.recordIds))}>
                Not one study
              </button>
            </div>
          </article>
        ))}
      </section>
      <section aria-labelledby="linked-h">
        <h3 id="linked-h">Studies and their reports</h3>
        <ul className="linking-view__studies">
          {studies.data?.map((st) => (
            <li key={st.id}>
              <strong>{st.label}</strong> ({st.reports.length} {st.reports.length === 1 ? 'report' : 'reports'})
              <ul>
                {st.reports.map((r) => (
                  <li key={r.reportId}>
                    {r.title || '(untitled report)'}
                    {r.year !== null && ` (${r.year})`}
                    {r.recordId && (
                      <button type="button" className="button button--quiet-danger" onClick={() => run(unlinkRecord(store, r.recordId!))}>
                        Unlink
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
