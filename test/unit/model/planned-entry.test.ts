import { describe, expect, it } from 'vitest';
import {
  dataTypeMismatch,
  newStudyOutcomeFields,
  plannedOutcomeDefaults,
  protocolArms,
  randomisedAfterResult,
  timepointInCategory,
  usualTimepoint,
  type MeasuredOutcome,
  type TimepointCategory,
} from '@grove/shared';

// The rules of one-step entry (shared/src/model/planned-entry.ts).

const protocol = {
  plannedOutcomes: [
    { id: 'dep', domainId: 'd', name: 'Depression', description: '' },
    { id: 'hope', domainId: 'd', name: 'Hope', description: '' },
    { id: 'adm', domainId: 'd', name: 'Hospital admissions', description: '' },
  ],
};
const m = (studyId: string, outcomeId: string, direction: MeasuredOutcome['direction'], dataType: MeasuredOutcome['dataType']) => ({
  studyId,
  outcomeId,
  direction,
  dataType,
});

describe('plannedOutcomeDefaults', () => {
  it('takes the majority direction and data type of the studies that measured the outcome, one vote per study', () => {
    const measured = [
      m('s1', 'dep', 'lower-better', 'continuous'),
      m('s1', 'dep', 'higher-better', 'dichotomous'), // s1's second measure does not vote
      m('s2', 'dep', 'lower-better', 'continuous'),
      m('s3', 'dep', 'higher-better', 'continuous'),
      m('s1', 'adm', 'lower-better', 'dichotomous'),
    ];
    expect(plannedOutcomeDefaults(protocol, measured)).toEqual([
      { outcomeId: 'dep', direction: 'lower-better', directionFrom: 'studies', scale: null, dataType: 'continuous', studies: 3 },
      { outcomeId: 'hope', direction: null, directionFrom: null, scale: null, dataType: null, studies: 0 },
      { outcomeId: 'adm', direction: 'lower-better', directionFrom: 'studies', scale: null, dataType: 'dichotomous', studies: 1 },
    ]);
  });

  it('breaks a tie by the first study’s direction and by continuous, and leaves out the study being entered', () => {
    const measured = [m('s1', 'dep', 'lower-better', 'dichotomous'), m('s2', 'dep', 'higher-better', 'continuous')];
    expect(plannedOutcomeDefaults(protocol, measured)[0]).toMatchObject({ direction: 'lower-better', dataType: 'continuous' });
    expect(plannedOutcomeDefaults(protocol, measured, 's1')[0]).toMatchObject({
      direction: 'higher-better',
      dataType: 'continuous',
      studies: 1,
    });
  });

  it('before any study measured an outcome, takes the direction of its first scale in the protocol', () => {
    const scales = [
      { outcomeId: 'adm', name: 'Admissions per year', direction: 'lower-better' as const },
      { outcomeId: 'adm', name: 'Bed days', direction: 'higher-better' as const },
      { outcomeId: 'dep', name: 'HADS-D', direction: 'higher-better' as const },
    ];
    const measured = [m('s1', 'dep', 'lower-better', 'continuous')];
    const [dep, hope, adm] = plannedOutcomeDefaults(protocol, measured, null, scales);
    // Studies outrank the protocol's scale once there are any.
    expect(dep).toMatchObject({ direction: 'lower-better', directionFrom: 'studies', scale: 'HADS-D' });
    expect(hope).toMatchObject({ direction: null, directionFrom: null, scale: null });
    expect(adm).toMatchObject({ direction: 'lower-better', directionFrom: 'scale', scale: 'Admissions per year', studies: 0 });
    // A new study's row for it starts on that scale, lower is better.
    expect(newStudyOutcomeFields(protocol.plannedOutcomes[2]!, adm)).toMatchObject({
      measure: 'Admissions per year',
      direction: 'lower-better',
    });
  });
});

