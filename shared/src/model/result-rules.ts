// The rules a result cell's numbers must meet, written once for the results grid (as the
// user types), the API schema (`armResultSchema`), the handlers (before writing a cell)
// and the review-document import. Structural types keep this module free of imports, so
// the schema module can use it without a cycle.

export type ResultField = 'mean' | 'sd' | 'n' | 'events';

export interface ResultIssue {
  readonly field: ResultField;
  readonly message: string;
}

/** What the cross-number rules read of an arm. */
export interface ArmCapacity {
  readonly label: string;
  readonly randomised: number | null;
}

/** What the cross-number rules read of a result. */
export type ResultNumbers =
  | { readonly kind: 'continuous'; readonly n: number | null }
  | { readonly kind: 'dichotomous'; readonly events: number | null; readonly n: number | null };

/** One number on its own: N a whole number ≥ 1, events a whole number ≥ 0, SD > 0; any mean. */
export function resultNumberIssue(field: ResultField, value: number): ResultIssue | null {
  switch (field) {
    case 'n':
      if (!Number.isSafeInteger(value)) return { field, message: 'N must be a whole number' };
      return value < 1 ? { field, message: 'N must be at least 1' } : null;
    case 'events':
      if (!Number.isSafeInteger(value)) return { field, message: 'events must be a whole number' };
      return value < 0 ? { field, message: 'events cannot be negative' } : null;
    case 'sd':
      return value > 0 ? null : { field, message: 'SD must be greater than 0' };
    case 'mean':
      return null;
  }
}

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
export function resultIssues(result: ResultNumbers, arm: ArmCapacity): ResultIssue[] {
  const issues = [result.kind === 'dichotomous' ? eventsWithinN(result.events, result.n) : null, nWithinRandomised(result.n, arm)];
  return issues.filter((i): i is ResultIssue => i !== null);
}
