import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../../db/src/backend.ts';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0008 } from './roll-back.ts';

// Migration 8 gives each planned outcome the scales its studies' free-text measures name
// (one per spelling key), and the file's analyses keep their numbers: MD where every study
// wrote the same scale, SMD where they did not.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function fleissFile(edit?: (raw: Database.Database) => void): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'fleiss.grove');
  createExampleReview(file, { example: 'fleiss1993' }).close();
  if (edit) {
    const raw = new Database(file);
    edit(raw);
    raw.close();
  }
  return file;
}

/** Every analysis of the file as the dashboard lists it: measure, estimate and CI. */
async function analysesOf(file: string) {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  try {
    const list = await inProcessClient(backend).call('analyses.list', {});
    return list.map((a) => ({
      id: a.id,
      measure: a.analysis.effectMeasure,
      overall: a.analysis.result?.overall ?? null,
      rows: a.analysis.result?.rows.map((r) => [r.study, r.estimate, r.weight]) ?? [],
    }));
  } finally {
    backend.closeFile();
  }
}

function migrateFromV7(file: string) {
  const raw = new Database(file);
  rollBack0008(raw);
  expect(raw.pragma('user_version', { simple: true })).toBe(7);
  raw.close();
  const review = openReviewFile(file);
  try {
    expect(schemaVersion(review.db)).toBe(LATEST_SCHEMA_VERSION);
    return review.db.prepare('SELECT outcome_id, position, name, direction, unit FROM outcome_scale ORDER BY outcome_id, position').all();
  } finally {
    review.close();
  }
}

describe('migration 0008 outcome-scales', () => {
  it('gives the Fleiss example its one scale, and its analysis stays MD −0.74 with the same numbers', async () => {
    const file = fleissFile();
    const before = await analysesOf(file);
    expect(before.map((a) => a.measure)).toEqual(['MD']);
    const overall = before[0]!.overall;
    expect(overall?.estimable && overall.estimate).toBeCloseTo(-0.74, 2);
    const scales = migrateFromV7(file);
    const raw = new Database(file, { readonly: true });
    const planned = raw.prepare('SELECT DISTINCT outcome_id, direction FROM study_outcome').all() as {
      outcome_id: string;
      direction: string;
    }[];
    raw.close();
    expect(planned).toHaveLength(1);
    expect(scales).toEqual([
      { outcome_id: planned[0]!.outcome_id, position: 0, name: 'Medical utilisation', direction: planned[0]!.direction, unit: '' },
    ]);
    expect(await analysesOf(file)).toEqual(before);
  });

  it('keeps a file whose studies spelled the scale two ways as it was: two scales, still SMD, same numbers', async () => {
    const file = fleissFile((raw) => {
      const first = raw
        .prepare('SELECT o.id FROM study_outcome o JOIN study s ON s.id = o.study_id ORDER BY s.label LIMIT 1')
        .pluck()
        .get();
      raw.prepare("UPDATE study_outcome SET measure = 'Medical utilisation (visits)' WHERE id = ?").run(first);
      raw
        .prepare(
          "UPDATE study_outcome SET measure = ' medical UTILISATION' WHERE id <> ? AND rowid = (SELECT max(rowid) FROM study_outcome)",
        )
        .run(first);
    });
    const before = await analysesOf(file);
    expect(before.map((a) => a.measure)).toEqual(['SMD']);
    const scales = migrateFromV7(file) as { name: string }[];
    expect(scales.map((s) => s.name)).toEqual(['Medical utilisation (visits)', 'Medical utilisation']);
    expect(await analysesOf(file)).toEqual(before);
  });
});
