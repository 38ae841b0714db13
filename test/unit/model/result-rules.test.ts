import { describe, expect, it } from 'vitest';
import { armResultSchema, eventsWithinN, nWithinRandomised, resultIssues, resultNumberIssue, type ArmResult } from '@grove/shared';

const arm = { label: 'Usual care', randomised: 42 };

describe('result rules', () => {
  it('events ≤ N, with both numbers in the message', () => {
    expect(eventsWithinN(10, 10)).toBeNull();
    expect(eventsWithinN(null, 10)).toBeNull();
    expect(eventsWithinN(12, null)).toBeNull();
    expect(eventsWithinN(12, 10)).toEqual({ field: 'events', message: 'events (12) cannot exceed N (10)' });
  });

  it('N ≤ randomised, naming the arm; no rule while randomised is unknown', () => {
    expect(nWithinRandomised(42, arm)).toBeNull();
    expect(nWithinRandomised(50, { ...arm, randomised: null })).toBeNull();
    expect(nWithinRandomised(50, arm)).toEqual({ field: 'n', message: 'N (50) is larger than the 42 randomised to “Usual care”' });
  });

  it('a result breaking both rules gets both issues, events first', () => {
    // Stored results (ArmResult) are what the handler passes.
    const stored = (r: ArmResult) => resultIssues(r, arm).map((i) => i.field);
    expect(stored({ kind: 'dichotomous', events: 60, n: 50, derivation: null })).toEqual(['events', 'n']);
    expect(stored({ kind: 'continuous', mean: 1, sd: 1, n: 50, derivation: null })).toEqual(['n']);
    expect(stored({ kind: 'dichotomous', events: 5, n: 40, derivation: null })).toEqual([]);
  });

  it('checks each number on its own: whole N ≥ 1, whole events ≥ 0, SD > 0, any mean', () => {
    expect(resultNumberIssue('n', 1)).toBeNull();
    expect(resultNumberIssue('n', 0)?.message).toBe('N must be at least 1');
    expect(resultNumberIssue('n', 2.5)?.message).toBe('N must be a whole number');
    expect(resultNumberIssue('events', 0)).toBeNull();
    expect(resultNumberIssue('events', -1)?.message).toBe('events cannot be negative');
    expect(resultNumberIssue('events', 0.5)?.message).toBe('events must be a whole number');
    expect(resultNumberIssue('sd', 0)?.message).toBe('SD must be greater than 0');
    expect(resultNumberIssue('sd', 0.01)).toBeNull();
    expect(resultNumberIssue('mean', -3)).toBeNull();
  });

  it('is what the API schema checks, field by field', () => {
    const bad = armResultSchema.safeParse({ kind: 'dichotomous', events: -1, n: 0, derivation: null });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['events', 'events cannot be negative'],
      ['n', 'N must be at least 1'],
    ]);
    const sd = armResultSchema.safeParse({ kind: 'continuous', mean: 1, sd: 0, n: 10, derivation: null });
    expect(sd.success ? [] : sd.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['sd', 'SD must be greater than 0']]);
    expect(armResultSchema.safeParse({ kind: 'continuous', mean: null, sd: null, n: null, derivation: null }).success).toBe(true);
  });
});
