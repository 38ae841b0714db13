// Round trip of the corpus through Grove (issue 6 step 3): import → export .rm5 → import gives
// the same studies, characteristics, judgements, settings and data rows; and the exported XML,
// compared attribute by attribute with the original, differs only where the original holds
// values RevMan would recompute identically (within relative 1e-9), never computed (""), or a
// P_CHI2 whose recomputed Q differs by ulps (|ΔP| ≤ 1e-12, see compare.ts). Every other
// difference fails the test and is printed. Skips cleanly without the corpus.
import { readdirSync, readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReviewDocument } from '@grove/shared';
import { decodeRm5Bytes } from '../../shared/src/rm5/decode.ts';
import { parseXmlTree } from '../../shared/src/rm5/xml-tree.ts';
import { parseRm5Text } from '../../db/src/rm5/load-rm5.ts';
import { importRm5 } from '../../db/src/rm5/import-rm5.ts';
import { rm5Text } from '../../db/src/rm5/export-rm5.ts';
import { exportReview } from '../../db/src/document/export-review.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { openReviewFile } from '../../db/src/review-file.ts';
import { tempDir } from '../support/temp.ts';
import { findCorpus } from './support/corpus.ts';
import { diffXml, summariseDifferences, type XmlDifference } from './support/xml-diff.ts';

const corpus = findCorpus();
const rm5Dir = corpus ? join(corpus, 'rm5') : null;
const files = rm5Dir
  ? readdirSync(rm5Dir)
      .filter((f) => f.endsWith('.rm5'))
      .sort()
  : [];
const { dir, cleanup } = tempDir('grove-rm5-rt-');
afterAll(cleanup);
let n = 0;
const next = () => path.join(dir, `r${n++}.grove`);

/** Import text as a review and return its document and its .rm5 export. */
function roundTrip(name: string, xml: string): { doc: ReviewDocument; exported: string } {
  const { review } = importRm5(parseRm5Text(name, xml), next());
  try {
    return { doc: exportReview(review.db), exported: rm5Text(review.db) };
  } finally {
    review.close();
  }
}

/** What must survive a round trip, without Grove's generated ids. */
export function structure(doc: ReviewDocument) {
  const label = new Map(doc.studies.map((s) => [s.id, s.label]));
  const field = new Map(doc.extractionForm.fields.map((f) => [f.id, f.label]));
  const r = doc.revman;
  const sgName = new Map((r?.subgroups ?? []).map((s) => [s.id, s.name]));
  const strip = <T extends Record<string, unknown>>(x: T, ...keys: string[]) =>
    Object.fromEntries(Object.entries(x).filter(([k]) => !keys.includes(k)));
  return {
    title: doc.protocol.title,
    studies: doc.studies.map((s) => ({
      label: s.label,
      status: s.status,
      identifiers: s.identifiers,
      reports: s.reports.map((x) => strip(x, 'id', 'studyId', 'createdAt', 'updatedAt')),
    })),
    revmanStudies: (r?.studies ?? []).map((s) => ({ ...strip(s, 'studyId'), study: label.get(s.studyId) })),
    characteristics: doc.characteristics
      .map((c) => [label.get(c.studyId), field.get(c.fieldId), c.content])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    judgements: (doc.riskOfBias?.assessments ?? [])
      .map((a) => [label.get(a.studyId), a.assessment])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    outcomeGroups: doc.riskOfBias?.settings.outcomeGroups,
    robItems: (r?.robItems ?? []).map((i) => strip(i, 'id')),
    comparisons: (r?.comparisons ?? []).map((c) => strip(c, 'id')),
    subgroups: (r?.subgroups ?? []).map((g) => strip(g, 'id', 'analysisId')),
    // Names with their markup (outcomes, subgroups, labels, comparisons, RoB items), without Grove's owner ids.
    markup: (r?.parts ?? [])
      .filter((p) => p.key.startsWith('markup:'))
      .map((p) => `${p.key.slice(p.key.lastIndexOf(':') + 1)} ${p.content}`)
      .sort(),
    settings: (r?.analyses ?? []).map((a) => strip(a, 'id', 'comparisonId')),
    rows: (r?.rows ?? []).map((x) => ({
      ...strip(x, 'id', 'analysisId', 'subgroupId', 'studyId'),
      study: label.get(x.studyId),
      subgroup: x.subgroupId ? sgName.get(x.subgroupId) : null,
    })),
  };
}

