import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractionForm } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import type { StageId } from '../../renderer/src/stages/stages.ts';
import type { AppStore } from '../../renderer/src/store/app.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addReviewer, addStudy, signInAs } from './support/seed.ts';

// Dual extraction and the second RoB assessor are review settings in the file
// (settings.get / settings.update), not browser storage; undo reverts them.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});
beforeEach(() => window.localStorage.clear());

const FORM: ExtractionForm = {
  sections: [{ id: 'sec-p', title: 'Participants', description: '' }],
  fields: [{ id: 'f-n', sectionId: 'sec-p', label: 'Randomised', type: 'integer', unit: '', options: [], help: '' }],
};

/** A review with two reviewers, Naomi Lyons (A) and Claire Cooper (B), the studies named and the form above. */
async function review(studies: string[], me: 'A' | 'B' = 'A') {
  open = realBackend('empty');
  const { client } = open;
  const A = me === 'A' ? await signInAs(client, 'Naomi Lyons', 'NL') : await addReviewer(client, 'Naomi Lyons', 'NL');
  const B = me === 'B' ? await signInAs(client, 'Claire Cooper', 'CC') : await addReviewer(client, 'Claire Cooper', 'CC');
  for (const label of studies) await addStudy(client, label);
  await client.call('form.update', { form: FORM });
  return { api: open, A, B, settings: () => open!.elsewhere.call('settings.get', {}) };
}

function renderApp(api: RealBackend, stage: StageId) {
  api.forget();
  const user = userEvent.setup();
  let store: AppStore | null = null;
  render(<App client={api.client} initialStage={stage} onStore={(s) => (store = s)} />);
  return { user, store: () => store! };
}

describe('Review settings instead of localStorage', () => {
  it('saves dual extraction and reviewers A/B with settings.update, and undo reverts them', async () => {
    const { api, A, B, settings } = await review(['Cook 2012a']);
    const { user, store } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Characteristics' }));
    const bar = await screen.findByRole('region', { name: 'Dual extraction' });
    await user.click(within(bar).getByRole('checkbox', { name: /Dual extraction/ }));
    await waitFor(async () => expect((await settings()).dualExtraction).toBe(true));
    await user.selectOptions(within(bar).getByLabelText('Reviewer A'), A.id);
    await user.selectOptions(within(bar).getByLabelText('Reviewer B'), B.id);
    await waitFor(async () => expect(await settings()).toMatchObject({ extractionFirst: A.id, extractionSecond: B.id }));
    expect(api.callsTo('settings.update')).toEqual([
      { patch: { dualExtraction: true } },
      { patch: { extractionFirst: A.id } },
      { patch: { extractionSecond: B.id } },
    ]);
    expect(window.localStorage.length).toBe(0);
    expect(within(bar).getByRole('status').textContent).toContain('You extract as reviewer A');

    await store().getState().undo();
    await waitFor(() => expect((within(bar).getByLabelText('Reviewer B') as HTMLSelectElement).value).toBe(''));
    expect((await settings()).extractionSecond).toBeNull();
    expect(within(bar).getByRole('status').textContent).toContain('Choose two different reviewers');
  });

  it('reads the settings from the file when the review opens', async () => {
    const { api, A, B } = await review(['Cook 2012a'], 'B');
    await api.client.call('settings.update', { patch: { dualExtraction: true, extractionFirst: A.id, extractionSecond: B.id } });
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Characteristics' }));
    const bar = await screen.findByRole('region', { name: 'Dual extraction' });
    await waitFor(() => expect(within(bar).getByRole('checkbox', { name: /Dual extraction/ })).toHaveProperty('checked', true));
    expect(within(bar).getByRole('status').textContent).toContain('You extract as reviewer B');
  });

  it('keeps the second RoB assessor in the file', async () => {
    const { api, B, settings } = await review(['Cook 2012a', 'Eisen 2012']);
    const { user, store } = renderApp(api, 'risk-of-bias');
    const section = await screen.findByRole('region', { name: 'Second reviewer' });
    const second = within(section).getAllByRole('combobox').at(-1)!;
    await user.selectOptions(second, B.id);
    await waitFor(async () => expect((await settings()).robSecond).toBe(B.id));
    expect((await settings()).robFirst).toBeNull();
    await store().getState().undo();
    await waitFor(async () => expect((await settings()).robSecond).toBeNull());
    await waitFor(() => expect((within(section).getAllByRole('combobox').at(-1) as HTMLSelectElement).value).toBe(''));
  });
});
