import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, inProcessClient } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import { createAppClient } from '../../renderer/src/api/client.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addReviewer } from './support/seed.ts';

// Two tabs on one backend are two clients: the workbench shows its own tab's reviewer, and
// the picker lists reviewers another tab added since it was first shown.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

describe('the reviewer of this tab', () => {
  it('stays this tab’s own when another tab chooses someone else, and the picker lists who was added there', async () => {
    const api = (open = realBackend('empty'));
    const ann = await addReviewer(api.elsewhere, 'Ann Archer', 'AA');
    const thisTab = api.backend.connect();
    const otherTab = inProcessClient(api.backend.connect());
    const user = userEvent.setup();
    render(<App client={createAppClient((method, args) => dispatch(thisTab, method, args))} />);
    const bar = await screen.findByRole('contentinfo', { name: 'Status' });
    await waitFor(() => expect(bar.textContent).toContain('not chosen'));

    await user.click(within(bar).getByRole('button', { name: /Reviewer/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Who is reviewing?' });
    await user.click(within(dialog).getByRole('radio', { name: /Ann Archer/ }));
    await waitFor(() => expect(within(dialog).getByRole('radio', { name: /Ann Archer/ })).toHaveProperty('checked', true));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(bar.textContent).toContain('Ann Archer'));

    // The other tab adds Bob and becomes him.
    const bob = await addReviewer(otherTab, 'Bob Baker', 'BB');
    await otherTab.call('session.setReviewer', { reviewerId: bob.id });
    expect(await otherTab.call('session.get', {})).toEqual({ reviewerId: bob.id });

    await user.click(within(bar).getByRole('button', { name: /Reviewer/ }));
    const again = await screen.findByRole('dialog', { name: 'Who is reviewing?' });
    await within(again).findByRole('radio', { name: /Bob Baker/ });
    expect(within(again).getByRole('radio', { name: /Ann Archer/ })).toHaveProperty('checked', true);
    expect(within(again).getByRole('radio', { name: /Bob Baker/ })).toHaveProperty('checked', false);
    expect(bar.textContent).toContain('Ann Archer');
    expect(await dispatch(thisTab, 'session.get', {})).toEqual({ ok: true, value: { reviewerId: ann.id } });
  });
});
