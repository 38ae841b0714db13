import type { CertaintyLevel } from './certainty.ts';

// Informative statements (reference grade-sof.md §6; Santesso 2020, Handbook Table
// 15.6.b main forms): the certainty adverb carries the uncertainty, the size phrase the
// magnitude. The size category is the reviewer's judgement, never read off a P value.

export type EffectSize = 'large' | 'moderate' | 'small' | 'trivial';

export function informativeStatement(
  certainty: CertaintyLevel,
  size: EffectSize,
  direction: 'reduction' | 'increase',
  intervention: string,
  outcome: string,
): string {
  const X = intervention.charAt(0).toUpperCase() + intervention.slice(1);
  if (certainty === 'very-low') return `The evidence is very uncertain about the effect of ${intervention} on ${outcome}.`;
  const verb = direction === 'reduction' ? 'reduce' : 'increase';
  const noun = direction === 'reduction' ? 'reduction' : 'increase';
  switch (certainty) {
    case 'high':
      if (size === 'large') return `${X} results in a large ${noun} in ${outcome}.`;
      if (size === 'moderate') return `${X} ${verb}s ${outcome}.`;
      if (size === 'small') return `${X} ${verb}s ${outcome} slightly.`;
      return `${X} results in little to no difference in ${outcome}.`;
    case 'moderate':
      if (size === 'large') return `${X} likely results in a large ${noun} in ${outcome}.`;
      if (size === 'moderate') return `${X} probably ${verb}s ${outcome}.`;
      if (size === 'small') return `${X} probably ${verb}s ${outcome} slightly.`;
      return `${X} likely results in little to no difference in ${outcome}.`;
    case 'low':
      if (size === 'large') return `${X} may result in a large ${noun} in ${outcome}.`;
      if (size === 'moderate') return `${X} may ${verb} ${outcome}.`;
      if (size === 'small') return `${X} may ${verb} ${outcome} slightly.`;
      return `${X} may result in little to no difference in ${outcome}.`;
  }
}
