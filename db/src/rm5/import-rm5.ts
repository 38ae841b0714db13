import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { rm5ToReviewDocument, type Rm5ImportReport } from '@grove/shared/rm5/to-review-document';
import type { ReviewDocument } from '@grove/shared';
import { createReviewFromDocument } from '../document/import-review.ts';
import type { ReviewFile } from '../review-file.ts';
import { loadRm5Bytes, loadRm5File, type LoadedRm5 } from './load-rm5.ts';

// `grove new OUT.grove --from FILE.rm5`: an .rm5 file becomes a new review. The file is
// checked first (load-rm5.ts), turned into a review document (shared/src/rm5/
// to-review-document.ts) and written by the same path as `new --from REVIEW.json`: validated
// completely, one transaction, and no review file left behind on any error.

export type { Rm5ImportReport };

export function rm5Document(
  loaded: LoadedRm5,
  options: { newId?: () => string; now?: string } = {},
): { document: ReviewDocument; report: Rm5ImportReport } {
  return rm5ToReviewDocument(loaded.tree, {
    newId: options.newId ?? randomUUID,
    now: options.now ?? new Date().toISOString(),
    source: path.basename(loaded.file),
  });
}

export function importRm5(
  loaded: LoadedRm5,
  out: string,
  options: { overwrite?: boolean; nativeBinding?: string } = {},
): { review: ReviewFile; report: Rm5ImportReport } {
  const { document, report } = rm5Document(loaded);
  const review = createReviewFromDocument(out, loaded.file, document, options);
  return { review, report };
}

export function importRm5File(file: string, out: string, options: { overwrite?: boolean; nativeBinding?: string } = {}) {
  return importRm5(loadRm5File(file), out, options);
}

export function importRm5Bytes(name: string, bytes: Uint8Array, out: string, options: { overwrite?: boolean } = {}) {
  return importRm5(loadRm5Bytes(name, bytes), out, options);
}

/** The report as lines for a terminal. */
export function describeImportReport(r: Rm5ImportReport): string {
  const i = r.imported;
  const lines = [
    `Imported ${i.studies} studies, ${i.references} references, ${i.characteristics} characteristics, ${i.riskOfBiasJudgements} risk-of-bias judgements${i.riskOfBiasItemsAdded ? ` (${i.riskOfBiasItemsAdded} added items)` : ''},`,
    `  ${i.comparisons} comparisons, ${i.analyses} outcomes, ${i.subgroups} subgroups and ${i.dataRows} data rows.`,
  ];
  if (r.skipped.length) {
    // Also lists what the file repeats (one entry used, all kept for the export) and oddities such as a repeated study ID.
    lines.push(`Not brought in as Grove data, or repeated in the file (${r.skipped.length}):`);
    for (const s of r.skipped) lines.push(`  ${s.what}: ${s.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