/** Differences the issue allows: a value RevMan would recompute identically. */
function allowed(d: XmlDifference): string | null {
  if (d.what === 'value' && d.original === '') return 'original never computed (empty), Grove writes the computed value';
  if (d.what === 'value' && d.kind.endsWith('.P_CHI2') && Math.abs(Number(d.original) - Number(d.exported)) <= 1e-12)
    return 'P_CHI2 of a recomputed Q that differs by ulps (|ΔP| ≤ 1e-12)';
  return null;
}

describe.skipIf(!corpus)('RM5 round trip on the corpus', () => {
  for (const file of files) {
    it(`${file}: import → export → import keeps studies, characteristics, judgements, settings and rows`, () => {
      const original = decodeRm5Bytes(readFileSync(join(rm5Dir as string, file)));
      const first = roundTrip(file, original);
      const second = roundTrip(`${file} (exported)`, first.exported);
      expect(structure(second.doc)).toEqual(structure(first.doc));
      expect(second.exported).toBe(first.exported);
    });
    it(`${file}: exported XML differs from the original only where RevMan would recompute identically`, () => {
      const original = decodeRm5Bytes(readFileSync(join(rm5Dir as string, file)));
      const { exported } = roundTrip(file, original);
      const diffs = diffXml(parseXmlTree(original), parseXmlTree(exported));
      const kinds = summariseDifferences(diffs);
      for (const k of kinds)
        console.log(
          `[rm5-xml] ${file}: ${k.count} × ${k.kind} ${k.what}: ${allowed(k.example) ?? 'NOT ALLOWED'} (e.g. ${k.example.original ?? '∅'} → ${k.example.exported ?? '∅'})`,
        );
      if (kinds.length === 0) console.log(`[rm5-xml] ${file}: no differences`);
      expect(diffs.filter((d) => !allowed(d)).map((d) => `${d.path} ${d.kind} ${d.what}: ${d.original} → ${d.exported}`)).toEqual([]);
    });
  }
});

describe('RM5 round trip of the example review', () => {
  it('export of the example review re-imports identically', () => {
    const file = next();
    createExampleReview(file, { overwrite: true }).close();
    const review = openReviewFile(file);
    const exported = rm5Text(review.db);
    review.close();
    const again = roundTrip('example.rm5', exported);
    expect(diffXml(parseXmlTree(exported), parseXmlTree(again.exported))).toEqual([]);
    const back = roundTrip('example-again.rm5', again.exported);
    expect(structure(back.doc)).toEqual(structure(again.doc));
  });
});

describe('RM5 round trip of the synthetic fixtures (markup in names, subtotals only, O − E and variance)', () => {
  for (const fixture of ['../fixtures/rm5/subtotals-only.rm5', '../stats/fixtures/oe-variance.rm5']) {
    it(`${path.basename(fixture)}: import → export → import keeps names with markup, settings and rows`, () => {
      const original = decodeRm5Bytes(readFileSync(path.resolve(import.meta.dirname, fixture)));
      const first = roundTrip(fixture, original);
      const second = roundTrip(`${fixture} (exported)`, first.exported);
      expect(structure(second.doc)).toEqual(structure(first.doc));
      expect(second.exported).toBe(first.exported);
      if (fixture.includes('subtotals-only')) {
        expect(structure(first.doc).markup.join('\n')).toContain('<I>Adjuvant</I> chemotherapy');
        expect(first.exported).toContain('<NAME>Overall survival<SUP>a</SUP> by timing of chemotherapy (fixed effect)</NAME>');
        expect(first.exported).toMatch(/TOTALS="SUB"/);
      }
    });
  }
});

describe.skipIf(!!corpus)('RM5 round trip on the corpus — skipped', () => {
  it.skip('corpus not found: set GROVE_CORPUS or provide ../shared/corpus', () => {});
});