describe('newStudyOutcomeFields', () => {
  it('never defaults to higher is better for an outcome the review has as lower is better', () => {
    const defaults = {
      outcomeId: 'dep',
      direction: 'lower-better' as const,
      directionFrom: 'studies' as const,
      scale: null,
      dataType: 'continuous' as const,
      studies: 2,
    };
    expect(newStudyOutcomeFields(protocol.plannedOutcomes[0]!, defaults)).toEqual({
      outcomeId: 'dep',
      measure: 'Depression',
      direction: 'lower-better',
      dataType: 'continuous',
      notes: '',
    });
    expect(newStudyOutcomeFields(protocol.plannedOutcomes[0]!, defaults, { measure: ' BDI-II ', dataType: 'dichotomous' })).toMatchObject({
      measure: 'BDI-II',
      direction: 'lower-better',
      dataType: 'dichotomous',
    });
  });
});

describe('dataTypeMismatch', () => {
  const continuous = {
    outcomeId: 'dep',
    direction: 'lower-better' as const,
    directionFrom: 'studies' as const,
    scale: null,
    dataType: 'continuous' as const,
    studies: 3,
  };
  it('warns when dichotomous data go to a continuous outcome and the other way round', () => {
    expect(dataTypeMismatch('Depression', continuous, 'dichotomous')).toBe(
      'Depression is continuous in this review (3 studies); dichotomous data here would be left out of its analysis.',
    );
    expect(dataTypeMismatch('Admissions', { ...continuous, dataType: 'dichotomous', studies: 1 }, 'continuous')).toContain(
      'dichotomous in this review (1 study)',
    );
  });
  it('says nothing when the types agree, for contrast data, or before any study measured the outcome', () => {
    expect(dataTypeMismatch('Depression', continuous, 'continuous')).toBeNull();
    expect(dataTypeMismatch('Depression', continuous, 'contrast')).toBeNull();
    expect(dataTypeMismatch('Hope', { ...continuous, dataType: null, studies: 0 }, 'dichotomous')).toBeNull();
  });
});

describe('usual timepoint', () => {
  const cat = (id: string, min: number | null, max: number | null): TimepointCategory => ({
    id,
    name: id,
    definition: '',
    afterWeeksMin: min,
    afterWeeksMax: max,
    selection: 'longest',
  });
  it('is the first category, at weeks inside its bounds', () => {
    expect(usualTimepoint([cat('Post', null, 0), cat('Short', 0, 52)])).toEqual({
      categoryId: 'Post',
      label: 'Post',
      weeksAfterTreatment: 0,
    });
    expect(usualTimepoint([cat('Long', 52, null)])).toEqual({ categoryId: 'Long', label: 'Long', weeksAfterTreatment: 53 });
    expect(usualTimepoint([])).toBeNull();
  });
  it('finds the study’s earliest timepoint in that category', () => {
    const cats = [cat('Post', null, 0), cat('Short', 0, 52)];
    const tps = [
      { id: 'a', weeksAfterTreatment: 26, categoryOverride: null },
      { id: 'b', weeksAfterTreatment: 12, categoryOverride: null },
      { id: 'c', weeksAfterTreatment: 0, categoryOverride: null },
    ];
    expect(timepointInCategory(tps, cats, 'Short')?.id).toBe('b');
    expect(timepointInCategory(tps, cats, 'Post')?.id).toBe('c');
    expect(timepointInCategory(tps.slice(0, 2), cats, 'Post')).toBeNull();
  });
});

describe('arms', () => {
  it('are named by a short intervention and comparator, else Intervention and Control', () => {
    expect(protocolArms({ intervention: 'Peer support', comparator: 'Treatment as usual' })).toEqual([
      { label: 'Peer support', role: 'intervention' },
      { label: 'Treatment as usual', role: 'control' },
    ]);
    expect(protocolArms({ intervention: 'x'.repeat(61), comparator: '' }).map((a) => a.label)).toEqual(['Intervention', 'Control']);
  });
  it('fill an empty N randomised from the result’s N, and never overwrite one', () => {
    expect(randomisedAfterResult(null, 40)).toBe(40);
    expect(randomisedAfterResult(52, 40)).toBe(52);
    expect(randomisedAfterResult(null, null)).toBeNull();
    expect(randomisedAfterResult(null, 0)).toBeNull();
  });
});
