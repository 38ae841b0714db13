import './jsdom-shims.ts';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reviewer } from '@grove/shared';
import { emptyRob1Assessment, type Rob1Assessment } from '@grove/shared/rob/index';
import { App } from '../../renderer/src/App.tsx';
import { fleissInit } from './analyses-data.ts';
import { createFakeApi } from './fake-api.ts';

// The Reports stage's agreement report: for a double risk-of-bias assessment, % agreement,
// Cohen's κ with its CI and PABAK per row; stages without two reviewers are named.

afterEach(() => cleanup());
beforeEach(() => window.localStorage.clear());

const A: Reviewer = { id: 'rev-a', name: 'Naomi Lyons', initials: 'NL', email: '', createdAt: '2024-01-01T00:00:00.000Z' };
const B: Reviewer = { id: 'rev-b', name: 'Claire Cooper', initials: 'CC', email: '', createdAt: '2024-01-01T00:00:00.000Z' };

function judged(j: 'low' | 'high' | 'unclear'): Rob1Assessment {
  const a = emptyRob1Assessment();
  for (const k of Object.keys(a) as (keyof Rob1Assessment)[]) a[k] = { level: 'study', judgement: j, support: '' };
  return a;
}

describe('Reports: agreement', () => {
  it('reports the second risk-of-bias reviewer’s agreement with κ, its CI and PABAK, and names the stage without two reviewers', async () => {
    const init = fleissInit();
    const api = createFakeApi({ ...init, reviewers: [A, B] });
    const [s1, s2] = api.state.studies;
    for (const s of api.state.studies) api.state.rob[s.id] = judged('low');
    api.state.rob[s1!.id]!.sequenceGeneration = { level: 'study', judgement: 'high', support: '' };
    // The second reviewer: agrees on the high sequence generation, judges allocation
    // concealment high in one study and two domains unclear in the other.
    const one = judged('low');
    one.sequenceGeneration = { level: 'study', judgement: 'high', support: '' };
    one.allocationConcealment = { level: 'study', judgement: 'high', support: '' };
    const two = judged('low');
    two.allocationConcealment = { level: 'study', judgement: 'unclear', support: '' };
    two.selectiveReporting = { level: 'study', judgement: 'unclear', support: '' };
    api.state.robSlots[B.id] = { [s1!.id]: one, [s2!.id]: two };
    api.state.settings.robSecond = B.id;
    const user = userEvent.setup();
    render(<App client={api.client} initialStage="reports" />);
    await user.click(await screen.findByRole('tab', { name: 'Agreement' }));
    const preview = await screen.findByRole('region', { name: 'Agreement between reviewers, print preview' });
    const table = within(preview).getByRole('table');
    expect(within(table).getByText(/^Risk of bias \(RoB 1\): the main judgements and Claire Cooper/)).toBeTruthy();
    // 14 domain judgements, 11 agree: first (low, unclear, high) × second is
    // [[10, 2, 1], [0, 0, 0], [0, 0, 1]]. Base R (the FCE formula, as in
    // test/stats/fixtures/kappa-reference.R): κ 0.34375, SE 0.2560252, 95% CI −0.1580501 to
    // 0.8455501; PABAK (3·11/14 − 1)/2 = 0.6785714.
    const all = within(table).getByRole('row', { name: /^All domain judgements/ });
    expect(all.textContent).toBe('All domain judgements1411 of 14 (78.6%)0.34 (95% CI -0.16 to 0.85)0.68');
    expect(screen.getByText('Dual extraction is not set up (Studies & data: two extractors).')).toBeTruthy();
  });
});
