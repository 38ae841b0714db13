// Checks that a parsed .rm5 file hangs together (rm5-format.md §9.10): every STUDY_ID in a
// data row must name a STUDY of the file. A dangling row cannot be attributed to a study, so
// the file is refused rather than silently analysed without it.
import type { Rm5Review } from './types.ts';

export interface Rm5Problem {
  /** The element, e.g. "CMP-001.02.01 DICH_DATA #3". */
  where: string;
  message: string;
  /** 1-based line in the XML text, when it could be found. */
  line: number | null;
}

/** 1-based line of the first occurrence of `needle` at or after `from`, or null. */
export function lineOf(xml: string, needle: string, from = 0): number | null {
  const at = xml.indexOf(needle, from);
  if (at < 0) return null;
  let line = 1;
  for (let i = xml.indexOf('\n'); i >= 0 && i < at; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

const attrValue = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Problems that make the file unusable, in document order; empty when the file is sound. */
export function rm5ReferenceProblems(review: Rm5Review, xml?: string): Rm5Problem[] {
  const ids = new Set(review.studies.map((s) => s.id));
  const problems: Rm5Problem[] = [];
  const dataAt = xml ? Math.max(0, xml.indexOf('<ANALYSES_AND_DATA')) : 0;
  for (const cmp of review.comparisons) {
    for (const outcome of cmp.outcomes) {
      const containers = outcome.subgroups.length > 0 ? outcome.subgroups : [{ id: outcome.id, rows: outcome.rows }];
      for (const c of containers) {
        c.rows.forEach((row, i) => {
          if (ids.has(row.studyId)) return;
          const where = `${c.id} ${outcome.kind}_DATA #${i + 1}`;
          problems.push({
            where,
            message:
              row.studyId === ''
                ? 'has no STUDY_ID'
                : `STUDY_ID "${row.studyId}" is not a study of this file (no STUDY element has ID="${row.studyId}")`,
            line: xml ? lineOf(xml, `STUDY_ID="${attrValue(row.studyId)}"`, dataAt) : null,
          });
        });
      }
    }
  }
  return problems;
}
