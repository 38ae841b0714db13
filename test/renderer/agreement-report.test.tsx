import './jsdom-shims.ts';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { fleissIds, fleissReview } from './support/fleiss-review.ts';
import type { RealBackend } from './support/real-backend.ts';
import { addReviewer, judgedAll, judgeRob1 } from './support/seed.ts';

// The Reports stage's agreement report: for a double risk-of-bias assessment, % agreement,
// Cohen's κ with its CI and PABAK per row; stages without two reviewers are named.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});
beforeEach(() => window.localStorage.clear());

describe('Reports: agreement', () => {
  it('reports the second risk-of-bias reviewer’s agreement with κ, its CI and PABAK, and names the stage without two reviewers', async () => {
    const api = (open = await fleissReview());
    const { client } = api;
    await addReviewer(client, 'Naomi Lyons', 'NL');
    const B = await addReviewer(client, 'Claire Cooper', 'CC');
    const [s1, s2] = [fleissIds('Davis').study, fleissIds('Florell').study];
    const first = judgedAll('low');
    first.sequenceGeneration = { level: 'study', judgement: 'high', support: '' };
    await judgeRob1(client, s1, first);
    for (const label of ['Florell', 'Gruen', 'Hart', 'Wilson'] as const) await judgeRob1(client, fleissIds(label).study, judgedAll('low'));
    // The second reviewer: agrees on the high sequence generation, judges allocation
    // concealment high in one study and two domains unclear in the other.
    const one = judgedAll('low');
    one.sequenceGeneration = { level: 'study', judgement: 'high', support: '' };
    one.allocationConcealment = { level: 'study', judgement: 'high', support: '' };
    const two = judgedAll('low');
    two.allocationConcealment = { level: 'study', judgement: 'unclear', support: '' };
    two.selectiveReporting = { level: 'study', judgement: 'unclear', support: '' };
    await judgeRob1(client, s1, one, B.id);
    await judgeRob1(client, s2, two, B.id);
    await client.call('settings.update', { patch: { robSecond: B.id } });
    const user = userEvent.setup();
    render(<App client={client} initialStage="reports" />);
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
