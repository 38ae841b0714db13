import type { Rob2Record } from '../api/contract-rob2.ts';
import type { ForestMarkup, ForestPlotInput, ForestPlotOptions, ForestRobJudgement, ForestSortBy } from '../forest/types.ts';
import type { DataRow } from '../outcomes/data-rows.ts';
import type { OutcomeSettings } from '../outcomes/outline.ts';
import type { Rob2Judgement } from '../rob/judgements.ts';
import type { AssembledAnalysis } from './assemble.ts';

// From an assembled analysis to the forest plot's input: group labels, and "Favours"
// labels on the side the aligned scale direction puts them.

export function forestInputFor(
  a: AssembledAnalysis,
  riskOfBias?: Readonly<Record<string, readonly ForestRobJudgement[]>>,
): ForestPlotInput | null {
  if (!a.input || !a.result) return null;
  const favoursIntervention = 'Favours intervention';
  const favoursControl = 'Favours control';
  // A higher score is better: the intervention's side is to the right of the null line.
  const higherBetter = a.direction === 'higher-better';
  // For event outcomes too the outcome's direction decides: with lower-better events (e.g.
  // admissions) a ratio below 1 favours the intervention, on the left.
  const interventionRight = higherBetter;
  return {
    analysis: a.input,
    result: a.result,
    labels: {
      title: `${a.outcomeName}: ${a.categoryName.toLowerCase()}`,
      experimental: 'Intervention',
      control: 'Control',
      favoursLeft: interventionRight ? favoursControl : favoursIntervention,
      favoursRight: interventionRight ? favoursIntervention : favoursControl,
      // An outcome entered RevMan's way carries its own title and labels.
      ...a.labels,
    },
    ...(riskOfBias ? { riskOfBias } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// An outcome of the one analysis model as a forest plot honouring every RevMan setting it
// has: totals (yes / subtotals only / none), sort order, scale, footnotes of its data rows,
// names with markup, risk-of-bias columns of either tool.

/** What the plot of an outcome needs besides its analysis: read by the caller from the review. */
export interface OutcomeForestExtras {
  /** RevMan's number of the outcome ("1.2"): subgroup headings become "1.2.1 …". */
  outcomeNumber?: string;
  /** Names with RevMan markup (outcome title, subgroups, group and graph labels, studies). */
  markup?: ForestMarkup;
  /** RevMan's ORDER of stored rows by row id, for SORT_BY="USER" (rows without one keep their place after those with one). */
  rowOrder?: Readonly<Record<string, number | null>>;
  /** Study years by study id, for SORT_BY="YEAR". */
  studyYears?: Readonly<Record<string, number | null>>;
  /** Risk-of-bias columns, by study label (see `rob2ForRows` for RoB 2, which is judged per result). */
  riskOfBias?: { tool: 'rob1' | 'rob2'; byStudy: Readonly<Record<string, readonly ForestRobJudgement[]>> };
}

const SORTS: readonly string[] = ['STUDY', 'YEAR', 'WEIGHT', 'EFFECT_SIZE', 'USER'];

/** Labels with RevMan's number: subgroup headings "1.1.1 …", and the title "1.1 …" (a planned outcome's lacks it). */
function numbered(labels: NonNullable<ForestPlotInput['labels']>, number: string): NonNullable<ForestPlotInput['labels']> {
  const title = labels.title === undefined || labels.title.startsWith(`${number} `) ? labels.title : `${number} ${labels.title}`;
  return { ...labels, outcomeNumber: number, ...(title !== undefined ? { title } : {}) };
}

/**
 * The forest plot input and options of an analysed outcome. Rows are matched to the
 * analysis by position (`analysis.rows` are the outcome's rows in the order pooled); when
 * they are not (an untouched planned outcome pools its included contributions), footnotes
 * and years are matched by study label.
 */
export function forestForOutcome(
  a: AssembledAnalysis & { rows: readonly DataRow[] },
  settings: Pick<OutcomeSettings, 'totals' | 'sortBy' | 'scale'>,
  extras: OutcomeForestExtras = {},
): { input: ForestPlotInput; options: ForestPlotOptions } | null {
  const base = forestInputFor(a, extras.riskOfBias?.byStudy);
  if (!base) return null;
  const analysisRows = base.analysis.rows;
  const aligned = a.rows.length === analysisRows.length && a.rows.every((r, i) => r.studyLabel === analysisRows[i]?.study);
  const byLabel = new Map(a.rows.map((r) => [r.studyLabel, r]));
  const rowAt = (i: number): DataRow | undefined => (aligned ? a.rows[i] : byLabel.get(analysisRows[i]?.study ?? ''));
  const footnotes = analysisRows.map((_, i) => rowAt(i)?.footnote ?? null);
  const input: ForestPlotInput = {
    ...base,
    ...(extras.outcomeNumber ? { labels: numbered(base.labels ?? {}, extras.outcomeNumber) } : {}),
    totals: settings.totals,
    ...(footnotes.some((f) => f !== null && f.trim() !== '') ? { footnotes } : {}),
    ...(extras.riskOfBias ? { riskOfBiasTool: extras.riskOfBias.tool } : {}),
    ...(extras.markup ? { markup: extras.markup } : {}),
  };
  if (settings.sortBy !== null && SORTS.includes(settings.sortBy)) {
    const by = settings.sortBy as ForestSortBy;
    input.sort =
      by === 'YEAR'
        ? { by, years: analysisRows.map((_, i) => extras.studyYears?.[rowAt(i)?.studyId ?? ''] ?? null) }
        : by === 'USER'
          ? { by, order: analysisRows.map((_, i) => extras.rowOrder?.[rowAt(i)?.id ?? ''] ?? null) }
          : { by };
  }
  const options: ForestPlotOptions = settings.scale !== null && settings.scale > 0 ? { axisScale: settings.scale } : {};
  return { input, options };
}

/** Effective RoB 2 judgement of a domain or the overall: the reviewer's final, else the proposal. */
const rob2Judgement = (j: { proposed: Rob2Judgement | null; final: { judgement: Rob2Judgement } | null }): ForestRobJudgement =>
  j.final?.judgement ?? j.proposed ?? null;

/**
 * RoB 2 columns (D1–D5, overall) per study label of an outcome's rows. RoB 2 judges a result:
 * a derived row takes the assessment of its study outcome; any other row its study's only
 * assessment (none when the study has several and the row does not say which).
 */
export function rob2ForRows(rows: readonly DataRow[], records: readonly Rob2Record[]): Record<string, ForestRobJudgement[]> {
  const out: Record<string, ForestRobJudgement[]> = {};
  for (const r of rows) {
    const mine = records.filter((x) => x.studyId === r.studyId);
    const result = r.origin !== 'direct' && r.provenance ? mine.find((x) => x.studyOutcomeId === r.provenance?.studyOutcomeId) : undefined;
    const record = result ?? (mine.length === 1 ? mine[0] : undefined);
    if (!record) continue;
    const d = record.assessment.domains;
    out[r.studyLabel] = [
      rob2Judgement(d.D1.judgement),
      rob2Judgement(d.D2.judgement),
      rob2Judgement(d.D3.judgement),
      rob2Judgement(d.D4.judgement),
      rob2Judgement(d.D5.judgement),
      record.overall,
    ];
  }
  return out;
}
