import './jsdom-shims.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientContext } from '../../renderer/src/api/client.ts';
import { createQueryClient } from '../../renderer/src/data/query-client.ts';
import { ScreeningStage } from '../../renderer/src/stages/screening/ScreeningStage.tsx';
import { createAppStore, StoreContext } from '../../renderer/src/store/app.ts';
import { importRecords } from '../support/screening-fixtures.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addReviewer } from './support/seed.ts';

// The full-text screen's "Full text could not be obtained" over the real backend: R opens the
// note of what was tried, Enter marks it (stored as one change), the record leaves the queue
// for the next one, the list under the screen shows it, and Unmark takes it back.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

describe('full text could not be obtained', { timeout: 60_000 }, () => {
  it('marks the record on screen by keyboard with a note, moves on, lists it, and unmarks it', async () => {
    const api = (open = realBackend('empty'));
    const ids = await importRecords(api.client, 4);
    const ana = await addReviewer(api.client, 'Ana Alves', 'AA');
    const queryClient = createQueryClient();
    const store = createAppStore(api.client, queryClient, 'screening');
    await store.getState().init();
    await store.getState().setReviewer(ana.id);
    for (const [i, recordId] of ids.entries())
      await api.client.call('screening.decide', { stage: 'title-abstract', recordId, decision: i < 2 ? 'include' : 'exclude' });
    render(
      <QueryClientProvider client={queryClient}>
        <ClientContext.Provider value={api.client}>
          <StoreContext.Provider value={store}>
            <ScreeningStage />
          </StoreContext.Provider>
        </ClientContext.Provider>
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Full text' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: /Trial 1 of peer support/ })).toBeTruthy());
    expect(screen.getByRole('button', { name: /Full text could not be obtained/ })).toBeTruthy();
    const progress = () => screen.getByTestId('screen-progress').textContent ?? '';
    await waitFor(() => expect(progress()).toMatch(/^Record 1 of 2 /));

    // R: the note of what was tried, focused; Enter marks it.
    await user.click(document.body);
    await user.keyboard('r');
    const note = await screen.findByLabelText('What was tried to obtain it (optional)');
    expect(document.activeElement).toBe(note);
    await user.type(note, 'Library and interlibrary loan{Enter}');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: /Trial 2 of peer support/ })).toBeTruthy());
    // The marked report is not one to decide: the one left is record 1 of 1.
    await waitFor(() => expect(progress()).toMatch(/^Record 1 of 1 /));
    expect(await api.client.call('retrieval.list', {})).toMatchObject([
      { recordId: ids[0], note: 'Library and interlibrary loan', reviewerName: 'Ana Alves' },
    ]);
    const list = await screen.findByTestId('not-retrieved-list');
    expect(within(list).getByRole('heading').textContent).toBe('Full text could not be obtained (1)');
    expect(list.textContent).toContain('Trial 1 of peer support');
    expect(list.textContent).toContain('Tried: Library and interlibrary loan.');
    // The undo state says what the change was.
    expect(store.getState().history?.undoLabel).toBe('Full text not obtained: "Trial 1 of peer support"');

    // Esc leaves the note without marking anything.
    await user.keyboard('r');
    await user.type(await screen.findByLabelText('What was tried to obtain it (optional)'), 'x{Escape}');
    expect(screen.queryByLabelText('What was tried to obtain it (optional)')).toBeNull();
    expect(await api.client.call('retrieval.list', {})).toHaveLength(1);

    await user.click(within(list).getByRole('button', { name: /^Unmark Trial 1 of peer support/ }));
    await waitFor(() => expect(screen.queryByTestId('not-retrieved-list')).toBeNull());
    await waitFor(() => expect(progress()).toMatch(/^Record 1 of 2 /));
    expect(await api.client.call('retrieval.list', {})).toEqual([]);
  });
});
