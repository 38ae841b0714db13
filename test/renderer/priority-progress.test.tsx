import './jsdom-shims.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, ScreeningOrder } from '@grove/shared';
import { ClientContext } from '../../renderer/src/api/client.ts';
import { createQueryClient } from '../../renderer/src/data/query-client.ts';
import { OrderSwitch } from '../../renderer/src/stages/screening/priority/OrderSwitch.tsx';
import { PriorityProgress } from '../../renderer/src/stages/screening/priority/PriorityProgress.tsx';
import { createAppStore, StoreContext } from '../../renderer/src/store/app.ts';
import { firstDecisions, rankingReview } from '../support/ranking-fixtures.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// The priority panel over the real backend and its ranking worker: the progress picture
// (plotly is replaced by a recorder: jsdom draws no SVG), the stopping rule's state in
// words, the model's state as it learns, the order switch, and the review's stopping rule:
// changed here, stored in the review (seen again by a fresh workbench and by another
// reviewer), with the methods paragraph following it.

const drawn = vi.hoisted(() => [] as unknown[][]);
vi.mock('plotly.js-dist-min', () => ({
  default: {
    react: (_el: HTMLElement, data: unknown[]) => {
      drawn.push(data);
      return Promise.resolve(_el);
    },
  },
}));

function Panel({ onOrder }: { onOrder: (o: ScreeningOrder) => void }) {
  const [order, setOrder] = useState<ScreeningOrder>('relevance');
  return (
    <>
      <OrderSwitch
        value={order}
        onChange={(o) => {
          setOrder(o);
          onOrder(o);
        }}
      />
      <PriorityProgress />
    </>
  );
}

/** The panel as the workbench mounts it: a fresh store and query cache over the backend (a reload). */
async function workbench(api: RealBackend, onOrder: (o: ScreeningOrder) => void) {
  const queryClient = createQueryClient();
  const store = createAppStore(api.client, queryClient, 'screening');
  await store.getState().init();
  render(
    <QueryClientProvider client={queryClient}>
      <ClientContext.Provider value={api.client}>
        <StoreContext.Provider value={store}>
          <Panel onOrder={onOrder} />
        </StoreContext.Provider>
      </ClientContext.Provider>
    </QueryClientProvider>,
  );
}

let backend: RealBackend | null = null;
afterEach(() => {
  cleanup();
  backend?.close();
  backend = null;
});

describe('priority screening panel', { timeout: 90_000 }, () => {
  it('shows includes found, the stopping rule in words, the model learning, and switches order', async () => {
    backend = realBackend('empty');
    const client = backend.client as unknown as ApiClient;
    const { ids } = await rankingReview(client);
    await client.call('ranking.configure', { retrainEvery: 1 });
    await firstDecisions(client, ids);
    const orders: ScreeningOrder[] = [];
    await workbench(backend, (o) => orders.push(o));
    expect((await screen.findByText(/includes found in/)).textContent).toBe('1 includes found in 3 of 60 records');
    expect(screen.getByTestId('stopping-state').textContent).toMatch(/Callaghan–Müller-Hansen test, p = .*: keep screening\./);
    // The model learns in its worker; the panel polls while it does.
    await waitFor(
      () => expect(screen.getByTestId('model-state').textContent).toMatch(/^Ranked by a model trained on 1 includes and 2 excludes/),
      {
        timeout: 60_000,
      },
    );
    await waitFor(() => expect(drawn.length).toBeGreaterThan(0));
    expect(drawn.at(-1)).toEqual([
      expect.objectContaining({ name: 'Includes found', x: [0, 2, 3], y: [0, 1, 1] }),
      expect.objectContaining({ name: 'Random order (expected)' }),
    ]);

    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Random'));
    expect(orders).toEqual(['random']);
    expect((screen.getByLabelText('Random') as HTMLInputElement).checked).toBe(true);
  });

  it('changes the review’s stopping rule, which a fresh workbench and another reviewer see, with the methods text following it', async () => {
    backend = realBackend('empty');
    const client = backend.client as unknown as ApiClient;
    const { ids } = await rankingReview(client);
    await firstDecisions(client, ids);
    await workbench(backend, () => {});
    const user = userEvent.setup();
    expect((await screen.findByLabelText('Callaghan–Müller-Hansen test')) as HTMLInputElement).toHaveProperty('checked', true);
    expect(screen.getByTestId('priority-methods-text').textContent).toMatch(
      /at the 95% confidence level, the hypothesis that recall was below 95%/,
    );
    const save = screen.getByRole('button', { name: 'Save stopping rule' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    await user.click(screen.getByLabelText('Consecutive excludes'));
    const buffer = screen.getByLabelText('Stop after this many consecutive excludes');
    await user.clear(buffer);
    await user.type(buffer, '0');
    expect(screen.getByText('a whole number of records from 1 to 1,000,000')).toBeTruthy();
    expect(save.disabled).toBe(true);
    await user.clear(buffer);
    await user.type(buffer, '40');
    await user.click(save);
    await waitFor(() =>
      expect(screen.getByTestId('stopping-state').textContent).toBe('1 consecutive exclude of the 40 that end screening: keep screening.'),
    );
    expect(screen.getByTestId('priority-methods-text').textContent).toMatch(
      /a buffer of 40 consecutive records judged irrelevant.*3 of 60 records had been screened .* and the stopping rule had not been met\.$/,
    );
    expect((await client.call('screening.settings.get', {})).stoppingRule).toEqual({ kind: 'buffer', buffer: 40 });

    // A fresh workbench (a reload) shows the stored rule; so does another reviewer's.
    cleanup();
    const ben = await client.call('reviewers.create', { reviewer: { name: 'Ben', initials: 'BE', email: '' } });
    await client.call('session.setReviewer', { reviewerId: ben.id });
    await workbench(backend, () => {});
    expect(((await screen.findByLabelText('Consecutive excludes')) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Stop after this many consecutive excludes') as HTMLInputElement).value).toBe('40');
    expect(screen.getByTestId('stopping-state').textContent).toMatch(/of the 40 that end screening/);
  });
});
