import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractionForm, Reviewer } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import type { StageId } from '../../renderer/src/stages/stages.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addReviewer, addStudy, judgedAll, judgeRob1 } from './support/seed.ts';

// Dual extraction (Compare view, consensus with who decided) and the second reviewer of
// risk of bias (sample, disagreements, % agreement and Cohen's κ).

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});
beforeEach(() => window.localStorage.clear());

function renderApp(api: RealBackend, stage: StageId) {
  api.forget();
  const user = userEvent.setup();
  render(<App client={api.client} initialStage={stage} />);
  return { user };
}

const FORM: ExtractionForm = {
  sections: [{ id: 'sec-p', title: 'Participants', description: '' }],
  fields: [
    { id: 'f-n', sectionId: 'sec-p', label: 'Randomised', type: 'integer', unit: '', options: [], help: '' },
    { id: 'f-country', sectionId: 'sec-p', label: 'Country', type: 'text', unit: '', options: [], help: '' },
    { id: 'f-age', sectionId: 'sec-p', label: 'Mean age', type: 'number', unit: 'years', options: [], help: '' },
  ],
};

/** Two reviewers with people in the file; `me` is the one this session works as. */
async function twoReviewers(api: RealBackend, me: 'A' | 'B') {
  const A = await addReviewer(api.client, 'Naomi Lyons', 'NL');
  const B = await addReviewer(api.client, 'Claire Cooper', 'CC');
  await api.client.call('session.setReviewer', { reviewerId: (me === 'A' ? A : B).id });
  return { A, B };
}

/**
 * Cook 2012a extracted by both reviewers into their own slots: they disagree on the number
 * randomised, agree on the country, and only A gave the mean age.
 */
async function dualReview(me: 'A' | 'B') {
  const api = (open = realBackend('empty'));
  const { client } = api;
  const { A, B } = await twoReviewers(api, me);
  const study = await addStudy(client, 'Cook 2012a');
  await client.call('form.update', { form: FORM });
  const value = (fieldId: string, reviewer: Reviewer, v: string | number) =>
    client.call('characteristics.set', { studyId: study.id, fieldId, slot: reviewer.id, content: { status: 'value', value: v } });
  await value('f-n', A, 428);
  await value('f-n', B, 482);
  await value('f-country', A, 'USA');
  await value('f-country', B, 'USA');
  await value('f-age', A, 41.2);
  await client.call('settings.update', { patch: { dualExtraction: true, extractionFirst: A.id, extractionSecond: B.id } });
  const values = () => api.elsewhere.call('characteristics.list', { studyId: study.id });
  return { api, A, B, values };
}

describe('Dual extraction', () => {
  it('lets reviewer A extract into their own slot', async () => {
    const { api, A, values } = await dualReview('A');
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Characteristics' }));
    expect(await screen.findByText(/You are extracting as/)).toBeTruthy();
    const input = (await screen.findByLabelText('Randomised')) as HTMLInputElement;
    // A sees their own value, not B's.
    expect(input.value).toBe('428');
    await user.clear(input);
    await user.type(input, '430');
    await user.tab();
    await waitFor(() => expect(api.callsTo('characteristics.set').at(-1)).toMatchObject({ slot: A.id, content: { value: 430 } }));
    expect((await values()).find((c) => c.fieldId === 'f-n' && c.slot === 'final')).toBeUndefined();
  });

  it('compares field by field, moves between disagreements with J/K and records the consensus with who decided', async () => {
    const { api, A, B, values } = await dualReview('B');
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Characteristics' }));
    await user.click(await screen.findByRole('button', { name: 'Compare A and B' }));
    const table = await screen.findByRole('table', { name: /Naomi Lyons \(A\) and Claire Cooper \(B\) compared/ });
    expect(screen.getByText(/disagreement to resolve/).textContent).toContain('1');
    const disagree = within(table).getByRole('row', { name: /^Randomised: Disagree\. A 428, B 482/ });
    expect(disagree.className).toContain('compare__row--disagree');
    expect(within(table).getByRole('row', { name: /^Country: Agree/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /^Mean age: Only one extracted/ })).toBeTruthy();

    // J goes to the first open row (from anywhere, here the view switch), then the next; K goes back.
    await user.keyboard('j');
    expect(document.activeElement).toBe(disagree);
    await user.keyboard('j');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Mean age/);
    await user.keyboard('k');
    expect(document.activeElement).toBe(disagree);

    // B on the focused row takes reviewer B's value as the consensus.
    await user.keyboard('b');
    await waitFor(async () =>
      expect((await values()).find((c) => c.fieldId === 'f-n' && c.slot === 'final')).toMatchObject({
        content: { status: 'value', value: 482 },
        decidedBy: B.id,
      }),
    );
    expect(api.callsTo('characteristics.set').at(-1)).not.toHaveProperty('slot');
    const resolved = await within(table).findByRole('row', { name: /^Randomised: Resolved\. .*consensus 482/ });
    expect(within(resolved).getByText('decided by Claire Cooper')).toBeTruthy();
    // The reviewers' own extractions are kept.
    expect((await values()).find((c) => c.fieldId === 'f-n' && c.slot === A.id)?.content).toEqual({ status: 'value', value: 428 });

    // Another value typed as the consensus, checked like any entry.
    await user.click(within(table).getByRole('button', { name: 'Type another consensus value for Mean age' }));
    const other = screen.getByLabelText('Consensus value for Mean age');
    await user.type(other, 'forty{Enter}');
    expect(await screen.findByText('"forty" is not a number')).toBeTruthy();
    await user.clear(other);
    await user.type(other, '41.5{Enter}');
    await waitFor(async () =>
      expect((await values()).find((c) => c.fieldId === 'f-age' && c.slot === 'final')?.content).toEqual({
        status: 'value',
        value: 41.5,
      }),
    );
  });
});

