import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// A dialog asks before Esc throws away typing, but only while a field typed into still
// holds text: after "Add and use this reviewer" has used and cleared its form, Esc closes.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

async function openReviewerDialog(user: ReturnType<typeof userEvent.setup>) {
  const bar = await screen.findByRole('contentinfo', { name: 'Status' });
  await user.click(within(bar).getByRole('button', { name: /Reviewer/ }));
  return { bar, dialog: await screen.findByRole('dialog', { name: 'Who is reviewing?' }) };
}

describe('the discard-typing guard', () => {
  it('closes at once after the typed form was used and cleared, and asks while typing remains', async () => {
    open = realBackend('empty');
    const user = userEvent.setup();
    render(<App client={open.client} />);

    const { bar, dialog } = await openReviewerDialog(user);
    await user.type(within(dialog).getByLabelText('Name'), 'Ann Archer');
    await user.type(within(dialog).getByLabelText('Initials'), 'AA');
    await user.click(within(dialog).getByRole('button', { name: 'Add and use this reviewer' }));
    await waitFor(() => expect(bar.textContent).toContain('Ann Archer'));
    await waitFor(() => expect(within(dialog).getByLabelText('Name')).toHaveProperty('value', ''));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Who is reviewing?' })).toBeNull());
    expect(screen.queryByRole('alertdialog')).toBeNull();

    // Typing left in a field: Esc asks first, and Cancel keeps the text.
    const again = (await openReviewerDialog(user)).dialog;
    await user.type(within(again).getByLabelText('Name'), 'Bob');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard what you typed?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(within(again).getByLabelText('Name')).toHaveProperty('value', 'Bob');

    // Typed, then deleted again: nothing to lose.
    await user.clear(within(again).getByLabelText('Name'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Who is reviewing?' })).toBeNull());
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
