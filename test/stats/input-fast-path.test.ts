// parseAnalysisInput recognises well-formed requests without zod (input-fast-path.ts, issue 11):
// whatever the input, its answer must be the schema's own — the same AnalysisInput, key for
// key, or the same messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisInputSchema, formatIssuePath, parseAnalysisInput, type ParseResult } from '../../shared/src/stats/index.ts';
import { wellFormedRequest } from '../../shared/src/stats/input-fast-path.ts';
import { DATA_TYPES, SETTINGS } from '../../shared/src/stats/request-rules.ts';

/** What the schema alone answers. */
function bySchema(json: unknown): ParseResult {
  const r = analysisInputSchema().safeParse(json);
  if (r.success) return { ok: true, input: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`) };
}

function expectSameAsSchema(json: unknown): void {
  const fast = parseAnalysisInput(json);
  const schema = bySchema(json);
  expect(fast).toStrictEqual(schema);
  // Key order too: it is the order `grove meta` prints.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(schema));
}

// Values at and around every bound of the schema, and of the wrong types.
const nearBounds = fc.constantFrom<unknown>(-1, -0, 0, 0.5, 1, 1.5, 2);
const wrong = fc.constantFrom<unknown>(1e300, 2 ** 53, Infinity, NaN, '3', null, true, undefined);
/** Mostly a value every field accepts (events stay below totals), sometimes one at or past a bound, or of a wrong kind. */
const numberish = (valid: fc.Arbitrary<number>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: nearBounds, weight: 2 }, { arbitrary: wrong, weight: 1 });
const rare = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 20 }, { arbitrary: arb, weight: 1 });
// Every value of every setting in the table both paths read (request-rules.ts), so that a
// setting added there is tried here too, and values no setting takes.
const settingValue = fc.constantFrom<unknown>(
  ...new Set(Object.values(SETTINGS).flatMap((s) => [...s.values])),
  0.8,
  'x',
  null,
  undefined,
  1,
);
const settingKey = fc.constantFrom(...Object.keys(SETTINGS), 'logScale', 'unknownKey', 'influence', 'toString', '__proto__');
const FIELDS = [...new Set(Object.values(DATA_TYPES).flatMap((t) => Object.keys(t.row)))];

// Rows carry every numeric field (each data type picks its own), so that many inputs are valid.
const row = fc
  .record({
    study: fc.oneof({ arbitrary: fc.constantFrom('A', 'B'), weight: 20 }, { arbitrary: fc.constantFrom<unknown>('', 3), weight: 1 }),
    subgroup: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 60 },
      { arbitrary: fc.constantFrom<unknown>('one', 'two', '', 4), weight: 1 },
    ),
    covariates: rare(fc.constant({ year: 2000 })),
    extra: rare(fc.constant('dropped')),
    ...Object.fromEntries(
      FIELDS.map((f) => [f, numberish(f.startsWith('events') ? fc.integer({ min: 0, max: 2 }) : fc.integer({ min: 2, max: 60 }))]),
    ),
  })
  // An undefined value stands for an absent key, except rarely, when it is present as undefined.
  .chain((r) => fc.nat(40).map((n) => (n === 0 ? r : Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))))
  .chain((r) => fc.nat(40).map((n) => (n === 0 ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'total1')) : r)));

const MEASURES: Record<string, readonly string[]> = {
  ...Object.fromEntries(Object.entries(DATA_TYPES).map(([type, t]) => [type, t.measures])),
  other: ['OR'],
};

const request = fc.constantFrom(...Object.keys(DATA_TYPES), 'other').chain((dataType) =>
  fc.record(
    {
      dataType: fc.constant(dataType),
      effectMeasure: fc.oneof(
        { arbitrary: fc.constantFrom(...MEASURES[dataType]!), weight: 6 },
        { arbitrary: fc.constantFrom('MD', 'XX', 'HR'), weight: 1 },
      ),
      rows: fc.array(row, { maxLength: 4 }),
      settings: fc.dictionary(settingKey, settingValue, { maxKeys: 2 }),
    },
    { requiredKeys: ['dataType', 'rows'] },
  ),
);

const toJson = ({ settings, ...rest }: { settings?: Record<string, unknown> }): unknown => ({ ...settings, ...rest });

describe('parseAnalysisInput without zod for well-formed input', () => {
  it('recognises a plain RevMan-style request and gives the schema’s AnalysisInput', () => {
    const json = {
      dataType: 'dichotomous',
      effectMeasure: 'RR',
      model: 'random',
      ciLevel: 95,
      rows: [
        { study: 'A', subgroup: 'g1', events1: 5, total1: 50, events2: 10, total2: 50 },
        { study: 'B', subgroup: 'g2', events1: 0, total1: 40, events2: 8, total2: 40 },
      ],
    };
    expect(wellFormedRequest(json)).not.toBeNull();
    expectSameAsSchema(json);
    const generic = { dataType: 'generic', rows: [{ study: 'A', estimate: 0.2, se: 0 }] };
    expect(wellFormedRequest(generic)).not.toBeNull();
    expectSameAsSchema(generic);
  });

  it('leaves to the schema what breaks a cross-field rule, so its messages are the schema’s', () => {
    const json = { dataType: 'dichotomous', rows: [{ study: 'A', events1: 9, total1: 5, events2: 1, total2: 5 }] };
    expect(parseAnalysisInput(json)).toStrictEqual({ ok: false, errors: ['rows[0].events1: must be ≤ total1'] });
    const mh = { dataType: 'continuous', method: 'MH', rows: [{ study: 'A', mean1: 1, sd1: 1, total1: 5, mean2: 1, sd2: 1, total2: 5 }] };
    expect(parseAnalysisInput(mh)).toStrictEqual({ ok: false, errors: ['method: Mantel–Haenszel applies only to dichotomous data'] });
  });

  it('answers exactly as the schema does for generated near-valid input', () => {
    let recognised = 0;
    fc.assert(
      fc.property(request, (r) => {
        const json = toJson(r);
        if (wellFormedRequest(json) !== null) recognised++;
        expectSameAsSchema(json);
      }),
      { numRuns: 2000 },
    );
    // The generator reaches the fast path, not only the schema.
    expect(recognised).toBeGreaterThan(100);
  }, 60_000);
});
