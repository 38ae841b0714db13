import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import type { Db } from '../../../db/src/connection.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { readReviewForAnalysis } from '../../../db/src/repositories/analysis-data-repo.ts';
import { findOutcome, findOutcomeFor, readOutcomes } from '../../../db/src/repositories/outline-repo.ts';
import { importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { analyseAll, analyseOne, analyseOutcome, readModel, readModelToAnalyse } from '../../../db/src/service/outcome-model.ts';
import { SAMPLE_RM5 } from '../rm5/sample-rm5.ts';
import { tempDir } from '../../support/temp.ts';

// An outcome's page and its edits read that outcome alone (its row, place, subgroups and data
// rows) instead of the whole model: the single read must give exactly what the whole read
// gives, numbers and analysis included, whatever the outline's order after edits.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function open(make: (file: string) => void): { client: ApiClient; db: Db; file: string } {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'r.grove');
  make(file);
  const backend = createBackend({ host: 'in-process' });
  const review = backend.openFile(file);
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return { client: inProcessClient(backend), db: review.db, file };
}

/** Every outcome read alone equals the same outcome of the whole model, record and analysis. */
function expectSingleReadsMatch(db: Db): number {
  const m = readModel(db);
  const seen = new Set<string>();
  for (const record of m.outcomes) {
    // Ids can repeat in a file: the first in outline order is the one an id names.
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    const alone = findOutcome(db, record.id);
    expect(alone).toEqual(record);
    expect(analyseOne(db, alone!)).toEqual(analyseOutcome(m, record));
    expect(analyseOne(db, alone!, { model: 'random', preset: 'cochrane2025' })).toEqual(
      analyseOutcome(m, record, { model: 'random', preset: 'cochrane2025' }),
    );
  }
  return seen.size;
}

describe('one outcome read on its own', () => {
  it('equals the whole model’s outcome for an imported review, subgroups and every data type included', () => {
    const { db } = open((file) => importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5), file).review.close());
    expect(expectSingleReadsMatch(db)).toBe(4);
    expect(findOutcome(db, 'CMP-009.09')).toBeUndefined();
  });

  it('keeps the outline’s numbers after comparisons and outcomes are added, moved and deleted', async () => {
    const { client, db } = open((file) => importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5), file).review.close());
    const second = await client.call('outline.add', { kind: 'comparison', name: 'Second' });
    const a = await client.call('outline.add', { kind: 'outcome', comparisonId: second.id, name: 'A', dataType: 'dichotomous' });
    const b = await client.call('outline.add', { kind: 'outcome', comparisonId: second.id, name: 'B', dataType: 'continuous' });
    await client.call('outline.add', { kind: 'outcome', comparisonId: second.id, name: 'C', dataType: 'generic' });
    await client.call('outline.move', { id: second.id, direction: 'up' });
    await client.call('outline.move', { id: b.id, direction: 'up' });
    await client.call('outline.delete', { id: a.id });
    await client.call('outline.move', { id: 'CMP-001.03', direction: 'up' });
    expect(expectSingleReadsMatch(db)).toBe(6);
    // The moved comparison is now first: its outcomes are numbered 1.x, the imported ones 2.x.
    expect(findOutcome(db, b.id)?.number).toBe('1.1');
    expect(findOutcome(db, 'CMP-001.03')?.number).toBe('2.2');
  });

  it('equals the whole model’s outcome for a native review’s planned outcome, found by id or planned outcome × category', () => {
    const { db } = open((file) => createExampleReview(file, { example: 'fleiss1993' }).close());
    expect(expectSingleReadsMatch(db)).toBe(1);
    const [record] = readOutcomes(db);
    if (record?.source.kind !== 'planned') throw new Error('a planned outcome expected');
    expect(findOutcomeFor(db, record.source.plannedOutcomeId, record.source.categoryId)).toEqual(record);
    expect(findOutcomeFor(db, record.id, '')).toEqual(record);
    expect(findOutcomeFor(db, record.source.plannedOutcomeId, 'no-such-category')).toBeUndefined();
  });

  it('follows an edit of the extraction: the cached review re-reads the touched study and equals a fresh read', async () => {
    const { client, db, file } = open((f) => createExampleReview(f, { example: 'fleiss1993' }).close());
    const before = await client.call('outcomes.get', { id: 'CMP-001.01' });
    const davis = before.rows[0]!;
    if (davis.origin !== 'derived' || davis.values.kind !== 'continuous') throw new Error('expected a derived continuous row');
    await client.call('results.set', {
      studyOutcomeId: davis.provenance.studyOutcomeId,
      timepointId: davis.provenance.timepointId,
      armId: davis.provenance.interventionArms[0]!.id,
      result: { kind: 'continuous', mean: davis.values.mean1 + 10, sd: davis.values.sd1, n: davis.values.total1, derivation: null },
    });
    const cached = readReviewForAnalysis(db);
    const other = createBackend({ host: 'in-process' });
    try {
      const fresh = readReviewForAnalysis(other.openFile(file, { forReading: true }).db);
      expect(cached).toEqual(fresh);
    } finally {
      other.closeFile();
    }
    const after = await client.call('outcomes.get', { id: 'CMP-001.01' });
    expect(after.rows[0]!.values).toMatchObject({ mean1: davis.values.mean1 + 10 });
    expect(expectSingleReadsMatch(db)).toBe(1);
  });

  it('analyses every outcome alike when the plots read the model without the studies’ extraction', () => {
    const imported = open((file) => importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5), file).review.close());
    const lean = readModelToAnalyse(imported.db);
    // An imported review's outcomes are entered RevMan's way: no study's extraction is read for them…
    expect(lean.review.studies).toEqual([]);
    expect(readModel(imported.db).review.studies.length).toBeGreaterThan(0);
    // …and every analysis is the same.
    expect(analyseAll(lean)).toEqual(analyseAll(readModel(imported.db)));
    // A native review's planned outcomes derive their rows from the extraction: it is read.
    const native = open((file) => createExampleReview(file, { example: 'fleiss1993' }).close());
    expect(readModelToAnalyse(native.db).review.studies.length).toBeGreaterThan(0);
    expect(analyseAll(readModelToAnalyse(native.db))).toEqual(analyseAll(readModel(native.db)));
  });
});
