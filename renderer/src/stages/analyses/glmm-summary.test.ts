import { describe, expect, it } from 'vitest';
import type { GlmmResult } from '@grove/shared/stats/index';
import { glmmSummary } from './glmm-summary.ts';

const base: GlmmResult = {
  model: 'UM.FS',
  method: 'ML',
  quadraturePoints: 7,
  k: 17,
  estimate: 0.2904,
  ciLower: 0.1538,
  ciUpper: 0.5483,
  se: 0.3243,
  z: -3.81,
  p: 0.000139,
  tau2: 0.3195,
};

describe('glmmSummary', () => {
  it('says how the model was fitted, with τ² for random effects only', () => {
    expect(glmmSummary(base)).toBe('Odds ratio 0.29 [0.15, 0.55], P = 0.0001 (random effects, adaptive quadrature with 7 points; 17 studies; τ² = 0.320).');
    expect(glmmSummary({ ...base, quadraturePoints: 1 })).toContain('random effects, Laplace approximation');
    expect(glmmSummary({ ...base, method: 'FE', quadraturePoints: null, tau2: 0, k: 1 })).toMatch(/\(fixed effect \(logistic regression\); 1 study\)\.$/);
  });
});
