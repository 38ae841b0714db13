import './jsdom-shims.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '@grove/shared';
import type { AppClient } from '../../renderer/src/api/client.ts';
import { App } from '../../renderer/src/App.tsx';
import { createFakeApi } from './fake-api.ts';

// Issue 11, item 7: a review open read-only says why, above every stage; a review in a
// cloud-synced folder says what that risks.

afterEach(() => cleanup());

function withFile(file: { readOnly?: string; warnings?: string[] }): AppClient {
  const api = createFakeApi();
  const call = (async (method: string, args: unknown) => {
    const value = (await api.client.call(method as never, args as never)) as Record<string, unknown>;
    if (method !== 'app.info') return value;
    return { ...value, file: { ...(value.file as object), ...file } };
  }) as ApiClient['call'];
  return { ...api.client, call };
}

describe('the read-only banner', () => {
  it('shows why the review cannot be changed', async () => {
    render(
      <App
        client={withFile({
          readOnly:
            '/reviews/peer-support.grove is open for editing in another Grove (grove serve, process 4242 on lab-pc, since 2026-12-06T09:00:00.000Z). It is open here read-only.',
        })}
      />,
    );
    expect(await screen.findByText(/open for editing in another Grove \(grove serve, process 4242 on lab-pc/)).toBeTruthy();
    expect(screen.getByText('Read-only.')).toBeTruthy();
  });

  it('shows a cloud-folder warning, and nothing when there is nothing to say', async () => {
    render(
      <App
        client={withFile({
          warnings: ['/Dropbox/r.grove is in a folder synced by Dropbox. Syncing a review while it is open can corrupt it.'],
        })}
      />,
    );
    expect(await screen.findByText(/synced by Dropbox/)).toBeTruthy();
    expect(screen.queryByText('Read-only.')).toBeNull();
    cleanup();
    render(<App client={createFakeApi().client} />);
    await screen.findAllByText(/peer-support/);
    expect(screen.queryByText('Read-only.')).toBeNull();
  });
});
