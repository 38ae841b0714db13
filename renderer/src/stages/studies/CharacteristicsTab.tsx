import { useMemo } from 'react';
import { type Study } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { useApp } from '../../store/app.ts';
import { firstError, useApiQuery, useForm, useReviewerList } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { dualPair, useDualExtraction, useReviewPref } from '../../store/review-prefs.ts';
import { CompareView } from './CompareView.tsx';
import { reviewerName } from './dual-logic.ts';
import { DualExtractionBar } from './DualExtraction.tsx';
import { CharacteristicRow } from './CharacteristicRow.tsx';

// One study's characteristics: the extraction form rendered as a table of fields, each
// with its value, a source note (report, page, table) and a comment. "N/R" (not reported)
// is a value of its own; an empty cell is "not yet extracted". What is typed is parsed
// with the shared parser: an invalid entry shows its message at the field and is held
// back (never sent), while every other field keeps saving. Saved on blur or after a pause.

export function CharacteristicsTab(props: { study: Study; onOpenForm: () => void }) {
  const me = useApp((s) => s.reviewerId);
  const reviewers = useReviewerList();
  const [dual] = useDualExtraction();
  const pair = dualPair(dual);
  const [view, setView] = useReviewPref<{ mode: 'extract' | 'compare' }>('characteristicsView', { mode: 'extract' });
  // With dual extraction on, A and B each extract into their own slot; anyone else edits the consensus.
  const slot = pair && (me === pair.first || me === pair.second) ? me! : 'final';
  const comparing = !!pair && view.mode === 'compare';
  const studyId = props.study.id;
  const formQuery = useForm();
  const valuesQuery = useApiQuery(queryKeys.characteristics(studyId, null), 'characteristics.list', { studyId });
  const failure = firstError(formQuery, valuesQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const form = formQuery.data ?? null;
  const all = valuesQuery.data;
  const values = useMemo(() => (all ? new Map(all.filter((v) => v.slot === slot).map((v) => [v.fieldId, v])) : null), [all, slot]);

  const bar = (
    <>
      <DualExtractionBar />
      {pair ? (
        <div className="seg" role="group" aria-label="Characteristics view">
          <button type="button" className="seg__btn" aria-pressed={!comparing} onClick={() => setView({ mode: 'extract' })}>
            {slot === 'final' ? 'Consensus values' : `My extraction (${reviewerName(reviewers, slot)})`}
          </button>
          <button type="button" className="seg__btn" aria-pressed={comparing} onClick={() => setView({ mode: 'compare' })}>
            Compare A and B
          </button>
        </div>
      ) : null}
    </>
  );

  if (loadError) {
    return (
      <p className="notice notice--error" role="alert">
        The characteristics could not be loaded: {loadError}
      </p>
    );
  }
  if (!form || !values) {
    return (
      <div className="characteristics">
        {bar}
        <p className="muted" role="status">
          Loading characteristics…
        </p>
      </div>
    );
  }
  if (form.fields.length === 0) {
    return (
      <div className="empty">
        <p>The extraction form has no fields yet.</p>
        <button type="button" className="button" onClick={props.onOpenForm}>
          Design the extraction form
        </button>
      </div>
    );
  }

  if (comparing && pair) {
    return (
      <div className="characteristics">
        {bar}
        <CompareView study={props.study} form={form} first={pair.first} second={pair.second} />
      </div>
    );
  }

  const filled = form.fields.filter((f) => values.has(f.id)).length;
  return (
    <div className="characteristics">
      {bar}
      {slot !== 'final' ? (
        <p className="notice dual-notice">
          You are extracting as <strong>{reviewerName(reviewers, slot)}</strong>, independently: these values are yours alone. The review
          uses the consensus recorded under <em>Compare A and B</em>.
        </p>
      ) : null}
      <p className="characteristics__summary muted">
        {filled} of {form.fields.length} fields extracted. Type <kbd>N/R</kbd> or press <kbd>Alt+Shift+N</kbd> for “not reported”; an empty
        field means “not yet extracted”.
      </p>
      {form.sections.map((section) => {
        const fields = form.fields.filter((f) => f.sectionId === section.id);
        if (fields.length === 0) return null;
        return (
          <section key={section.id} className="char-section" aria-label={section.title}>
            <h3 className="char-section__title">{section.title}</h3>
            {section.description ? <p className="muted">{section.description}</p> : null}
            <div className="char-table" role="table" aria-label={`${section.title} of ${props.study.label}`}>
              <div className="char-row char-row--head" role="row">
                <span role="columnheader">Field</span>
                <span role="columnheader">Value</span>
                <span role="columnheader">Source (report, page, table)</span>
                <span role="columnheader">Comment</span>
              </div>
              {fields.map((f) => (
                <CharacteristicRow
                  key={`${studyId}:${f.id}:${slot}`}
                  slot={slot}
                  studyId={studyId}
                  studyLabel={props.study.label}
                  field={f}
                  value={values.get(f.id) ?? null}
                />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
