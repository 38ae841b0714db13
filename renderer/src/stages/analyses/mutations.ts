import type { ApiClient, ArgsOf, OutcomeDetail, OutlineComparison, OutlineEdit, OutlineOutcome } from '@grove/shared';
import { queryKeys } from '../../data/query-keys.ts';
import type { AppState } from '../../store/app.ts';

// The Analyses stage's edits, each one mutation through the store. Every reply is itself
// the new state of the query it changes (the outline, or the outcome with its rows and
// analysis), so it is written into that query and not fetched again: one edit, one round trip.

type Mutate = AppState['mutate'];

const outlineReply = { key: queryKeys.outline, apply: (_: unknown, v: OutlineEdit) => v.outline };

export function editOutline<M extends 'outline.add' | 'outline.rename' | 'outline.move' | 'outline.delete' | 'outline.linkPlanned'>(
  mutate: Mutate,
  method: M,
  args: ArgsOf<M>,
): Promise<OutlineEdit> {
  return mutate((c: ApiClient) => c.call(method, args) as Promise<OutlineEdit>, { updates: [outlineReply] });
}

type OutcomeMethod =
  | 'outcomes.update'
  | 'outcomes.setDataType'
  | 'outcomes.rows.create'
  | 'outcomes.rows.update'
  | 'outcomes.rows.updateMany'
  | 'outcomes.rows.delete'
  | 'outcomes.rows.detach';

/**
 * The outline with one outcome's entry replaced by the one an edit replied with (its name,
 * settings and number of studies are all an outcome edit can change in the outline).
 */
export function withOutcome(outline: readonly OutlineComparison[], outcome: OutlineOutcome): OutlineComparison[] {
  return outline.map((c) =>
    c.outcomes.some((o) => o.id === outcome.id) ? { ...c, outcomes: c.outcomes.map((o) => (o.id === outcome.id ? outcome : o)) } : c,
  );
}

/**
 * An edit of one outcome (settings or rows): the reply replaces the outcome's query and its
 * entry in the outline, so neither is fetched again (the outline is not re-read, and not
 * redrawn when the entry is unchanged: the cache keeps equal data as they were).
 */
export function editOutcome<M extends OutcomeMethod>(
  mutate: Mutate,
  outcomeId: string,
  method: M,
  args: ArgsOf<M>,
): Promise<OutcomeDetail> {
  return mutate((c: ApiClient) => c.call(method, args) as Promise<OutcomeDetail>, {
    updates: [
      { key: queryKeys.outcome(outcomeId), apply: (_: unknown, v: OutcomeDetail) => v },
      { key: queryKeys.outline, apply: (cached: unknown, v: OutcomeDetail) => withOutcome(cached as OutlineComparison[], v.outcome) },
    ],
  });
}
