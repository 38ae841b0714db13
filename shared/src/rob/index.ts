// Public API of the risk-of-bias core (import as '@grove/shared/rob/index'): RoB 1 domains,
// assessments and the configurable overall rule; RoB 2 signalling questions, the official
// algorithms and proposed/final judgements; second-reviewer sampling, agreement (Cohen's κ)
// and disagreement lists; robvis-style SVG figures. Pure TypeScript, no Node/DOM.
// See docs/risk-of-bias.md.

export * from './judgements.ts';
export { decideDespiteUnknowns, type Determination } from './determined.ts';

// RoB 1
export * from './rob1-domains.ts';
export * from './rob1-assessment.ts';
export * from './rob1-outcome-groups.ts';
export * from './rob1-overall.ts';
export * from './rob1-rows.ts';

// RoB 2
export * from './rob2-answers.ts';
export * from './rob2-questions.ts';
export * from './rob2-domain-algorithms.ts';
export * from './rob2-overall.ts';
export * from './rob2-assessment.ts';

// Double assessment
export * from './second-reviewer-sample.ts';
// Agreement lives in shared/src/agreement; re-exported so RoB users keep one import.
export * from '../agreement/index.ts';
export * from './compare-assessments.ts';

// Figures
export { xmlEscape } from './svg/xml-escape.ts';
export { estimateTextWidth } from './svg/text-width.ts';
export * from './svg/figure-style.ts';
export * from './svg/figure-data.ts';
export type { SvgFigureOptions } from './svg/svg-parts.ts';
export { trafficLightSvg } from './svg/traffic-light-svg.ts';
export { summaryGraphSvg, summaryShares, wholePercentages, type SummaryGraphOptions, type DomainShare } from './svg/summary-graph-svg.ts';
