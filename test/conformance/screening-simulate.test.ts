// `grove screen simulate` through the real command on one labelled set of the corpus
// (issue 15): the JSON contract, and figures that are recomputed here from the printed
// order and the file's own labels. One seed on the ADHD set keeps CI short; the full table
// over all sets and five seeds is bench/screening-eval.ts. Skips cleanly without the corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { findCorpus } from './support/corpus.ts';
import { runGrove } from '../support/run-cli.ts';

const corpus = findCorpus();
const file = corpus ? join(corpus, 'screening', 'ADHD.csv') : null;
const present = file !== null && existsSync(file);

describe.skipIf(!present)('grove screen simulate on the ADHD set (Cohen 2006)', () => {
  it('prints every id once, the priors first, and WSS@95 / RRF@10 that match the order', () => {
    const run = runGrove(
      ['screen', 'simulate', file!, '--label-field', 'label_included', '--id-field', 'record_id', '--seed', '0', '--json'],
      {},
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      records: number;
      relevant: number;
      order: string[];
      wss95: number;
      rrf10: number;
      seconds: number;
    };
    expect(Object.keys(out)).toEqual(['records', 'relevant', 'order', 'wss95', 'rrf10', 'seconds']);

    const rows = Papa.parse<Record<string, string>>(readFileSync(file!, 'utf8'), { header: true, skipEmptyLines: 'greedy' }).data;
    const label = new Map(rows.map((r) => [r.record_id!, r.label_included === '1' ? 1 : 0]));
    expect(out.records).toBe(rows.length);
    expect(out.relevant).toBe([...label.values()].filter((l) => l === 1).length);
    expect(out.order.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(out.order)).toEqual(new Set(label.keys()));
    expect(out.order.slice(0, 2).map((id) => label.get(id))).toEqual([1, 0]);

    // Recompute both figures from the order: includes found at each position.
    const found = out.order.map((id) => label.get(id)!);
    const needed = Math.ceil(0.95 * out.relevant - 1e-9);
    let seen = 0;
    const at95 = found.findIndex((l) => (seen += l) >= needed) + 1;
    expect(out.wss95).toBeCloseTo(100 * ((out.records - at95) / out.records - 0.05), 9);
    const first10 = found.slice(0, Math.floor(0.1 * out.records)).reduce((a, b) => a + b, 0);
    expect(out.rrf10).toBeCloseTo((100 * first10) / out.relevant, 9);
    // Far better than screening in random order (WSS 0, RRF 10 on average).
    expect(out.wss95).toBeGreaterThan(50);
    expect(out.rrf10).toBeGreaterThan(50);
  });

  it('exits 2 naming the file and the column when the label column is missing', () => {
    const run = runGrove(['screen', 'simulate', file!, '--label-field', 'included', '--id-field', 'record_id', '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file!}: has no column "included"`);
  });
});
