import './jsdom-shims.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, ScreeningOrder, StoppingRuleArg } from '@grove/shared';
import { ClientContext } from '../../renderer/src/api/client.ts';
import { createQueryClient } from '../../renderer/src/data/query-client.ts';
import { OrderSwitch } from '../../renderer/src/stages/screening/priority/OrderSwitch.tsx';
import { DEFAULT_STOPPING_RULE, PriorityProgress } from '../../renderer/src/stages/screening/priority/PriorityProgress.tsx';
import { firstDecisions, rankingReview } from '../support/ranking-fixtures.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// The priority panel over the real backend and its ranking worker: the progress picture
// (plotly is replaced by a recorder: jsdom draws no SVG), the stopping rule's state in
// words, the model's state as it learns, and the order switch.

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
  const [rule, setRule] = useState<StoppingRuleArg>(DEFAULT_STOPPING_RULE);
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
      <PriorityProgress rule={rule} onRuleChange={setRule} />
    </>
  );
}

let backend: RealBackend | null = null;
afterEach(() => {
  cleanup();
  backend?.close();
  backend = null;
});

describe('priority screening panel', { timeout: 90_000 }, () => {
  it('shows includes found, the stopping rule in words, the model learning, and switches order and rule', async () => {
    backend = realBackend('empty');
    const client = backend.client as unknown as ApiClient;
    const { ids } = await rankingReview(client);
    await client.call('ranking.configure', { retrainEvery: 1 });
    await firstDecisions(client, ids);
    const orders: ScreeningOrder[] = [];
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ClientContext.Provider value={backend.client}>
          <Panel onOrder={(o) => orders.push(o)} />
        </ClientContext.Provider>
      </QueryClientProvider>,
    );
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
    await user.click(screen.getByLabelText('100 consecutive excludes'));
    await waitFor(() =>
      expect(screen.getByTestId('stopping-state').textContent).toBe('1 consecutive exclude of the 100 that end screening: keep screening.'),
    );
    expect(screen.getByText(/stopped after 100 consecutive records were judged irrelevant/)).toBeTruthy();

    await user.click(screen.getByLabelText('Random'));
    expect(orders).toEqual(['random']);
    expect((screen.getByLabelText('Random') as HTMLInputElement).checked).toBe(true);
  });
});
