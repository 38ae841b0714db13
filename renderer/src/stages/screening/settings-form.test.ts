import { describe, expect, it } from 'vitest';
import type { ScreeningSettings } from '@grove/shared';
import { draftOf, patchOf, type SettingsDraft } from './settings-form.ts';

const stored: ScreeningSettings = {
  stages: {
    'title-abstract': { mode: 'dual', sample: { kind: 'first-percent', percent: 10 } },
    'full-text': { mode: 'dual', sample: { kind: 'included-plus-excluded-fraction', fraction: 0.1, seed: 7 } },
  },
  highlight: { include: ['peer support', 'random*'], exclude: ['rats'] },
  exclusionReasons: [
    { id: 'r1', label: 'Wrong population', count: 3 },
    { id: 'r2', label: 'Not randomised', count: 0 },
  ],
  stoppingRule: { kind: 'buffer', buffer: 100 },
};

describe('the screening settings form', () => {
  it('sends back what it was given unchanged (percent as typed, fraction as stored)', () => {
    const r = patchOf(draftOf(stored));
    expect(r).toEqual({
      ok: true,
      patch: {
        stages: stored.stages,
        highlight: stored.highlight,
        exclusionReasons: [
          { id: 'r1', label: 'Wrong population' },
          { id: 'r2', label: 'Not randomised' },
        ],
      },
    });
  });

  it('turns a typed percent into the sample’s fraction, and a new reason has no id', () => {
    const d = draftOf(stored);
    const edited: SettingsDraft = {
      ...d,
      stages: { ...d.stages, 'title-abstract': { mode: 'dual', sample: 'random-fraction', percent: '12,5', seed: '42' } },
      include: 'peer support\n\n peer support \nmentor*',
      reasons: [...d.reasons, { label: ' Wrong outcome ' }],
    };
    const r = patchOf(edited);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.patch.stages?.['title-abstract']).toEqual({ mode: 'dual', sample: { kind: 'random-fraction', fraction: 0.125, seed: 42 } });
    expect(r.patch.highlight?.include).toEqual(['peer support', 'mentor*']);
    expect(r.patch.exclusionReasons?.[2]).toEqual({ label: 'Wrong outcome' });
  });

  it('names the field that is wrong and sends nothing', () => {
    const d = draftOf(stored);
    const bad: SettingsDraft = {
      ...d,
      stages: {
        'title-abstract': { mode: 'dual', sample: 'first-percent', percent: '0', seed: '1' },
        'full-text': { mode: 'dual', sample: 'random-fraction', percent: '10', seed: '-3' },
      },
      reasons: [{ id: 'r1', label: '  ' }, { id: 'r2', label: 'Not randomised' }, { label: 'not randomised' }],
    };
    const r = patchOf(bad);
    expect(r).toEqual({
      ok: false,
      problems: {
        'title-abstract.percent': 'a percentage more than 0 and at most 100',
        'full-text.seed': 'a whole number from 0 to 2147483647',
        'reasons.0': 'a reason needs a label (or remove it)',
        'reasons.2': 'the same as reason 2',
      },
    });
  });

  it('single screening needs no sample', () => {
    const d = draftOf(stored);
    const r = patchOf({ ...d, stages: { ...d.stages, 'full-text': { ...d.stages['full-text'], mode: 'single', percent: 'x' } } });
    expect(r.ok && r.patch.stages?.['full-text']).toEqual({ mode: 'single' });
  });
});
