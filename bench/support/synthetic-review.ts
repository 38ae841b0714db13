import path from 'node:path';
import type { ReviewDocument } from '@grove/shared';
import { exportReview } from '../../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../../db/src/document/import-review.ts';
import { createReviewFile } from '../../db/src/review-file.ts';

// A large review for the benchmarks, written through the same import path as
// `grove new --from`: N studies, each with two arms, every planned outcome measured at three
// timepoints (post-intervention, 6 months, 18 months) and continuous results in every cell.
// Ids are predictable: study `s<i>`, arms `s<i>a0`/`s<i>a1`, timepoints `s<i>t0..2`,
// study outcomes `s<i>o<j>`.

export function writeSyntheticReview(dir: string, options: { studies: number; outcomes: number }): string {
  const seed = createReviewFile(path.join(dir, 'seed.grove'), { title: 'Benchmark review' });
  const base = exportReview(seed.db);
  seed.close();
  const now = new Date().toISOString();
  const outcomes = Array.from({ length: options.outcomes }, (_, i) => ({
    id: `o${i}`,
    domainId: 'd0',
    name: `Outcome ${i + 1}`,
    description: '',
  }));
  const doc: ReviewDocument = {
    ...base,
    protocol: {
      ...base.protocol,
      outcomeDomains: [{ id: 'd0', name: 'Domain', description: '', includes: [] }],
      plannedOutcomes: outcomes,
      timepointCategories: [
        { id: 'tc0', name: 'Post-intervention', definition: '', afterWeeksMin: null, afterWeeksMax: 0, selection: 'end-of-treatment' },
        {
          id: 'tc1',
          name: 'Short-term follow-up',
          definition: '',
          afterWeeksMin: 0,
          afterWeeksMax: 52,
          selection: 'nearest-not-exceeding-bound',
        },
        { id: 'tc2', name: 'Long-term follow-up', definition: '', afterWeeksMin: 52, afterWeeksMax: null, selection: 'longest' },
      ],
    },
    studies: [],
    studyData: { arms: [], outcomes: [], timepoints: [], results: [] },
  };
  // A fixed-seed generator, so every run measures the same data.
  let state = 1;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  for (let s = 0; s < options.studies; s++) {
    const sid = `s${s}`;
    doc.studies.push({
      id: sid,
      label: `Study ${String(s).padStart(3, '0')}`,
      status: 'included',
      identifiers: '',
      notes: '',
      createdAt: now,
      updatedAt: now,
      reports: [],
    });
    const arms = (['intervention', 'control'] as const).map((role, a) => ({
      id: `${sid}a${a}`,
      studyId: sid,
      label: role,
      role,
      description: '',
      randomised: 200,
    }));
    const tps = [0, 26, 78].map((w, t) => ({
      id: `${sid}t${t}`,
      studyId: sid,
      label: `${w} weeks`,
      weeksAfterTreatment: w,
      categoryOverride: null,
    }));
    doc.studyData.arms.push(...arms);
    doc.studyData.timepoints.push(...tps);
    for (const o of outcomes) {
      const soid = `${sid}${o.id}`;
      doc.studyData.outcomes.push({
        id: soid,
        studyId: sid,
        outcomeId: o.id,
        measure: s % 2 ? 'Scale A' : 'Scale B',
        direction: 'higher-better',
        dataType: 'continuous',
        notes: '',
      });
      for (const t of tps) {
        for (const a of arms) {
          doc.studyData.results.push({
            id: `${soid}${t.id}${a.id}`,
            studyOutcomeId: soid,
            timepointId: t.id,
            armId: a.id,
            result: {
              kind: 'continuous',
              mean: 10 + random() * 2 + (a.role === 'intervention' ? 0.3 : 0),
              sd: 2 + random(),
              n: 50 + Math.floor(random() * 100),
              derivation: null,
            },
          });
        }
      }
    }
  }
  const file = path.join(dir, 'big.grove');
  createReviewFromDocument(file, 'benchmark', JSON.parse(JSON.stringify(doc))).close();
  return file;
}
