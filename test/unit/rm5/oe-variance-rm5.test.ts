// The synthetic O−E and variance .rm5 (test/stats/fixtures/oe-variance.rm5, computed values
// from metafor on dat.pignon2000): `grove rm5 analyze --compare` matches every stored number,
// the import analyses the IPD outcomes instead of setting them aside, and import → export →
// import keeps the rows and settings, with the exported XML equal to the fixture's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { runRm5Analyze } from '../../../cli/src/commands/rm5.ts';
import { createBackend } from '../../../db/src/backend.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { rm5Text } from '../../../db/src/rm5/export-rm5.ts';
import { importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { decodeRm5Bytes } from '../../../shared/src/rm5/decode.ts';
import { parseXmlTree } from '../../../shared/src/rm5/xml-tree.ts';
import { diffXml } from '../../conformance/support/xml-diff.ts';
import { tempDir } from '../../support/temp.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../stats/fixtures/oe-variance.rm5');
const { dir, cleanup } = tempDir('grove-oe-rm5-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);
const xml = decodeRm5Bytes(readFileSync(FIXTURE));

describe('O−E and variance .rm5 fixture', () => {
  it('rm5 analyze --compare: every stored number matches at relative 1e-9', () => {
    const run = runRm5Analyze(FIXTURE, { compare: true });
    expect(run.failures).toBe(0);
    expect(run.summary?.skipped).toEqual([]);
    expect(run.summary?.matched).toBe(run.summary?.total);
    // 65 rows × 5 fields + 3 subgroups and the total × 11 + the subgroup test × 3, twice; then 8 rows + 1 non-estimable + the total.
    expect(run.summary?.total).toBe(787);
    expect(run.outcomes.map((o) => [o.id, o.dataType, o.effectMeasure, o.method, o.model])).toEqual([
      ['CMP-001.01', 'oe-variance', 'HR', 'PETO', 'fixed'],
      ['CMP-001.02', 'oe-variance', 'HR', 'PETO', 'random'],
      ['CMP-001.03', 'oe-variance', 'HR', 'PETO', 'fixed'],
    ]);
    const adjuvant = run.outcomes[2]!;
    expect(adjuvant.rows.at(-1)).toMatchObject({ estimable: false, weight: 0 });
    expect(adjuvant.overall).toMatchObject({ k: 9, kEstimable: 8 });
  });

  it('imports the IPD outcomes as analysed outcomes (nothing set aside)', async () => {
    const { review, report } = importRm5(parseRm5Text('oe-variance.rm5', xml), at('import.grove'));
    review.close();
    expect(report.skipped).toEqual([]);
    expect(report.imported).toMatchObject({ studies: 66, comparisons: 1, analyses: 3, subgroups: 6, dataRows: 139 });
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(at('import.grove'));
    const list = await inProcessClient(backend).call('storedAnalyses.list', {});
    backend.closeFile();
    expect(list.map((a) => [a.rm5Id, a.skipped])).toEqual([
      ['CMP-001.01', null],
      ['CMP-001.02', null],
      ['CMP-001.03', null],
    ]);
    expect(list[0]!.rows[0]).toMatchObject({ studyLabel: 'Pitie-74', subgroup: 'Adjuvant chemotherapy' });
    expect(list[0]!.result!.methods).toMatchObject({ dataType: 'oe-variance', effectMeasure: 'HR', method: 'PETO' });
    expect(list[0]!.result!.overall).toMatchObject({ estimable: true, k: 65, kEstimable: 65 });
  });

  it('import → export → import keeps rows and settings; the export equals the fixture', () => {
    const first = importRm5(parseRm5Text('oe-variance.rm5', xml), at('rt1.grove')).review;
    const exported = rm5Text(first.db);
    const doc1 = exportReview(first.db);
    first.close();
    const second = importRm5(parseRm5Text('exported.rm5', exported), at('rt2.grove')).review;
    const doc2 = exportReview(second.db);
    const again = rm5Text(second.db);
    second.close();
    const rows = (d: typeof doc1) => d.revman!.rows.map((r) => [r.kind, r.oMinusE, r.variance, r.order]);
    expect(rows(doc2)).toEqual(rows(doc1));
    const settings = (d: typeof doc1) => d.revman!.analyses.map(({ id: _i, comparisonId: _c, ...a }) => a);
    expect(settings(doc2)).toEqual(settings(doc1));
    expect(again).toBe(exported);
    // Every computed attribute Grove writes equals the fixture's (metafor's) to relative 1e-9.
    expect(
      diffXml(parseXmlTree(xml), parseXmlTree(exported)).map((d) => `${d.path} ${d.kind} ${d.what}: ${d.original} → ${d.exported}`),
    ).toEqual([]);
  });
});
