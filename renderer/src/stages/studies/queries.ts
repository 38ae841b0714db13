import { useApiQuery } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';

// The Studies stage's own queries.

/** The defaults, usual timepoint and arms of one-step entry for a study (PlannedEntry.tsx). */
export const usePlannedEntry = (studyId: string) => useApiQuery(queryKeys.plannedEntry(studyId), 'entry.planned', { studyId });
