import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChangeSummary } from '@grove/shared';

// Which changes one API call recorded. The dispatcher runs a mutation's handler inside
// `collectChanges`; `recordChange` announces each committed change here. Handlers never
// pass changes around by hand, and AsyncLocalStorage keeps concurrent calls apart even
// if a handler awaits between two changes.

const scope = new AsyncLocalStorage<ChangeSummary[]>();

/** Called by `recordChange` after its transaction committed. Outside a scope it does nothing. */
export function announceChange(change: ChangeSummary): void {
  scope.getStore()?.push(change);
}

/** Runs `run` and returns what it changed, several changes merged into one summary. */
export async function collectChanges<T>(run: () => Promise<T>): Promise<{ value: T; change: ChangeSummary | null }> {
  const changes: ChangeSummary[] = [];
  const value = await scope.run(changes, run);
  return { value, change: mergeChanges(changes) };
}

/** The last change's id and label, with every change's touched rows (tables in first-touched order). */
export function mergeChanges(changes: readonly ChangeSummary[]): ChangeSummary | null {
  const last = changes.at(-1);
  if (!last) return null;
  const touched = new Map<string, Set<string>>();
  for (const c of changes) {
    for (const t of c.touched) {
      const ids = touched.get(t.table) ?? new Set<string>();
      for (const id of t.ids) ids.add(id);
      touched.set(t.table, ids);
    }
  }
  return { id: last.id, label: last.label, touched: [...touched].map(([table, ids]) => ({ table, ids: [...ids] })) };
}
