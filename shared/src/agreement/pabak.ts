// Prevalence- and bias-adjusted κ (Byrt, Bishop & Carlin 1993, J Clin Epidemiol 46:423-9):
// κ computed as if both reviewers spread their judgements evenly over the k categories, so
// pe = 1/k and PABAK = (k·po − 1)/(k − 1); for two categories 2·po − 1. It is reported
// beside κ because κ drops sharply when one category dominates (most records excluded at
// title/abstract) even with near-perfect agreement, the "kappa paradox".

/** PABAK from observed agreement po (0–1) over k categories; null when k < 2. */
export function pabak(po: number, categories: number): number | null {
  if (categories < 2) return null;
  return (categories * po - 1) / (categories - 1);
}
