import './jsdom-shims.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientContext } from '../../renderer/src/api/client.ts';
import { createQueryClient } from '../../renderer/src/data/query-client.ts';
import * as Q from '../../renderer/src/stages/screening/queue.ts';
import { useScreeningQueue, type ScreeningQueue } from '../../renderer/src/stages/screening/useScreeningQueue.ts';
import { createAppStore, StoreContext } from '../../renderer/src/store/app.ts';
import { importRecords } from '../support/screening-fixtures.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addReviewer } from './support/seed.ts';

// The screening queue's controller over the real backend, when replies land between two
// renders: a key pressed before React has rendered a save or a batch must not undo it. (Under
// load this left decisions "Saving…" for ever and the view stuck on "Loading the next records…".)

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

async function screeningQueue(records: number) {
  const api = (open = realBackend('empty'));
  await importRecords(api.client, records);
  const naomi = await addReviewer(api.client, 'Naomi Lyons', 'NL');
  const queryClient = createQueryClient();
  const store = createAppStore(api.client, queryClient, 'screening');
  await store.getState().init();
  await store.getState().setReviewer(naomi.id);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ClientContext.Provider value={api.client}>
      <QueryClientProvider client={queryClient}>
        <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
      </QueryClientProvider>
    </ClientContext.Provider>
  );
  const hook = renderHook(() => useScreeningQueue('title-abstract', 'Naomi Lyons'), { wrapper });
  await waitFor(() => expect(Q.current(hook.result.current.state)).not.toBeNull());
  return { api, hook };
}

const titleOf = (q: ScreeningQueue) => Q.current(q.state)?.record.title ?? null;
/** Lets the replies released so far run their course (no render happens inside one act). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the screening queue when replies land between renders', { timeout: 60_000 }, () => {
  it('keeps a save that arrived before the next key was rendered', async () => {
    const { api, hook } = await screeningQueue(10);
    const release = api.holdNext('screening.decide');
    act(() => hook.result.current.decide({ decision: 'exclude' }));
    expect(titleOf(hook.result.current)).toMatch(/^Trial 2 /);
    await act(async () => {
      release();
      await settle();
      // The save is in, but not yet rendered: this key works from the state before it.
      hook.result.current.decide({ decision: 'include' });
      await settle();
    });
    await waitFor(() => expect(Q.sending(hook.result.current.state)).toBe(0));
    expect(titleOf(hook.result.current)).toMatch(/^Trial 3 /);
  });

  it('keeps a batch that arrived before the next key was rendered, and goes on past it', async () => {
    const { api, hook } = await screeningQueue(Q.BATCH + 10);
    // Decide until the queue asks for the next batch, holding that batch back.
    const release = api.holdNext('screening.next');
    while (Q.waiting(hook.result.current.state) >= Q.LOW_WATER) act(() => hook.result.current.decide({ decision: 'exclude' }));
    await waitFor(() => expect(hook.result.current.state.fetching).toBe(true));
    await act(async () => {
      release();
      await settle();
      hook.result.current.decide({ decision: 'exclude' });
      await settle();
    });
    // Every record of the stage is reached by deciding, and then the queue says it is done.
    const decided = () => hook.result.current.state.items.filter((i) => i.made !== null).length;
    while (decided() < Q.BATCH + 10) {
      await waitFor(() => expect(titleOf(hook.result.current)).not.toBeNull());
      act(() => hook.result.current.decide({ decision: 'exclude' }));
    }
    await waitFor(() => expect(hook.result.current.state.exhausted).toBe(true));
    expect(hook.result.current.state.items).toHaveLength(Q.BATCH + 10);
    await waitFor(() => expect(Q.sending(hook.result.current.state)).toBe(0));
  });
});
