// Anticipated absolute effects from a relative effect and an assumed comparator risk
// (reference grade-sof.md §2): the formula is applied to the estimate and to each CI
// bound with p0 held fixed, as GRADEpro and the Handbook do.

export type RelativeMeasure = 'RR' | 'OR' | 'HR' | 'RD';

export function correspondingRisk(measure: RelativeMeasure, p0: number, effect: number): number {
  switch (measure) {
    case 'RR':
      return Math.min(1, p0 * effect);
    case 'OR':
      return (effect * p0) / (1 - p0 + effect * p0);
    case 'HR':
      return 1 - (1 - p0) ** effect;
    case 'RD':
      return Math.min(1, Math.max(0, p0 + effect));
  }
}

/** Integers half away from zero, with an epsilon so that 0.3 × 0.92 × 1000 shows 276 (§2.1). */
export function roundCount(x: number): number {
  const eps = 1e-9;
  return Math.sign(x) * Math.floor(Math.abs(x) + 0.5 + eps);
}

function perThousand(x: number, per: number): string {
  return roundCount(x * per).toLocaleString('en-GB');
}

export interface AbsoluteEffect {
  /** e.g. "200 per 1,000". */
  comparator: string;
  /** e.g. "150 per 1,000 (120 to 188)". */
  intervention: string;
  /** e.g. "50 fewer per 1,000 (from 80 fewer to 12 fewer)". */
  difference: string;
  /** NNT rounded up, labelled by direction; null when the difference rounds to zero. */
  nnt: { value: number; kind: 'NNTB' | 'NNTH' } | null;
}

function signed(x: number, per: number): string {
  const n = roundCount(x * per);
  return `${Math.abs(n).toLocaleString('en-GB')} ${n < 0 ? 'fewer' : 'more'}`;
}

/**
 * `harmful` says whether more events are bad (deaths, admissions), which decides whether a
 * reduction is a benefit (NNTB) or a harm (NNTH).
 */
export function absoluteEffect(
  measure: RelativeMeasure,
  p0: number,
  effect: { estimate: number; lower: number; upper: number },
  options: { per?: number; harmful?: boolean } = {},
): AbsoluteEffect {
  const per = options.per ?? 1000;
  const unit = `per ${per.toLocaleString('en-GB')}`;
  const p1 = correspondingRisk(measure, p0, effect.estimate);
  const lo = correspondingRisk(measure, p0, effect.lower);
  const hi = correspondingRisk(measure, p0, effect.upper);
  const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
  const ard = p1 - p0;
  const nntValue = Math.abs(ard) > 0 ? Math.ceil(1 / Math.abs(ard) - 1e-9) : null;
  const harmful = options.harmful ?? true;
  return {
    comparator: `${perThousand(p0, per)} ${unit}`,
    intervention: `${perThousand(p1, per)} ${unit} (${perThousand(a, per)} to ${perThousand(b, per)})`,
    difference: `${signed(ard, per)} ${unit} (from ${signed(a - p0, per)} to ${signed(b - p0, per)})`,
    nnt: nntValue === null || roundCount(ard * per) === 0 ? null : { value: nntValue, kind: ard < 0 === harmful ? 'NNTB' : 'NNTH' },
  };
}

/** §2.4: "MD 0.18 lower (0.37 lower to 0.01 higher)", each number with its own direction word. */
export function continuousDifference(measure: 'MD' | 'SMD', estimate: number, lower: number, upper: number, units = ''): string {
  const word = (x: number) =>
    `${Math.abs(x).toFixed(2)}${units ? ` ${units}` : measure === 'SMD' ? ' SD' : ''} ${x < 0 ? 'lower' : 'higher'}`;
  return `${measure} ${word(estimate)} (${word(lower)} to ${word(upper)})`;
}
