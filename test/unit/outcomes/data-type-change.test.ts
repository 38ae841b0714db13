import { describe, expect, it } from 'vitest';
import {
  dataTypeChange,
  defaultOutcomeSettings,
  settingsForDataType,
  type DataTypeChangeRequest,
} from '../../../shared/src/outcomes/index.ts';

// The one rule for changing an outcome's data type (renderer and handler alike): free without
// rows, only by clearing them otherwise, never for a derived outcome; what belongs to the
// data type starts afresh, the rest of the settings stays.

const entered = (over: Partial<DataTypeChangeRequest> = {}): DataTypeChangeRequest => ({
  number: '1.2',
  dataType: 'dichotomous',
  source: { kind: 'entered' },
  settings: {
    ...defaultOutcomeSettings('dichotomous'),
    effectMeasure: 'OR',
    swapEvents: true,
    model: 'random',
    ciStudy: 90,
    sortBy: 'YEAR',
  },
  storedRows: 0,
  to: 'generic',
  clearRows: false,
  ...over,
});

describe('changing an outcome’s data type', () => {
  it('is allowed without rows; the type’s own settings start as RevMan starts them, the others stay', () => {
    const change = dataTypeChange(entered());
    expect(change).toEqual({
      kind: 'allowed',
      clears: 0,
      settings: { ...entered().settings, effectMeasure: null, method: 'IV', swapEvents: false, logData: false },
    });
    expect(settingsForDataType(entered().settings, 'continuous')).toMatchObject({
      effectMeasure: 'MD',
      method: 'IV',
      model: 'random',
      ciStudy: 90,
      sortBy: 'YEAR',
    });
  });

  it('needs the rows cleared when there are any, and then says how many go', () => {
    expect(dataTypeChange(entered({ storedRows: 1 }))).toEqual({
      kind: 'needs-clearing',
      rows: 1,
      message:
        'Outcome 1.2 has one data row of dichotomous data, which means nothing as generic inverse variance data: changing its data type deletes it.',
    });
    expect(dataTypeChange(entered({ storedRows: 4, to: 'oe-variance' }))).toMatchObject({
      kind: 'needs-clearing',
      message: expect.stringContaining('has 4 data rows of dichotomous data, which mean nothing as O − E and variance data'),
    });
    expect(dataTypeChange(entered({ storedRows: 4, clearRows: true }))).toMatchObject({ kind: 'allowed', clears: 4 });
  });

  it('is no change to the same type, and refused for a derived outcome whatever is asked', () => {
    expect(dataTypeChange(entered({ to: 'dichotomous', storedRows: 3 }))).toEqual({ kind: 'unchanged' });
    const planned = entered({
      source: { kind: 'planned', plannedOutcomeId: 'o', categoryId: 'c', followsConventions: true },
      clearRows: true,
    });
    expect(dataTypeChange(planned)).toMatchObject({ kind: 'refused', message: expect.stringContaining('planned outcome’s') });
  });
});
