import { reviewDocumentToRm5 } from '@grove/shared/rm5/to-rm5';
import { sectionWithModelRows } from '@grove/shared/rm5/model-rows-export';
import { latin1Bytes, writeXmlDocument } from '@grove/shared/rm5/xml-tree';
import { forestInputFor, type ReviewDocument } from '@grove/shared';
import type { Db } from '../connection.ts';
import { exportReview } from '../document/export-review.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { analyseAll, readModel } from '../service/outcome-model.ts';

// `grove export FILE --rm5 OUT.rm5`: the review as a RevMan 5 file, ISO-8859-1 with every
// character above U+00FF as a numeric reference, as desktop RevMan writes it. A native
// review's planned outcomes are written with the rows derived from its extraction (as their
// numbers) and the settings they are analysed with, so RevMan shows the same forest plots.

/** The review document with its planned outcomes completed from the analysed model. */
export function rm5Document(db: Db): ReviewDocument {
  const doc = exportReview(db);
  if (!doc.revman || !doc.revman.analyses.some((a) => a.planned)) return doc;
  const analysed = analyseAll(readModel(db)).map(({ record, analysis }) => ({
    analysisId: record.key,
    rows: analysis.rows,
    input: analysis.input,
    // The labels the forest plot is drawn with (the outcome's own, else the direction's "Favours …").
    labels: forestInputFor(analysis)?.labels ?? analysis.labels,
  }));
  return { ...doc, revman: sectionWithModelRows(doc.revman, analysed) };
}

export function rm5Text(db: Db): string {
  return writeXmlDocument(reviewDocumentToRm5(rm5Document(db)));
}

/** Written atomically: OUT holds the old file or the whole export, never part of one. */
export function writeRm5File(db: Db, out: string): void {
  writeFileAtomic(out, latin1Bytes(rm5Text(db)));
}
