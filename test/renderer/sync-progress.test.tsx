import './jsdom-shims.ts';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type ProgressEvent } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import { createAppClient } from '../../renderer/src/api/client.ts';
import type { ProgressSource } from '../../renderer/src/api/transport.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// A long sync shows how far it is in the status bar and in the team server dialog: the
// backend's progress events (receiving, bringing in, sending) while sync.run runs, and
// nothing of them once it has answered. The sync itself is the real backend's (here, a
// server that cannot be reached); the progress channel is driven by the test.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

describe('the team sync’s progress', () => {
  it('is shown in the status bar and the dialog while the sync runs, and gone after', async () => {
    open = realBackend('fleiss1993');
    const backend = open.backend;
    const listeners = new Set<(e: ProgressEvent) => void>();
    const progress: ProgressSource = (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const client = createAppClient(
      async (method, args) => {
        // The sync with a server is held (the Sync button's first call, with none set up, is not).
        if (method === 'sync.run' && (args as { url?: string }).url !== undefined) await held;
        return dispatch(backend, method, args);
      },
      null,
      progress,
    );
    render(<App client={client} />);
    const bar = () => screen.getByTestId('sync-status');
    await waitFor(() => expect(bar().textContent).toMatch(/Team sync not set up/));

    fireEvent.click(screen.getByRole('button', { name: 'Sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Team server' });
    fireEvent.change(within(dialog).getByLabelText('Server URL'), { target: { value: 'postgres://alice@127.0.0.1:1/team' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(bar().textContent).toMatch(/Syncing…$/));
    expect(listeners.size).toBeGreaterThan(0);

    const emit = (e: ProgressEvent) => act(() => listeners.forEach((l) => l(e)));
    emit({ operation: 'Syncing with postgres://alice@127.0.0.1:1/team', phase: 'pulling', done: 2500, total: 10_000 });
    expect(bar().textContent).toMatch(/Syncing… Receiving changes from the server 25% \(2,500 of 10,000\)/);
    emit({ operation: 'Syncing with postgres://alice@127.0.0.1:1/team', phase: 'pushing', done: 4000, total: 10_000 });
    expect(bar().textContent).toMatch(/Syncing… Sending changes to the server 40% \(4,000 of 10,000\)/);
    expect(within(dialog).getByTestId('sync-setup-status').textContent).toMatch(/Sending changes to the server 40%/);

    release();
    await waitFor(() => expect(bar().textContent).toMatch(/Offline: the server cannot be reached/));
    expect(bar().textContent).not.toMatch(/Sending changes/);
    expect(listeners.size).toBe(0);
  });
});
