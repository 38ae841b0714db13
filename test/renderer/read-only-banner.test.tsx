import './jsdom-shims.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// Issue 11, item 7: a review open read-only says why, above every stage; a review in a
// cloud-synced folder says what that risks. The reasons are the backend's own: a lock
// held by another Grove, a file kept in a Dropbox folder.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

describe('the read-only banner', () => {
  it('shows why the review cannot be changed', async () => {
    open = realBackend('peer-support', {
      lockedBy: { pid: 4242, host: 'lab-pc', since: '2026-12-06T09:00:00.000Z', app: 'grove serve' },
    });
    render(<App client={open.client} />);
    expect(
      await screen.findByText(
        /review\.grove is open for editing in another Grove \(grove serve, process 4242 on lab-pc, since 2026-12-06T09:00:00\.000Z\)\. It is open here read-only\./,
      ),
    ).toBeTruthy();
    expect(screen.getByText('Read-only.')).toBeTruthy();
  });

  it('shows a cloud-folder warning, and nothing when there is nothing to say', async () => {
    open = realBackend('peer-support', { folder: 'Dropbox' });
    render(<App client={open.client} />);
    expect(await screen.findByText(/Dropbox\/review\.grove is in a folder synced by Dropbox/)).toBeTruthy();
    expect(screen.queryByText('Read-only.')).toBeNull();
    cleanup();
    open.close();

    open = realBackend('peer-support');
    render(<App client={open.client} />);
    await screen.findAllByText(/review\.grove/);
    expect(screen.queryByText(/synced by/)).toBeNull();
    expect(screen.queryByText('Read-only.')).toBeNull();
  });
});
