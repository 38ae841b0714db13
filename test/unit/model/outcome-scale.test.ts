import { describe, expect, it } from 'vitest';
import { matchScale, measureBasis, scaleKey, scalesFromMeasures } from '@grove/shared';

// Issue 12 item 2: a study's measure is one of its outcome's scales; a new spelling is
// proposed as a match or confirmed as new, and the analysis says which scales decided MD vs SMD.

const scales = [
  { id: 's1', name: 'Medical utilisation' },
  { id: 's2', name: 'Beck Depression Inventory' },
  { id: 's3', name: 'HADS' },
];

describe('matching a typed measure to an outcome’s scales', () => {
  it('takes a different case or surrounding spaces as the same scale (the analyses’ own rule)', () => {
    expect(matchScale('  medical UTILISATION ', scales)).toEqual({ kind: 'same', scale: scales[0] });
    expect(scaleKey(' HADS ')).toBe(scaleKey('hads'));
  });

  it('proposes the scale a new spelling probably means, saying why', () => {
    const visits = matchScale('Medical utilisation (visits)', scales);
    expect(visits).toMatchObject({ kind: 'similar', scale: scales[0] });
    expect(matchScale('Medical utilisation, visits', scales)).toMatchObject({ kind: 'similar', scale: scales[0] });
    const typo = matchScale('Beck Depresion Inventory', scales);
    expect(typo).toMatchObject({ kind: 'similar', scale: scales[1], reason: 'a spelling 1 letter apart' });
    expect(matchScale('Medical utilization', scales)).toMatchObject({ kind: 'similar', scale: scales[0] });
  });

  it('calls a genuinely different scale new, and never matches short names loosely', () => {
    expect(matchScale('Hamilton Depression Rating Scale', scales)).toEqual({ kind: 'new' });
    expect(matchScale('PHQ-9', scales)).toEqual({ kind: 'new' });
    expect(matchScale('HAD', scales)).toEqual({ kind: 'new' });
    expect(matchScale('()', scales)).toEqual({ kind: 'new' });
    expect(matchScale('Anything', [])).toEqual({ kind: 'new' });
  });
});

describe('the scales of files written before scales were kept', () => {
  it('makes one scale per spelling key and outcome, named as first written, with the majority direction', () => {
    expect(
      scalesFromMeasures([
        { outcomeId: 'o1', measure: 'Medical utilisation ', direction: 'lower-better' },
        { outcomeId: 'o1', measure: 'medical utilisation', direction: 'lower-better' },
        { outcomeId: 'o1', measure: 'MEDICAL UTILISATION', direction: 'higher-better' },
        { outcomeId: 'o2', measure: 'Medical utilisation', direction: 'higher-better' },
        { outcomeId: 'o1', measure: 'Visits', direction: 'higher-better' },
      ]),
    ).toEqual([
      { outcomeId: 'o1', name: 'Medical utilisation', direction: 'lower-better' },
      { outcomeId: 'o2', name: 'Medical utilisation', direction: 'higher-better' },
      { outcomeId: 'o1', name: 'Visits', direction: 'higher-better' },
    ]);
  });
});

describe('which scales decide MD vs SMD', () => {
  it('is MD when every study uses one scale, SMD naming each scale and its studies otherwise', () => {
    expect(
      measureBasis([
        { label: 'Davis', measure: 'Medical utilisation' },
        { label: 'Hart', measure: 'medical utilisation' },
      ]),
    ).toEqual({
      measure: 'MD',
      scales: [{ name: 'Medical utilisation', studies: ['Davis', 'Hart'] }],
      text: 'MD because all 2 studies use one scale: Medical utilisation',
    });
    const smd = measureBasis([
      { label: 'A', measure: 'X' },
      { label: 'B', measure: 'x' },
      { label: 'C', measure: 'Y' },
    ]);
    expect(smd.measure).toBe('SMD');
    expect(smd.text).toBe('SMD because studies use 2 scales: X (A, B), Y (C)');
    expect(measureBasis([{ label: 'A', measure: 'X' }]).text).toBe('MD because the only study uses one scale: X');
  });
});
