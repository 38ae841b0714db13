// Number needed to treat (Cochrane Handbook v6 §15.4.4; Altman 1998, BMJ 317:1309). From a
// risk difference, or from a risk ratio or odds ratio with an assumed comparator risk. A
// confidence interval for the risk difference that includes 0 gives an NNT interval through
// infinity: "NNTB a to ∞ to NNTH b".
import { derived, type Derived } from './derivation.ts';

/** Benefit or harm, given whether the outcome is undesirable (death) or desirable (recovery). */
export type NntKind = 'NNTB' | 'NNTH';

export interface NntBound {
  kind: NntKind;
  /** Infinity when the risk difference is 0. */
  value: number;
}

export interface Nnt {
  point: NntBound;
  /** The interval's ends on the benefit and harm sides; it passes through ∞ when the RD interval contains 0. */
  lower: NntBound;
  upper: NntBound;
  throughInfinity: boolean;
}

export type OutcomeDirection = 'undesirable' | 'desirable';

function bound(rd: number, outcome: OutcomeDirection): NntBound {
  const benefit = outcome === 'undesirable' ? rd < 0 : rd > 0;
  return { kind: benefit ? 'NNTB' : 'NNTH', value: 1 / Math.abs(rd) };
}

function fromRd(rd: number, lower: number, upper: number, outcome: OutcomeDirection): Nnt {
  if (!(lower <= rd && rd <= upper)) throw new RangeError(`ciLower ≤ riskDifference ≤ ciUpper is required (got ${lower}, ${rd}, ${upper})`);
  return { point: bound(rd, outcome), lower: bound(lower, outcome), upper: bound(upper, outcome), throughInfinity: lower < 0 && upper > 0 };
}

/** NNT = 1/|RD| with RD = risk(intervention) − risk(comparator); the interval from the RD interval. */
export function nntFromRiskDifference(rd: number, ciLower: number, ciUpper: number, outcome: OutcomeDirection = 'undesirable'): Derived<Nnt> {
  return derived(fromRd(rd, ciLower, ciUpper, outcome), {
    method: 'nnt-from-rd',
    inputs: { riskDifference: rd, ciLower, ciUpper, outcome },
    formula: 'NNT = 1/|RD|; limits 1/|RD_L| and 1/|RD_U| (through ∞ when the RD interval contains 0)',
    reference: 'Cochrane Handbook v6 §15.4.4; Altman 1998',
  });
}

function checkRisk(acr: number): void {
  if (!(acr > 0 && acr < 1)) throw new RangeError(`assumedComparatorRisk: must be between 0 and 1, exclusive (got ${acr})`);
}

/** From a risk ratio: RD = ACR·(RR − 1), NNT = 1/(ACR·|1 − RR|). */
export function nntFromRiskRatio(rr: number, ciLower: number, ciUpper: number, assumedComparatorRisk: number, outcome: OutcomeDirection = 'undesirable'): Derived<Nnt> {
  checkRisk(assumedComparatorRisk);
  if (!(ciLower > 0)) throw new RangeError(`ciLower: must be > 0 (got ${ciLower})`);
  const rd = (r: number): number => assumedComparatorRisk * (r - 1);
  return derived(fromRd(rd(rr), rd(ciLower), rd(ciUpper), outcome), {
    method: 'nnt-from-rr',
    inputs: { riskRatio: rr, ciLower, ciUpper, assumedComparatorRisk, outcome },
    formula: 'NNT = 1/(ACR·|1 − RR|)',
    reference: 'Cochrane Handbook v6 §15.4.4',
  });
}

/** From an odds ratio: risk = OR·ACR/(1 − ACR + OR·ACR), NNT = 1/|ACR − risk|. */
export function nntFromOddsRatio(or: number, ciLower: number, ciUpper: number, assumedComparatorRisk: number, outcome: OutcomeDirection = 'undesirable'): Derived<Nnt> {
  checkRisk(assumedComparatorRisk);
  if (!(ciLower > 0)) throw new RangeError(`ciLower: must be > 0 (got ${ciLower})`);
  const acr = assumedComparatorRisk;
  const rd = (o: number): number => (o * acr) / (1 - acr + o * acr) - acr;
  return derived(fromRd(rd(or), rd(ciLower), rd(ciUpper), outcome), {
    method: 'nnt-from-or',
    inputs: { oddsRatio: or, ciLower, ciUpper, assumedComparatorRisk, outcome },
    formula: 'NNT = 1/|ACR − OR·ACR/(1 − ACR + OR·ACR)|',
    reference: 'Cochrane Handbook v6 §15.4.4',
  });
}
