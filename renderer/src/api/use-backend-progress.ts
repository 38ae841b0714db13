import { useEffect, useState } from 'react';
import type { ProgressEvent } from '@grove/shared';
import { useClient } from './client.ts';

// The backend's latest progress event while a long call runs (an import, a deduplication).
// A push stream, not server data to cache: it lives in component state for as long as the
// call runs and is dropped after, so the data layer's queries are not involved.

/** The latest progress event heard while `active`; null before the first one and when inactive. */
export function useBackendProgress(active: boolean): ProgressEvent | null {
  const client = useClient();
  const [latest, setLatest] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    setLatest(null);
    if (!active || !client.progress) return undefined;
    return client.progress(setLatest);
  }, [active, client]);
  return active ? latest : null;
}
