import { useState } from 'react';
import { errorMessage } from '../../../api/client.ts';
import { useAppStore } from '../../../store/app.ts';
import { addIncludedAsStudies } from './mutations.ts';
import { useIncludedNotInStudy } from './queries.ts';

// Included records flow into the Studies stage: when records included at full text are not
// yet reports of a study, this says how many and adds them, one study each with its short
// ID, in one undoable change (records linked first stay in their studies). Shown in the
// Studies stage and in the linking view; nothing when there is nothing to add.

export function IncludedStudiesBanner() {
  const store = useAppStore();
  const included = useIncludedNotInStudy();
  const [error, setError] = useState<string | null>(null);
  const n = included.data?.length ?? 0;
  if (n === 0 && !error) return null;
  return (
    <div className="banner" role="region" aria-label="Included records not yet studies">
      <p>
        {n === 1 ? '1 record included at full text is' : `${n} records included at full text are`} not yet a study. Link reports of one
        study first (Screening › Study linking), then add the rest as studies.
      </p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          setError(null);
          addIncludedAsStudies(store).catch((err: unknown) => setError(errorMessage(err)));
        }}
      >
        Add {n === 1 ? 'it' : `${n} records`} as studies
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
