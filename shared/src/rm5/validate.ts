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
  problems.push(...rm5ValueProblems(review, xml));
  return problems;
}

/** 1-based line of the `n`-th (0-based) `<TAG ` element after the element with ID="id". */
function nthElementLine(xml: string | undefined, containerId: string, tag: string, n: number): number | null {
  if (!xml) return null;
  let at = xml.indexOf(`ID="${attrValue(containerId)}"`);
  if (at < 0) return null;
  for (let i = 0; i <= n; i++) {
    at = xml.indexOf(`<${tag} `, at + 1);
    if (at < 0) return null;
  }
  return lineOf(xml, `<${tag} `, at);
}

const NON_NEGATIVE = {
  DICH: [['events1', 'EVENTS_1'], ['total1', 'TOTAL_1'], ['events2', 'EVENTS_2'], ['total2', 'TOTAL_2']],
  CONT: [['sd1', 'SD_1'], ['total1', 'TOTAL_1'], ['sd2', 'SD_2'], ['total2', 'TOTAL_2']],
  IV: [['se', 'SE'], ['total1', 'TOTAL_1'], ['total2', 'TOTAL_2']],
  IPD: [['variance', 'VAR']],
  OTHER: [],
} as const;

/**
 * Values no RevMan file can validly hold, found before anything is written (issue 11): a
 * STUDY ID used twice, a confidence level outside 0–100 (CI_STUDY="-0"), a negative count,
 * total, SD, SE or variance. Each names the element, its id and its line.
 */
export function rm5ValueProblems(review: Rm5Review, xml?: string): Rm5Problem[] {
  const problems: Rm5Problem[] = [];
  const seen = new Map<string, number>();
  for (const s of review.studies) {
    const count = (seen.get(s.id) ?? 0) + 1;
    seen.set(s.id, count);
    if (count === 2) {
      let line: number | null = null;
      if (xml) {
        const first = xml.indexOf(`<STUDY `);
        const needle = `ID="${attrValue(s.id)}"`;
        const firstAt = xml.indexOf(needle, Math.max(0, first));
        line = firstAt < 0 ? null : lineOf(xml, needle, firstAt + 1);
      }
      problems.push({ where: `STUDY ${s.id}`, message: `the ID "${s.id}" is used by more than one STUDY element`, line });
    }
  }
  for (const cmp of review.comparisons) {
    for (const outcome of cmp.outcomes) {
      for (const [key, attr] of [['ciStudy', 'CI_STUDY'], ['ciTotal', 'CI_TOTAL']] as const) {
        const v = outcome.settings[key];
        if (!(v > 0 && v < 100))
          problems.push({
            where: `${outcome.kind}_OUTCOME ${outcome.id}`,
            message: `${attr}="${Object.is(v, -0) ? '-0' : v}" is not a confidence level between 0 and 100`,
            line: xml ? lineOf(xml, `ID="${attrValue(outcome.id)}"`) : null,
          });
      }
      const containers = outcome.subgroups.length > 0 ? outcome.subgroups : [{ id: outcome.id, rows: outcome.rows }];
      for (const c of containers) {
        c.rows.forEach((row, i) => {
          const fields = NON_NEGATIVE[row.kind] as ReadonlyArray<readonly [string, string]>;
          for (const [field, attr] of fields) {
            const v = (row as unknown as Record<string, number | null>)[field];
            if (v !== null && v !== undefined && v < 0)
              problems.push({
                where: `${c.id} ${row.kind}_DATA #${i + 1} (STUDY_ID "${row.studyId}")`,
                message: `${attr}="${v}" cannot be negative`,
                line: nthElementLine(xml, c.id, `${row.kind}_DATA`, i),
              });
          }
        });
      }
    }
  }
  return problems;
}
