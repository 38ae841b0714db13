import { useState } from 'react';
import { matchScale, type ApiClient, type OutcomeScale, type StudyOutcomeFields } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { useApiQuery } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useAppStore } from '../../store/app.ts';
import { DIRECTION_LABELS } from './outcome-labels.ts';

// A study's measure or scale, chosen from its planned outcome's scales (issue 12 item 2).
// Whether the analysis pools MD or SMD follows the scales its studies use, so a spelling
// that is none of them is never taken silently: the scale it probably means is proposed,
// or the reviewer confirms it as a new scale of the outcome.

const NO_SCALES: readonly OutcomeScale[] = [];

export const useScales = () => useApiQuery(queryKeys.scales, 'scales.list', {});

/** The outcome's scales, and whether the typed measure is one of them (an outcome without scales takes any). */
export function scaleState(scales: readonly OutcomeScale[], draft: StudyOutcomeFields) {
  const own = scales.filter((s) => s.outcomeId === draft.outcomeId);
  const match = draft.measure.trim() && own.length > 0 ? matchScale(draft.measure, own) : null;
  return { own, match, chosen: !match || match.kind === 'same' };
}

export function ScaleField(props: {
  draft: StudyOutcomeFields;
  outcomeName: string;
  idBase: string;
  /** The field's own error, shown by the caller under id `${idBase}-m-e`. */
  error: string | undefined;
  change: (p: Partial<StudyOutcomeFields>, now?: boolean) => void;
  immediate: boolean;
}) {
  const { draft, outcomeName, idBase, error, change, immediate } = props;
  const store = useAppStore();
  const scales = useScales().data ?? NO_SCALES;
  const [busy, setBusy] = useState(false);
  const { own, match } = scaleState(scales, draft);
  const typed = draft.measure.trim();
  const listId = `${idBase}-scales`;
  const noteId = `${idBase}-scale-note`;
  const addNew = async () => {
    setBusy(true);
    try {
      await store
        .getState()
        .mutate((c: ApiClient) =>
          c.call('scales.create', { outcomeId: draft.outcomeId, scale: { name: typed, direction: draft.direction, unit: '' } }),
        );
      // The measure is now one of the scales: an existing row saves it at once.
      change({ measure: typed }, immediate);
    } catch (err) {
      store.getState().pushToast({ title: 'The scale was not added', description: errorMessage(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const proposal = match && match.kind !== 'same' ? match : null;
  return (
    <>
      <input
        type="text"
        list={listId}
        aria-label={`Measure or scale of ${outcomeName}`}
        placeholder={own.length ? 'Choose or type a scale' : 'e.g. Recovery Assessment Scale'}
        value={draft.measure}
        aria-invalid={error || proposal ? true : undefined}
        aria-describedby={[error ? `${idBase}-m-e` : '', proposal ? noteId : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => change({ measure: e.target.value })}
      />
      <datalist id={listId}>
        {own.map((s) => (
          <option key={s.id} value={s.name}>
            {[s.unit, DIRECTION_LABELS[s.direction]].filter(Boolean).join(', ')}
          </option>
        ))}
      </datalist>
      {proposal ? (
        <span id={noteId} className="scale-note" role="group" aria-label={`Scale of ${outcomeName}`}>
          {proposal.kind === 'similar' ? (
            <>
              <span>
                Not one of this outcome’s scales. Did you mean <strong>{proposal.scale.name}</strong>?
              </span>
              <button
                type="button"
                className="button button--small"
                onClick={() => change({ measure: proposal.scale.name, direction: proposal.scale.direction }, immediate)}
              >
                Use “{proposal.scale.name}”
              </button>
            </>
          ) : (
            <span>Not one of this outcome’s scales ({own.map((s) => s.name).join(', ')}).</span>
          )}
          <button type="button" className="button button--small button--ghost" disabled={busy} onClick={() => void addNew()}>
            Add “{typed}” as a new scale
          </button>
        </span>
      ) : null}
    </>
  );
}
