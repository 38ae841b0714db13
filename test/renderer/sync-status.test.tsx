import './jsdom-shims.ts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// The status bar's team sync over the real backend (issue 16): not set up (Sync and Alt+S
// open the team server dialog), a URL with a password refused in the field, "Syncing…"
// while the call runs, and offline when the server cannot be reached — a real refused
// connection, nothing lost. Synced with counts and the server's message are shown from the
// replies of a real server in test/e2e/team-sync.test.ts and by sync-status-text.test.ts.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

const bar = () => screen.getByTestId('sync-status');

describe('the status bar’s team sync', () => {
  it('says not set up, sets up through the dialog, shows syncing… and then offline', async () => {
    open = realBackend('fleiss1993');
    render(<App client={open.client} />);
    await waitFor(() => expect(bar().textContent).toMatch(/Team sync not set up/));

    // Sync with no server: the team server dialog opens (and Alt+S does the same).
    fireEvent.click(screen.getByRole('button', { name: 'Sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Team server' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Team server' })).toBeNull());
    fireEvent.keyDown(window, { key: 's', code: 'KeyS', altKey: true });
    const again = await screen.findByRole('dialog', { name: 'Team server' });

    // A URL with a password is refused, in the field, and nothing is set up.
    const field = within(again).getByLabelText('Server URL');
    fireEvent.change(field, { target: { value: 'postgres://alice:secret@127.0.0.1:1/team' } });
    fireEvent.click(within(again).getByRole('button', { name: 'Sync now' }));
    expect(await within(again).findByText(/carries a password/)).toBeTruthy();
    expect(bar().textContent).toMatch(/Team sync not set up/);

    // A server that cannot be reached: "Syncing…" while the call runs, then offline.
    fireEvent.change(field, { target: { value: 'postgres://alice@127.0.0.1:1/team' } });
    const release = open.holdNext('sync.run');
    fireEvent.click(within(again).getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(bar().textContent).toMatch(/Syncing…/));
    expect((screen.getByTestId('sync-button') as HTMLButtonElement).disabled).toBe(true);
    release();
    await waitFor(() => expect(bar().textContent).toMatch(/Offline: the server cannot be reached; nothing is lost, your changes wait/));
    expect(open.callsTo('sync.run').at(-1)).toEqual({ url: 'postgres://alice@127.0.0.1:1/team' });

    // The next Sync tries that server again, from the status bar.
    fireEvent.click(within(again).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Team server' })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Sync' }));
    await waitFor(() => expect(open!.callsTo('sync.run')).toHaveLength(5));
    expect(open.callsTo('sync.run').at(-1)).toEqual({});
    await waitFor(() => expect(bar().textContent).toMatch(/Offline/));
    expect(screen.queryByRole('dialog', { name: 'Team server' })).toBeNull();
  });
});
