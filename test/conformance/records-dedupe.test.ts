// Deduplication accuracy on the labelled sets of the corpus (issue 13): cytology_screening,
// digital_work and the 25 pair cases, scoring the automatic clusters against
// merged_record_ids.csv exactly as the issue defines it —
//   false merges = over all predicted clusters, (distinct true works in the cluster − 1)
//   missed duplicates = over all true clusters, (distinct predicted groups among its records − 1)
// — with and without the review queue counted as merged. Prints the scores. Skips cleanly
// without the corpus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readExportText } from '@grove/shared/records/index';
import { dedupeJson, type DedupeJson } from '../../cli/src/commands/dedupe.ts';
import { readExportFile } from '../../db/src/records/read-export-file.ts';
import { runGrove } from '../support/run-cli.ts';
import { findCorpus } from './support/corpus.ts';
import { describeMissedPairs } from './support/missed-pairs.ts';

const corpus = findCorpus();
const dir = corpus ? join(corpus, 'dedup') : null;

interface Score {
  falseMerges: number;
  missed: number;
}

/** Groups of ids: the predicted clusters, optionally joined by the queue's pairs (union-find). */
function predictedGroups(out: DedupeJson, ids: string[], withQueue: boolean): string[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));
  for (const c of out.clusters) for (const id of c.slice(1)) join(id, c[0]!);
  if (withQueue) for (const [a, b] of out.queue) join(a, b);
  const groups = new Map<string, string[]>();
  for (const id of ids) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()].filter((g) => g.length > 1);
}

function scoreClusters(predicted: string[][], truth: string[][], ids: string[]): Score {
  const trueOf = new Map<string, string>(ids.map((id) => [id, `single:${id}`]));
  truth.forEach((c, k) => c.forEach((id) => trueOf.set(id, `true:${k}`)));
  const predOf = new Map<string, string>(ids.map((id) => [id, `single:${id}`]));
  predicted.forEach((c, k) => c.forEach((id) => predOf.set(id, `pred:${k}`)));
  const falseMerges = predicted.reduce((s, c) => s + new Set(c.map((id) => trueOf.get(id))).size - 1, 0);
  const missed = truth.reduce((s, c) => s + new Set(c.map((id) => predOf.get(id))).size - 1, 0);
  return { falseMerges, missed };
}

const report: string[] = [];

describe.skipIf(!corpus)('deduplication against the labelled sets', () => {
  it.each([
    // Today's missed counts, without and with the queue counted as merged, so a regression shows:
    // digital_work's three are an erratum and two pairs under different DOIs (one queued), which
    // the issue's rules keep out of automatic clusters.
    ['cytology_screening', 6, 0, 0],
    ['digital_work', 1, 3, 2],
  ] as const)(
    '%s: no false merge; missed duplicates reported against bib-dedupe (%i)',
    (set, bibDedupeMissed, missedToday, missedWithQueueToday) => {
      const file = join(dir!, set, 'records_pre_merged.csv');
      const { records } = readExportFile(file, { idField: 'ID' });
      const ids = records.map((r) => r.id);
      const truth = Papa.parse<{ merged_ids: string }>(readFileSync(join(dir!, set, 'merged_record_ids.csv'), 'utf8'), {
        header: true,
        skipEmptyLines: true,
      }).data.map((r) => r.merged_ids.split(';'));
      const out = dedupeJson(records);
      const without = scoreClusters(predictedGroups(out, ids, false), truth, ids);
      const withQueue = scoreClusters(predictedGroups(out, ids, true), truth, ids);
      report.push(
        `${set.padEnd(20)} records ${String(records.length).padStart(5)}  clusters ${String(out.clusters.length).padStart(4)}  queue ${String(out.queue.length).padStart(3)}  ` +
          `without queue: false merges ${without.falseMerges}, missed ${without.missed} (bib-dedupe missed ${bibDedupeMissed})  ` +
          `with queue as merged: false merges ${withQueue.falseMerges}, missed ${withQueue.missed}`,
        ...describeMissedPairs(records, truth, out.clusters),
      );
      expect(without.falseMerges).toBe(0);
      // The queue holds pairs worth a reviewer's look: none of them two works of the labels.
      expect(withQueue.falseMerges).toBe(0);
      expect(without.missed).toBeLessThanOrEqual(missedToday);
      expect(withQueue.missed).toBeLessThanOrEqual(missedWithQueueToday);
    },
  );

  it('the 25 pair cases: no false merge', () => {
    const doc = JSON.parse(readFileSync(join(dir!, 'test_cases.json'), 'utf8')) as {
      cases: Array<{ id: string; expected_duplicate: boolean; record_a: Record<string, string>; record_b: Record<string, string> }>;
    };
    let falseMerges = 0;
    let missed = 0;
    let falseWithQueue = 0;
    let missedWithQueue = 0;
    const wrong: string[] = [];
    for (const c of doc.cases) {
      // Each case's two records as one CSV, read through the same column mapping as any export.
      const a = { ...c.record_a, ID: 'a' };
      const b = { ...c.record_b, ID: 'b' };
      const csv = Papa.unparse([a, b], { columns: [...new Set([...Object.keys(a), ...Object.keys(b)])] });
      const { records } = readExportText(`${c.id}.csv`, csv, { idField: 'ID' });
      const out = dedupeJson(records);
      const merged = out.clusters.length === 1;
      const queued = out.queue.length === 1;
      if (c.expected_duplicate && !merged) missed++;
      if (!c.expected_duplicate && merged) falseMerges++;
      if (c.expected_duplicate && !merged && !queued) missedWithQueue++;
      if (!c.expected_duplicate && (merged || queued)) falseWithQueue++;
      if (merged !== c.expected_duplicate)
        wrong.push(
          `${c.id}: expected ${c.expected_duplicate ? 'duplicate' : 'distinct'}, got ${merged ? 'merged' : queued ? 'queued' : 'distinct'}`,
        );
    }
    report.push(
      `${'pair cases'.padEnd(20)} cases ${doc.cases.length}  without queue: false merges ${falseMerges}, missed ${missed}  with queue as merged: false merges ${falseWithQueue}, missed ${missedWithQueue}${wrong.length ? `\n  ${wrong.join('\n  ')}` : ''}`,
    );
    expect(falseMerges).toBe(0);
  });

  it("grove dedupe --json prints the issue's shape (sorted clusters and queue pairs)", () => {
    const run = runGrove(['dedupe', join(dir!, 'cytology_screening', 'records_pre_merged.csv'), '--json', '--id-field', 'ID']);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as DedupeJson;
    expect(Object.keys(out)).toEqual(['records', 'clusters', 'queue']);
    expect(out.records).toBe(1856);
    for (const c of out.clusters) {
      expect(c.length).toBeGreaterThanOrEqual(2);
      expect([...c].sort()).toEqual(c);
    }
    expect(out.clusters.map((c) => c[0]!)).toEqual(out.clusters.map((c) => c[0]!).sort());
    for (const [x, y] of out.queue) expect(x < y).toBe(true);
  });

  it('prints the scores', () => {
    process.stdout.write(`\n${report.join('\n')}\n`);
    expect(report.filter((line) => !line.startsWith(' ')).length).toBe(3);
  });
});
