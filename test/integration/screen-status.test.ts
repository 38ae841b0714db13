import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningDecision } from '@grove/shared';
import { runGrove } from '../support/run-cli.ts';
import { screeningReview } from '../support/screening-fixtures.ts';

// grove screen status FILE.grove [--json], run as the built CLI on a review two reviewers
// screened in duplicate to the published worked 2×2 example (Bonett, statpsych ci.kappa:
// κ 0.6756757, 95% CI 0.5317210 to 0.8196303 with the Fleiss–Cohen–Everitt SE), with one
// conflict resolved by a third person, and one full-text report marked as not obtained.

let file = '';
let cleanup = () => {};

beforeAll(async () => {
  const cells: Array<[number, ScreeningDecision, ScreeningDecision]> = [
    [31, 'include', 'include'],
    [12, 'include', 'exclude'],
    [4, 'exclude', 'include'],
    [58, 'exclude', 'exclude'],
  ];
  const r = await screeningReview(106, ['Ana Alves', 'Ben Bauer', 'Cy Chen']);
  cleanup = r.cleanup;
  file = r.file;
  await r.as('Cy Chen');
  await r.client.call('screening.settings.update', { patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'all' } } } } });
  const plan = cells.flatMap(([n, a, b]) => Array.from({ length: n }, () => [a, b] as const));
  for (const [who, column] of [
    ['Ana Alves', 0],
    ['Ben Bauer', 1],
  ] as const) {
    await r.as(who);
    for (const [i, pair] of plan.entries())
      await r.client.call('screening.decide', { stage: 'title-abstract', recordId: r.ids[i]!, decision: pair[column] });
  }
  // The 106th record: Ana alone (it waits for Ben, and counts in no pair).
  await r.as('Ana Alves');
  await r.client.call('screening.decide', { stage: 'title-abstract', recordId: r.ids[105]!, decision: 'maybe' });
  await r.as('Cy Chen');
  await r.client.call('screening.resolve', { stage: 'title-abstract', recordId: r.ids[31]!, decision: 'include' });
  // At full text, Cy could not obtain two of the reports, and then found one of them after all.
  for (const i of [0, 1]) await r.client.call('retrieval.mark', { recordId: r.ids[i]!, note: 'Interlibrary loan' });
  await r.client.call('retrieval.unmark', { recordId: r.ids[1]! });
  r.backend.closeFile();
}, 120_000);
afterAll(() => cleanup());

describe('grove screen status', () => {
  it('prints exactly the issue’s JSON shape, with the published κ and CI', () => {
    const run = runGrove(['screen', 'status', file, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { stages: Array<Record<string, unknown>> };
    expect(out.stages.map((s) => Object.keys(s))).toEqual([
      ['stage', 'records', 'decisions', 'conflicts', 'resolved', 'agreement', 'kappa', 'kappaCi'],
      ['stage', 'records', 'notRetrieved', 'decisions', 'conflicts', 'resolved', 'agreement', 'kappa', 'kappaCi'],
    ]);
    const [ta, ft] = out.stages as [Record<string, unknown>, Record<string, unknown>];
    expect(ta).toMatchObject({
      stage: 'title-abstract',
      records: 106,
      decisions: { 'Ana Alves': { include: 43, exclude: 62, maybe: 1 }, 'Ben Bauer': { include: 35, exclude: 70, maybe: 0 } },
      conflicts: 15,
      resolved: 1,
    });
    expect(ta.agreement as number).toBeCloseTo((89 / 105) * 100, 10);
    expect(ta.kappa as number).toBeCloseTo(0.6756757, 7);
    const [lo, hi] = ta.kappaCi as [number, number];
    expect(lo).toBeCloseTo(0.531721, 7);
    expect(hi).toBeCloseTo(0.8196303, 7);
    // Full text: the 31 agreed includes and the resolved one; nobody has screened them, and
    // one report is marked as not obtained.
    expect(ft).toEqual({
      stage: 'full-text',
      records: 32,
      notRetrieved: 1,
      decisions: {},
      conflicts: 0,
      resolved: 0,
      agreement: null,
      kappa: null,
      kappaCi: null,
    });
  });

  it('prints a readable summary without --json', () => {
    const run = runGrove(['screen', 'status', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Title and abstract: 106 records');
    expect(run.stdout).toContain('  Ana Alves: 43 include, 62 exclude, 1 maybe');
    expect(run.stdout).toContain('  conflicts: 15 open, 1 resolved');
    expect(run.stdout).toContain('  agreement: 84.8%, κ 0.68 (95% CI 0.53 to 0.82)');
    expect(run.stdout).toContain('Full text: 32 records\n  not retrieved: 1\n');
  });

  it('refuses a file that is not a review, naming it (exit 2)', () => {
    const run = runGrove(['screen', 'status', 'search.ris']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('search.ris');
  });
});
