// A native review's outcomes as RevMan keeps outcomes, for the .rm5 export (issue 10 step 3).
// A planned outcome's rows are derived from the extraction and never stored, and its
// settings follow the review's conventions until edited, so the stored section alone would
// export it empty and without a measure. This completes the section from the analysed model:
// every derived row becomes a data row holding its numbers (as the plot pools them: combined
// arms, aligned direction), and the outcome gets the data type, measure, method, model and
// plot labels it is analysed and drawn with, so RevMan opens it with the same forest plot.
import type { AnalysisInput } from '../stats/types.ts';
import type { DataRow, RowValues } from '../outcomes/data-rows.ts';
import type { RevmanAnalysis, RevmanDataRow, RevmanSection } from './document-section.ts';

/** One analysed outcome of the model, as the export needs it. */
export interface AnalysedForExport {
  /** The stored analysis's id (the outcome record's key). */
  analysisId: string;
  /** Its rows, derived, detached and direct, in the order they are pooled. */
  rows: readonly DataRow[];
  /** The core's input it was pooled with (null: no usable data), for the effective settings. */
  input: AnalysisInput | null;
  /** Plot labels it is drawn with (group and "Favours" labels). */
  labels: { experimental?: string; control?: string; favoursLeft?: string; favoursRight?: string } | undefined;
}

const KIND_OF_VALUES = { dichotomous: 'DICH', continuous: 'CONT', generic: 'IV', 'oe-variance': 'IPD' } as const;

const EMPTY_NUMBERS = {
  events1: null,
  total1: null,
  events2: null,
  total2: null,
  mean1: null,
  sd1: null,
  mean2: null,
  sd2: null,
  estimate: null,
  se: null,
  oMinusE: null,
  variance: null,
} as const;

function numbers(v: RowValues): Pick<RevmanDataRow, keyof typeof EMPTY_NUMBERS> {
  switch (v.kind) {
    case 'dichotomous':
      return { ...EMPTY_NUMBERS, events1: v.events1, total1: v.total1, events2: v.events2, total2: v.total2 };
    case 'continuous':
      return { ...EMPTY_NUMBERS, mean1: v.mean1, sd1: v.sd1, total1: v.total1, mean2: v.mean2, sd2: v.sd2, total2: v.total2 };
    case 'generic':
      return { ...EMPTY_NUMBERS, estimate: v.estimate, se: v.se };
    case 'oe-variance':
      return { ...EMPTY_NUMBERS, oMinusE: v.oMinusE, variance: v.variance };
  }
}

/** The settings a planned outcome is analysed with, as RevMan attributes. */
function effectiveSettings(a: RevmanAnalysis, x: AnalysedForExport): RevmanAnalysis {
  const input = x.input;
  const first = x.rows[0]?.values.kind;
  const kind = input ? KIND_OF_VALUES[input.dataType] : first ? KIND_OF_VALUES[first] : a.kind;
  const out: RevmanAnalysis = { ...a, kind };
  if (input) {
    out.effectMeasure = input.dataType === 'generic' ? a.effectMeasure : input.effectMeasure;
    out.method = input.dataType === 'dichotomous' ? input.method : input.dataType === 'oe-variance' ? 'EXP_O_E_VAR' : null;
    out.random = input.model === 'random';
    if (input.dataType === 'generic') out.logData = input.logScale;
  }
  const l = x.labels ?? {};
  out.groupLabel1 = a.groupLabel1 ?? l.experimental ?? null;
  out.groupLabel2 = a.groupLabel2 ?? l.control ?? null;
  out.graphLabel1 = a.graphLabel1 ?? l.favoursLeft ?? null;
  out.graphLabel2 = a.graphLabel2 ?? l.favoursRight ?? null;
  // RevMan's defaults for what a native outcome has never set.
  out.sortBy = a.sortBy ?? 'STUDY';
  if (kind === 'CONT') out.units = a.units ?? '';
  return out;
}

/**
 * The section with every planned outcome completed from its analysis: effective settings,
 * and a data row per derived row (ORDER values continue after the review's highest).
 * Outcomes entered or imported RevMan's way are left exactly as stored.
 */
export function sectionWithModelRows(section: RevmanSection, analysed: readonly AnalysedForExport[]): RevmanSection {
  const byId = new Map(analysed.map((x) => [x.analysisId, x]));
  let order = section.rows.reduce((m, r) => Math.max(m, r.order ?? 0), 0);
  const analyses = section.analyses.map((a) => {
    const x = byId.get(a.id);
    return a.planned && x ? effectiveSettings(a, x) : a;
  });
  const kindOf = new Map(analyses.map((a) => [a.id, a.kind]));
  const subgroups = [...section.subgroups];
  const rows: RevmanDataRow[] = [];
  for (const a of section.analyses) {
    const stored = section.rows.filter((r) => r.analysisId === a.id);
    const x = byId.get(a.id);
    if (!a.planned || !x) {
      rows.push(...stored);
      continue;
    }
    // In the order pooled: derived rows first, then the detached and direct ones stored.
    const storedById = new Map(stored.map((r) => [r.id, r]));
    let position = 0;
    for (const r of x.rows) {
      const kept = storedById.get(r.id);
      if (kept) {
        rows.push({ ...kept, position: position++ });
        storedById.delete(r.id);
        continue;
      }
      if (r.origin !== 'derived') continue;
      rows.push({
        id: `${a.id}/${r.id}`,
        analysisId: a.id,
        subgroupId: r.subgroupId,
        position: position++,
        studyId: r.studyId,
        kind: kindOf.get(a.id) ?? a.kind,
        ...numbers(r.values),
        order: ++order,
        footnote: r.footnote,
        attributes: {},
      });
    }
    for (const r of storedById.values()) rows.push({ ...r, position: position++ });
    const loose = noSubgroupFor(a, subgroups, rows);
    if (loose) subgroups.push(loose);
  }
  // SUBGROUPS="YES" goes with subgroup children.
  const withFlags = analyses.map((a) => (a.planned ? { ...a, subgroups: subgroups.some((g) => g.analysisId === a.id) } : a));
  return { ...section, analyses: withFlags, subgroups, rows };
}

/** The name under which the forest plot shows rows outside every subgroup (forest/rows.ts). */
const NO_SUBGROUP = '(no subgroup)';

/**
 * RevMan's outcomes hold subgroups or rows, never both. A planned outcome with subgroups
 * whose derived rows belong to none gets one more subgroup for them, last, named as the
 * forest plot shows such rows, so no row is left out of the file. Returns it (rows updated).
 */
function noSubgroupFor(
  a: RevmanAnalysis,
  subgroups: RevmanSection['subgroups'],
  rows: RevmanDataRow[],
): RevmanSection['subgroups'][number] | null {
  const own = subgroups.filter((g) => g.analysisId === a.id);
  const loose = rows.filter((r) => r.analysisId === a.id && r.subgroupId === null);
  if (own.length === 0 || loose.length === 0) return null;
  const suffix = (id: string) => Number(/\.(\d+)$/.exec(id)?.[1] ?? 0);
  const next = Math.max(0, ...own.map((g) => Math.max(suffix(g.rm5Id), g.no ?? 0))) + 1;
  const group = {
    id: `${a.id}/no-subgroup`,
    analysisId: a.id,
    position: Math.max(...own.map((g) => g.position)) + 1,
    rm5Id: `${a.rm5Id}.${String(next).padStart(2, '0')}`,
    no: next,
    name: NO_SUBGROUP,
    attributes: {},
  };
  for (const r of loose) r.subgroupId = group.id;
  return group;
}
