import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addStudy } from './support/seed.ts';

// Two quick edits of one thing must end as the second, whatever the network does with them.
// Over HTTP two requests in flight may be handled in either order, and a refetch started by
// the first reply may read the store before the second edit is in: CI once stored a RoB
// domain judged "U" then "H" as Unclear, and the support text typed after "H" with it.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function robGrid() {
  const api = (open = realBackend('empty'));
  await addStudy(api.client, 'Cook 2012a');
  api.forget();
  const user = userEvent.setup();
  render(<App client={api.client} initialStage="risk-of-bias" />);
  const grid = await screen.findByRole('grid', { name: 'Risk of bias judgements' });
  const cell = within(grid).getByRole('gridcell', { name: 'Cook 2012a, Sequence generation: not judged' });
  act(() => cell.focus());
  const stored = async () =>
    (await api.elsewhere.call('rob.list', {})).find((r) => r.label === 'Cook 2012a')?.assessment.sequenceGeneration;
  const focused = () => document.activeElement?.getAttribute('aria-label');
  return { api, user, stored, focused };
}

describe('quick edits reach the backend in the order they were made', { timeout: 60_000 }, () => {
  it('stores "U" then "H" as High when the first write is slower than the second', async () => {
    const { api, user, stored, focused } = await robGrid();
    const release = api.holdNext('rob.setDomain'); // "U" is held on its way
    await user.keyboard('u');
    await user.keyboard('h');
    await settle();
    expect(focused()).toBe('Cook 2012a, Sequence generation: High risk');
    release();
    await waitFor(() => expect(api.callsTo('rob.setDomain')).toHaveLength(2));
    await waitFor(async () => expect((await stored())?.judgement).toBe('high'));
    await settle();
    expect((await stored())?.judgement).toBe('high');
    expect(focused()).toBe('Cook 2012a, Sequence generation: High risk');
  });

  it('does not show the stored "U" again while "H" is on its way, so the support text goes with High', async () => {
    const { api, user, stored, focused } = await robGrid();
    const releaseU = api.holdNext('rob.setDomain');
    const releaseH = api.holdNext('rob.setDomain');
    await user.keyboard('u');
    await user.keyboard('h');
    await settle();
    // "U" is stored and answered while "H" is still on its way: whatever that answer
    // refreshes must not bring back Unclear.
    releaseU();
    await waitFor(async () => expect((await stored())?.judgement).toBe('unclear'));
    await settle();
    expect(focused()).toBe('Cook 2012a, Sequence generation: High risk');
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Cook 2012a: Random sequence generation (selection bias)' });
    await user.type(within(dialog).getByLabelText('Support for judgement'), 'Coin toss by the investigator.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    releaseH();
    await waitFor(async () =>
      expect(await stored()).toEqual({ level: 'study', judgement: 'high', support: 'Coin toss by the investigator.' }),
    );
    await settle();
    expect(await stored()).toEqual({ level: 'study', judgement: 'high', support: 'Coin toss by the investigator.' });
  });
});
