// "Decided regardless of what is still unknown": one definition shared by the RoB 2 domain
// algorithms (unanswered signalling questions) and the RoB 2 overall judgement (domains not
// yet judged). A decision function is written as if every input were known — a literal
// transcription of the published decision table — and this helper explores every way the
// unknown inputs the function actually reads could still be filled in. The result is
// determined only when all of them lead to the same answer.
//
// Why: reference rob2-algorithms.md §A.4 says never guess a judgement from partial answers,
// yet the official flowcharts themselves decide some domains before every question is
// answered (D1 is High as soon as 1.2 is N/PN; 1.1 is then ignored). Exploring the
// completions gives exactly "decided when the tree has decided" with no per-table special
// cases, so the partial-answer behaviour cannot drift from the tables.

class NeedsInput<K> {
  constructor(readonly key: K) {}
}

/** `waitingFor`: the unknown input the decision reads next (empty if it reads none). */
export type Determination<K, R> = { determined: true; value: R } | { determined: false; waitingFor: K[] };

/**
 * @param known        the known value of an input, or null/undefined when unknown
 * @param alternatives the values an unknown input could still take (one representative per
 *                     class the decision function can tell apart is enough)
 * @param decide       the decision as a total function of its inputs
 */
export function decideDespiteUnknowns<K, V, R>(
  known: (key: K) => V | null | undefined,
  alternatives: (key: K) => readonly V[],
  decide: (get: (key: K) => V) => R,
): Determination<K, R> {
  let first: { value: R } | null = null;
  let conflict = false;
  const waitingFor: K[] = [];

  const explore = (fixed: ReadonlyMap<K, V>): void => {
    const get = (key: K): V => {
      const value = known(key);
      if (value !== null && value !== undefined) return value;
      if (fixed.has(key)) return fixed.get(key) as V;
      throw new NeedsInput(key);
    };
    let result: R;
    try {
      result = decide(get);
    } catch (e) {
      if (!(e instanceof NeedsInput)) throw e;
      const key = (e as NeedsInput<K>).key;
      // Report only what the decision reads next with nothing assumed: the first unknown on
      // the path the known inputs lead to. Keys met under assumed values are not "needed".
      if (fixed.size === 0) waitingFor.push(key);
      for (const alt of alternatives(key)) {
        explore(new Map(fixed).set(key, alt));
        if (conflict) return;
      }
      return;
    }
    if (first === null) first = { value: result };
    else if (!Object.is(first.value, result)) conflict = true;
  };

  explore(new Map());
  if (conflict || first === null) return { determined: false, waitingFor };
  return { determined: true, value: (first as { value: R }).value };
}
