import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractionForm, Reviewer } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import type { StageId } from '../../renderer/src/stages/stages.ts';
import type { AppStore } from '../../renderer/src/store/app.ts';
import { createFakeApi, makeStudy, type FakeApi } from './fake-api.ts';

// Dual extraction and the second RoB assessor are review settings in the file
// (settings.get / settings.update), not browser storage; undo reverts them.

afterEach(() => cleanup());
beforeEach(() => window.localStorage.clear());

const A: Reviewer = { id: 'rev-a', name: 'Naomi Lyons', initials: 'NL', email: '', createdAt: '2024-01-01T00:00:00.000Z' };
const B: Reviewer = { id: 'rev-b', name: 'Claire Cooper', initials: 'CC', email: '', createdAt: '2024-01-01T00:00:00.000Z' };

const FORM: ExtractionForm = {
  sections: [{ id: 'sec-p', title: 'Participants', description: '' }],
  fields: [{ id: 'f-n', sectionId: 'sec-p', label: 'Randomised', type: 'integer', unit: '', options: [], help: '' }],
};

function renderApp(api: FakeApi, stage: StageId) {
  const user = userEvent.setup();
  let store: AppStore | null = null;
  render(<App client={api.client} initialStage={stage} onStore={(s) => (store = s)} />);
  return { user, store: () => store! };
}

describe('Review settings instead of localStorage', () => {
  it('saves dual extraction and reviewers A/B with settings.update, and undo reverts them', async () => {
    const study = makeStudy('Cook 2012a');
    const api = createFakeApi({ studies: [study], reviewers: [A, B], form: FORM });
    api.state.reviewerId = A.id;
    const { user, store } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Characteristics' }));
    const bar = await screen.findByRole('region', { name: 'Dual extraction' });
    await user.click(within(bar).getByRole('checkbox', { name: /Dual extraction/ }));
    await waitFor(() => expect(api.state.settings.dualExtraction).toBe(true));
    await user.selectOptions(within(bar).getByLabelText('Reviewer A'), A.id);
    await user.selectOptions(within(bar).getByLabelText('Reviewer B'), B.id);
    await waitFor(() => expect(api.state.settings).toMatchObject({ extractionFirst: A.id, extractionSecond: B.id }));
    expect(api.callsTo('settings.update')).toEqual([
      { patch: { dualExtraction: true } },
      { patch: { extractionFirst: A.id } },
      { patch: { extractionSecond: B.id } },
    ]);
    expect(window.localStorage.length).toBe(0);
    expect(within(bar).getByRole('status').textContent).toContain('You extract as reviewer A');

    await store().getState().undo();
    await waitFor(() => expect((within(bar).getByLabelText('Reviewer B') as HTMLSelectElement).value).toBe(''));
    expect(api.state.settings.extractionSecond).toBeNull();
    expect(within(bar).getByRole('status').textContent).toContain('Choose two different reviewers');
  });

  it('reads the settings from the file when the review opens', async () => {
    const api = createFakeApi({
      studies: [makeStudy('Cook 2012a')],
      reviewers: [A, B],
      form: FORM,
      settings: { dualExtraction: true, extractionFirst: A.id, extractionSecond: B.id },
    });
    api.state.reviewerId = B.id;
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Characteristics' }));
    const bar = await screen.findByRole('region', { name: 'Dual extraction' });
    await waitFor(() => expect(within(bar).getByRole('checkbox', { name: /Dual extraction/ })).toHaveProperty('checked', true));
    expect(within(bar).getByRole('status').textContent).toContain('You extract as reviewer B');
  });

  it('keeps the second RoB assessor in the file', async () => {
    const studies = ['Cook 2012a', 'Eisen 2012'].map((l) => makeStudy(l));
    const api = createFakeApi({ studies, reviewers: [A, B] });
    const { user, store } = renderApp(api, 'risk-of-bias');
    const section = await screen.findByRole('region', { name: 'Second reviewer' });
    const second = within(section).getAllByRole('combobox').at(-1)!;
    await user.selectOptions(second, B.id);
    await waitFor(() => expect(api.state.settings.robSecond).toBe(B.id));
    expect(api.state.settings.robFirst).toBeNull();
    await store().getState().undo();
    await waitFor(() => expect(api.state.settings.robSecond).toBeNull());
    await waitFor(() => expect((within(section).getAllByRole('combobox').at(-1) as HTMLSelectElement).value).toBe(''));
  });
});
