import type { Arm, ArmResult } from './study-data.ts';

// The rules that relate one arm result's numbers to each other and to its arm, written
// once for the results grid (as the user types), the handlers (before writing a cell) and
// the review-document import. Single-number rules (SD > 0, N ≥ 1, whole counts) are the
// schema's (`armResultSchema`).

export type ResultField = 'mean' | 'sd' | 'n' | 'events';

export interface ResultIssue {
  readonly field: ResultField;
  readonly message: string;
}

type ArmCapacity = Pick<Arm, 'label' | 'randomised'>;

/** Events ≤ N: an arm cannot have more events than participants analysed. */
export function eventsWithinN(events: number | null, n: number | null): ResultIssue | null {
  if (events === null || n === null || events <= n) return null;
  return { field: 'events', message: `events (${events}) cannot exceed N (${n})` };
}

/** N ≤ randomised: an arm cannot analyse more participants than were randomised to it. */
export function nWithinRandomised(n: number | null, arm: ArmCapacity): ResultIssue | null {
  if (n === null || arm.randomised === null || n <= arm.randomised) return null;
  return { field: 'n', message: `N (${n}) is larger than the ${arm.randomised} randomised to “${arm.label}”` };
}

/** Every cross-number rule a result must meet to be stored for `arm`. */
export function resultIssues(result: ArmResult, arm: ArmCapacity): ResultIssue[] {
  const issues = [result.kind === 'dichotomous' ? eventsWithinN(result.events, result.n) : null, nWithinRandomised(result.n, arm)];
  return issues.filter((i): i is ResultIssue => i !== null);
}
