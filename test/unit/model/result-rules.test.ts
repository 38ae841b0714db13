import { describe, expect, it } from 'vitest';
import { eventsWithinN, nWithinRandomised, resultIssues } from '@grove/shared';

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
    const both = resultIssues({ kind: 'dichotomous', events: 60, n: 50, derivation: null }, arm);
    expect(both.map((i) => i.field)).toEqual(['events', 'n']);
    expect(resultIssues({ kind: 'continuous', mean: 1, sd: 1, n: 50, derivation: null }, arm).map((i) => i.field)).toEqual(['n']);
    expect(resultIssues({ kind: 'dichotomous', events: 5, n: 40, derivation: null }, arm)).toEqual([]);
  });
});
