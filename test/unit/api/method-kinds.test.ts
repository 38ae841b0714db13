import { describe, expect, it } from 'vitest';
import { API, isMutation, METHOD_NAMES } from '@grove/shared';

// Every contract method says whether it reads or writes; clients cache the one and
// invalidate from the replies of the other. (That no query writes is checked against a
// real review file in the contract suite.)

describe('method kinds', () => {
  it('marks every method of the contract as a query or a mutation', () => {
    const unmarked = METHOD_NAMES.filter((m) => !['query', 'mutation'].includes(API[m].kind));
    expect(unmarked).toEqual([]);
  });

  it('marks the methods that only read as queries and the writing ones as mutations', () => {
    expect(isMutation('studies.list')).toBe(false);
    expect(isMutation('history.status')).toBe(false);
    expect(isMutation('results.set')).toBe(true);
    expect(isMutation('history.undo')).toBe(true);
    expect(isMutation('session.setReviewer')).toBe(true);
    // Every create/update/delete/set/save is a mutation, whatever its domain.
    const writers = METHOD_NAMES.filter((m) => /\.(create|update|delete|set\w*|save|undo|import\w*)$/.test(m));
    expect(writers.filter((m) => !isMutation(m))).toEqual([]);
  });
});