describe('Risk of bias: second reviewer', () => {
  const LABELS = ['Cook 2012a', 'Eisen 2012', 'Gillard 2013', 'Shaw 2014'];

  it('shows the sample, a disagreement with both judgements, resolves it, and reports % agreement and κ', async () => {
    const api = (open = realBackend('empty'));
    const { B } = await twoReviewers(api, 'B');
    for (const label of LABELS) await judgeRob1(api.client, (await addStudy(api.client, label)).id, judgedAll('low'));
    await api.client.call('settings.update', { patch: { robSecond: B.id } });
    const finalJudgements = async (label: string) => (await api.elsewhere.call('rob.list', {})).find((r) => r.label === label)?.assessment;
    const { user } = renderApp(api, 'risk-of-bias');
    const section = await screen.findByRole('region', { name: 'Second reviewer' });
    const sample = await within(section).findByRole('list', { name: 'Studies in the sample' });
    // 10% of 4 studies: one study, drawn with the seed.
    expect(within(sample).getAllByRole('listitem')).toHaveLength(1);
    const sampled = within(sample)
      .getByRole('listitem')
      .textContent!.replace(/ \(.*$/, '');
    expect(within(section).getByTestId('agreement').textContent).toContain('No domain judgements judged by both reviewers yet.');

    // The second reviewer judges in their own slot with the same grid: all low first.
    const grid = within(section).getByRole('grid', { name: 'Claire Cooper’s judgements of the sampled studies' });
    expect(within(grid).getAllByRole('row')).toHaveLength(2);
    act(() =>
      within(grid)
        .getByRole('gridcell', { name: `${sampled}, Sequence generation: not judged` })
        .focus(),
    );
    await user.keyboard('l');
    for (let i = 0; i < 6; i++) await user.keyboard('{ArrowRight}l');
    await waitFor(() => expect(api.callsTo('rob.setDomain')).toHaveLength(7));
    expect(api.callsTo('rob.setDomain').every((c) => (c as { slot?: string }).slot === B.id)).toBe(true);
    // Everything low on both sides: 100% agreement, and κ undefined (one category only).
    await waitFor(() =>
      expect(within(section).getByTestId('agreement').textContent).toContain('100.0% agreement (7 of 7 domain judgements)'),
    );
    expect(within(section).getByTestId('agreement').textContent).toContain('κ is undefined when only one category was used');

    // One domain judged high: a disagreement with both judgements, 6 of 7, κ = 0.00.
    await user.keyboard('{Home}h');
    const disagreements = await within(section).findByRole('table', { name: 'Disagreements' });
    const row = within(disagreements).getByRole('row', { name: /Sequence generation/ });
    // First (main judgements): low; second: high; the review's judgement is still low.
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Sequence generation', 'Low risk', 'High risk', 'Low risk', 'Use firstUse second']);
    const report = within(section).getByTestId('agreement');
    expect(report.textContent).toContain('85.7% agreement (6 of 7 domain judgements); Cohen’s κ = 0.00');
    // The second reviewer's slot is theirs: the review's judgements are unchanged.
    expect((await finalJudgements(sampled))?.sequenceGeneration.judgement).toBe('low');

    // Resolve into the final slot with the second reviewer's judgement.
    await user.click(within(row).getByRole('button', { name: /Use second/ }));
    await waitFor(async () => expect((await finalJudgements(sampled))?.sequenceGeneration.judgement).toBe('high'));
  });
});
