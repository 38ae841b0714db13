// RevMan export of native reviews (issue 10 step 3): a review built in Grove exports its
// comparisons, outcomes (with the settings they are analysed with) and data rows (derived
// rows as their numbers); importing that file gives the same outcomes with identical pooled
// numbers: the seed example, the Fleiss 1993 example untouched and with detached rows and
// edited settings (fixed effect, SMD), and a synthetic native review of 24 studies.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessClient, type AnalysisSummary, type ApiClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { rm5Text } from '../../db/src/rm5/export-rm5.ts';
import { writeRm5CsvFile } from '../../db/src/rm5/export-revman-web.ts';
import { importRm5 } from '../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../db/src/rm5/load-rm5.ts';
import { openReviewFile } from '../../db/src/review-file.ts';
import { tempDir } from '../support/temp.ts';
import { writeSyntheticReview } from '../../bench/support/synthetic-review.ts';

const { dir, cleanup } = tempDir('grove-native-rm5-');
afterAll(cleanup);
let n = 0;
const next = () => path.join(dir, `r${n++}.grove`);

async function withClient<T>(file: string, f: (c: ApiClient) => Promise<T>): Promise<T> {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  try {
    return await f(inProcessClient(backend));
  } finally {
    backend.closeFile();
  }
}

/** What must survive: every outcome with its number, name, type, studies, and its pooled numbers and rows. */
async function outcomes(file: string) {
  return withClient(file, async (client) => {
    const outline = (await client.call('outcomes.outline', {})).flatMap((c) => c.outcomes.map((o) => ({ comparison: c.name, ...o })));
    const analyses = new Map((await client.call('analyses.list', {})).map((a: AnalysisSummary) => [a.id, a.analysis]));
    return outline.map((o) => {
      const a = analyses.get(o.id);
      return {
        id: o.id,
        number: o.number,
        comparison: o.comparison,
        name: o.name,
        dataType: o.dataType,
        studies: o.studies,
        measure: a?.input?.effectMeasure ?? null,
        model: a?.input?.model ?? null,
        rows: a?.input?.rows ?? [],
        overall: a?.result?.overall ?? null,
        studyResults: a?.result?.rows ?? [],
      };
    });
  });
}

async function exportAndImport(file: string): Promise<{ xml: string; again: string }> {
  const review = openReviewFile(file, { readOnly: true });
  const xml = rm5Text(review.db);
  review.close();
  const again = next();
  importRm5(parseRm5Text('native.rm5', xml), again).review.close();
  return { xml, again };
}

describe('RevMan export of native reviews', () => {
  it('the seed example: export → import gives the same outcomes', async () => {
    const file = next();
    createExampleReview(file, { overwrite: true }).close();
    const { again } = await exportAndImport(file);
    expect(await outcomes(again)).toEqual(await outcomes(file));
  });

  it('the Fleiss 1993 example: its planned outcome is written with its derived rows, measure and model; re-imported it pools identically', async () => {
    const file = next();
    createExampleReview(file, { overwrite: true, example: 'fleiss1993' }).close();
    const { xml, again } = await exportAndImport(file);
    expect(xml).toMatch(/<CONT_OUTCOME [^>]*EFFECT_MEASURE="MD"[^>]*RANDOM="YES"/);
    expect(xml.match(/<CONT_DATA /g)).toHaveLength(5);
    expect(xml).toContain('<GROUP_LABEL_1>Intervention</GROUP_LABEL_1>');
    // RevMan 5's analysis CSV carries the derived rows too.
    const review = openReviewFile(file, { readOnly: true });
    writeRm5CsvFile(review.db, path.join(dir, 'fleiss.csv'));
    review.close();
    const csv = readFileSync(path.join(dir, 'fleiss.csv'), 'utf8');
    expect(csv.split('\n').filter((l) => /^1,1,0,(Davis|Florell|Gruen|Hart|Wilson),/.test(l))).toHaveLength(5);
    const before = await outcomes(file);
    expect(before[0]?.overall?.estimable).toBe(true);
    expect(await outcomes(again)).toEqual(before);
  });

  it('a synthetic native review (24 studies, 4 planned outcomes at 3 timepoints): every outcome pools identically after export → import', async () => {
    const sub = path.join(dir, 'synthetic');
    mkdirSync(sub);
    const file = writeSyntheticReview(sub, { studies: 24, outcomes: 4 });
    const { xml, again } = await exportAndImport(file);
    const before = await outcomes(file);
    expect(before.length).toBeGreaterThanOrEqual(12);
    expect(before.every((o) => o.overall?.estimable)).toBe(true);
    expect(xml.match(/<CONT_OUTCOME /g)).toHaveLength(before.length);
    expect(await outcomes(again)).toEqual(before);
  });

  it('with detached rows and edited settings (fixed effect, SMD), the export → import pools identically', async () => {
    const file = next();
    createExampleReview(file, { overwrite: true, example: 'fleiss1993' }).close();
    await withClient(file, async (client) => {
      const detail = await client.call('outcomes.get', { id: 'CMP-001.01' });
      const [davis, , , , wilson] = detail.rows;
      if (davis?.values.kind !== 'continuous' || wilson?.values.kind !== 'continuous') throw new Error('continuous rows expected');
      await client.call('outcomes.rows.detach', {
        outcomeId: 'CMP-001.01',
        studyId: davis.studyId,
        reason: 'SD from the erratum',
        values: { ...davis.values, sd1: 3.1 },
      });
      await client.call('outcomes.rows.detach', {
        outcomeId: 'CMP-001.01',
        studyId: wilson.studyId,
        reason: 'Means of the per-protocol population',
        values: { kind: 'continuous', mean1: 7.1, sd1: 1.2, total1: 9, mean2: 7.9, sd2: 1.5, total2: 10 },
      });
      await client.call('outcomes.update', { id: 'CMP-001.01', settings: { model: 'fixed', effectMeasure: 'SMD' } });
    });
    const { xml, again } = await exportAndImport(file);
    expect(xml).toMatch(/<CONT_OUTCOME [^>]*EFFECT_MEASURE="SMD"[^>]*RANDOM="NO"/);
    expect(xml.match(/<CONT_DATA /g)).toHaveLength(5);
    expect(xml).toContain('MEAN_1="7.1"');
    const before = await outcomes(file);
    expect(before[0]?.rows).toHaveLength(5);
    expect(before[0]?.measure).toBe('SMD');
    expect(await outcomes(again)).toEqual(before);
  });
});
