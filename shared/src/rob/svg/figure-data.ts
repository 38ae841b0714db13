import type { Rob1Judgement, Rob2Judgement } from '../judgements.ts';
import { ROB1_DOMAINS } from '../rob1-domains.ts';
import type { Rob1Assessment } from '../rob1-assessment.ts';
import { rob1JudgementsForOutcomeGroup, rob1StudyLevelJudgements } from '../rob1-outcome-groups.ts';
import { DEFAULT_ROB1_OVERALL_RULE, rob1OverallJudgement, type Rob1OverallRule } from '../rob1-overall.ts';
import { ROB2_DOMAINS, ROB2_DOMAIN_IDS } from '../rob2-questions.ts';
import { effectiveRob2Judgement, type Rob2ResultAssessment } from '../rob2-assessment.ts';
import type { FigureJudgement, FigureTool } from './figure-style.ts';

// What the two figures draw: a tool-neutral table (rows = studies or results, columns =
// domains, plus an overall column), like the data frame robvis takes (reference §A.7:
// Study, D1…Dn, Overall, optional Weight). The builders below turn stored assessments into it;
// callers with other data (e.g. an import) can build it directly.

export interface FigureDomain {
  /** Column key shown in the figure, e.g. "D1". */
  key: string;
  /** Full name shown in the domain legend, e.g. "Random sequence generation (selection bias)". */
  label: string;
}

export interface FigureRow {
  /** Study (or result) label as printed, e.g. "Cook 2012a". Any text; it is escaped. */
  study: string;
  /** One per domain, in the order of `domains`. */
  judgements: FigureJudgement[];
  overall: FigureJudgement;
  /** For the weighted summary graph (robvis `Weight`), e.g. the study's meta-analysis weight. */
  weight?: number;
}

export interface RobFigureData {
  tool: FigureTool;
  title: string;
  domains: FigureDomain[];
  /** Whether to draw the overall column / bar (robvis `overall = TRUE`). */
  showOverall: boolean;
  rows: FigureRow[];
}

/** Throws on a row whose number of judgements does not match the domains (a caller bug). */
export function assertFigureData(data: RobFigureData): void {
  data.rows.forEach((row, i) => {
    if (row.judgements.length !== data.domains.length)
      throw new Error(`row ${i} ("${row.study}") has ${row.judgements.length} judgements for ${data.domains.length} domains`);
  });
}

const fromRob1 = (j: Rob1Judgement | 'pending' | null): FigureJudgement => (j === null || j === 'pending' ? 'not-judged' : j);
const fromRob2 = (j: Rob2Judgement | null): FigureJudgement => j ?? 'not-judged';

export interface Rob1FigureStudy {
  label: string;
  assessment: Rob1Assessment;
  weight?: number;
}

export interface Rob1FigureOptions {
  rule?: Rob1OverallRule;
  title?: string;
  showOverall?: boolean;
  /** Draw one outcome group's judgements; by default grouped domains show their worst group. */
  outcomeGroup?: string;
}

export function rob1FigureData(studies: readonly Rob1FigureStudy[], options: Rob1FigureOptions = {}): RobFigureData {
  const rule = options.rule ?? DEFAULT_ROB1_OVERALL_RULE;
  return {
    tool: 'rob1',
    title: options.title ?? (options.outcomeGroup ? `Risk of bias: ${options.outcomeGroup}` : 'Risk of bias summary'),
    domains: ROB1_DOMAINS.map((d) => ({ key: d.key, label: d.label })),
    showOverall: options.showOverall ?? true,
    rows: studies.map((s) => {
      const judgements =
        options.outcomeGroup === undefined
          ? rob1StudyLevelJudgements(s.assessment)
          : rob1JudgementsForOutcomeGroup(s.assessment, options.outcomeGroup);
      return {
        study: s.label,
        judgements: ROB1_DOMAINS.map((d) => fromRob1(judgements[d.id])),
        overall: fromRob1(rob1OverallJudgement(judgements, rule).judgement),
        ...(s.weight === undefined ? {} : { weight: s.weight }),
      };
    }),
  };
}

export interface Rob2FigureResult {
  /** Study label, optionally with the result, e.g. "Cook 2012a (Recovery, 6 months)". */
  label: string;
  assessment: Rob2ResultAssessment;
  weight?: number;
}

export function rob2FigureData(
  results: readonly Rob2FigureResult[],
  options: { title?: string; showOverall?: boolean } = {},
): RobFigureData {
  return {
    tool: 'rob2',
    title: options.title ?? 'Risk of bias (RoB 2)',
    domains: ROB2_DOMAINS.map((d) => ({ key: d.id, label: d.label })),
    showOverall: options.showOverall ?? true,
    rows: results.map((r) => ({
      study: r.label,
      judgements: ROB2_DOMAIN_IDS.map((d) => fromRob2(effectiveRob2Judgement(r.assessment.domains[d].judgement))),
      overall: fromRob2(effectiveRob2Judgement(r.assessment.overall)),
      ...(r.weight === undefined ? {} : { weight: r.weight }),
    })),
  };
}
