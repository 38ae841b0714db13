// The RevMan 5 analysis CSV (issue 6 step 4): Grove's export of Fleiss1993.rm5, compared column
// by column with the CSV RevMan 5 exported from the same review (Fleiss1993_CR.csv, the
// fixture meta calls Fleiss93_CR.csv). Numbers must agree to the CSV's 8 decimals (one unit
// in the last place). The only differences allowed are those of the continuous outcome, which
// the two files hold differently (rm5-format.md §9.11: the .rm5 says SMD and was never
// computed, the CSV shows MD results). Every difference is printed. Skips without the corpus.
import { existsSync, readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReviewDocument } from '@grove/shared';
import { reviewDocumentToRm5Csv, RM5_CSV_HEADER } from '../../shared/src/rm5/revman-web.ts';
import { loadRm5File } from '../../db/src/rm5/load-rm5.ts';
import { importRm5 } from '../../db/src/rm5/import-rm5.ts';
import { exportReview } from '../../db/src/document/export-review.ts';
import { tempDir } from '../support/temp.ts';
import { findCorpus } from './support/corpus.ts';

const corpus = findCorpus();
const rm5 = corpus ? join(corpus, 'rm5', 'Fleiss1993.rm5') : '';
const csv = corpus ? join(corpus, 'rm5', 'Fleiss1993_CR.csv') : '';
const present = !!corpus && existsSync(rm5) && existsSync(csv);
const { dir, cleanup } = tempDir('grove-rm5-csv-');
afterAll(cleanup);

const rowsOf = (text: string): string[][] => {
  const r = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
};

function compare(doc: ReviewDocument, what: string) {
  const ours = rowsOf(reviewDocumentToRm5Csv(doc));
  const theirs = rowsOf(readFileSync(csv, 'utf8'));
  expect(ours[0]).toEqual(theirs[0]);
  expect(ours[0]).toEqual([...RM5_CSV_HEADER]);
  expect(ours.length).toBe(theirs.length);
  const header = theirs[0]!;
  const differences: Array<{ row: number; name: string; outcome: string; column: string; revman: string; grove: string }> = [];
  theirs.slice(1).forEach((t, i) => {
    const o = ours[i + 1]!;
    expect(o.length).toBe(header.length);
    header.forEach((column, c) => {
      if (!sameCell(o[c] ?? '', t[c] ?? '')) differences.push({ row: i + 1, name: t[3]!, outcome: `${t[0]}.${t[1]}`, column, revman: t[c]!, grove: o[c]! });
    });
  });
  for (const d of differences) console.log(`[rm5-csv] ${what}: row ${d.row} ${d.name} (${d.outcome}) ${d.column}: RevMan ${JSON.stringify(d.revman)}, Grove ${JSON.stringify(d.grove)}`);
  const cells = (theirs.length - 1) * header.length;
  console.log(`[rm5-csv] ${what}: ${cells - differences.length}/${cells} cells equal; differences only in outcome(s) ${[...new Set(differences.map((d) => d.outcome))].join(', ') || 'none'}`);
  return differences;
}

function sameCell(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1.0000001e-8;
}

describe.skipIf(!present)('RevMan 5 analysis CSV of Fleiss1993 against RevMan’s own', () => {
  it('matches Fleiss1993_CR.csv column by column except the continuous outcome RevMan never computed in the .rm5', () => {
    const { review } = importRm5(loadRm5File(rm5), path.join(dir, 'fleiss.grove'));
    let doc: ReviewDocument;
    try {
      doc = exportReview(review.db);
    } finally {
      review.close();
    }
    const differences = compare(doc, 'as imported');
    // The dichotomous outcome (and the comparison row) agree cell for cell.
    expect(differences.filter((d) => d.outcome !== '1.2')).toEqual([]);
    // In the continuous outcome only the measure and what is computed from it differ; the
    // entered data (means, SDs, totals), labels, years and order agree.
    const computed = new Set(['Effect Measure', 'Effect Estimate', 'SE', 'CI Start', 'CI End', 'Weight', 'Q', 'P(Q)', 'I²(Q)', 'Z', 'P(Z)', 'Qint', 'P(Qint)', 'I²(Qint)']);
    expect(differences.filter((d) => !computed.has(d.column))).toEqual([]);

    // With the measure the CSV shows (MD), the continuous outcome agrees too, except the
    // subgroup-test placeholders RevMan 5 writes on an outcome without subgroups (kept as found
    // in the .rm5, where they are absent for this outcome).
    const md = structuredClone(doc);
    const cont = md.revman!.analyses.find((a) => a.kind === 'CONT')!;
    cont.effectMeasure = 'MD';
    expect(compare(md, 'continuous outcome as MD').map((d) => `${d.outcome} ${d.column}`)).toEqual(['1.2 Qint', '1.2 P(Qint)', '1.2 I²(Qint)']);
  });
});

describe.skipIf(present)('RevMan 5 analysis CSV of Fleiss1993 — skipped', () => {
  it.skip('corpus not found: set GROVE_CORPUS or provide ../shared/corpus', () => {});
});
