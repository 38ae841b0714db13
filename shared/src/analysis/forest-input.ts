import type { ForestPlotInput, ForestRobJudgement } from '../forest/types.ts';
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
