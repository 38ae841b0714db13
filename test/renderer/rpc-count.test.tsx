import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import type { AppStore } from '../../renderer/src/store/app.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// What one edit costs in round trips, counted on the real backend (the in-process handler
// table on a temporary file): a results-grid edit is one call, whose reply updates the
// status bar; opening Analyses afterwards refetches only what the edit touched.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

function firstGridCell(): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>('input[aria-label^="Events, "], input[aria-label^="Mean, "]');
  if (!el) throw new Error('no results grid cell');
  return el;
}

describe('round trips of one edit, on the real backend', () => {
  it('a results-grid edit is one call, and Analyses then refetches only the analyses', { timeout: 60_000 }, async (ctx) => {
    open = realBackend('fleiss1993');
    const { calls, client } = open;
    let store: AppStore | null = null;
    const user = userEvent.setup();
    render(<App client={client} initialStage="analyses" onStore={(s) => (store = s)} />);

    // Analyses first, so that its queries are in the cache; then one study's outcome data.
    await screen.findByRole('table', {}, { timeout: 10_000 });
    await act(async () => store!.getState().setStage('studies'));
    await user.click(await screen.findByRole('tab', { name: 'Outcome data' }, { timeout: 10_000 }));
    await waitFor(() => firstGridCell(), { timeout: 10_000 });
    const undoBefore = store!.getState().history;

    calls.length = 0;
    const cell = firstGridCell();
    // Select the old value and type over it: one input event, so one value to save however
    // busy the machine (a clear, then a pause longer than the save's delay, would save twice).
    await user.tripleClick(cell);
    await user.keyboard('7');
    await user.tab();
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Saved'), { timeout: 10_000 });
    await act(() => store!.getState().flushAll());

    if (!client.reportsChanges()) {
      // This backend's replies carry no `change`/`history` yet (docs/architecture.md pins
      // them): the client falls back to refetching everything, so there is nothing to count.
      ctx.skip();
    }
    expect(calls).toEqual(['results.set']);
    // The status bar's undo state came with the reply.
    expect(store!.getState().history).not.toEqual(undoBefore);
    expect(store!.getState().history?.canUndo).toBe(true);

    calls.length = 0;
    await act(async () => store!.getState().setStage('analyses'));
    await screen.findByRole('table', {}, { timeout: 10_000 });
    await waitFor(() => expect(calls).toContain('analyses.dashboard'), { timeout: 10_000 });
    // The protocol, form, studies and GRADE ratings did not change: they come from the cache.
    // The outline of the one analysis model reads the extraction too (its study counts, and a
    // planned outcome joins it with its first data): it is read again, once.
    await waitFor(() => expect(calls).toContain('outcomes.outline'), { timeout: 10_000 });
    expect(calls.filter((m) => m !== 'analyses.dashboard' && m !== 'outcomes.outline')).toEqual([]);
    expect(calls.filter((m) => m === 'outcomes.outline')).toHaveLength(1);
  });

  it(
    'a data-row edit on an open outcome is one call: the outline is updated from its reply and the dashboard is not re-analysed',
    { timeout: 60_000 },
    async (ctx) => {
      open = realBackend('fleiss1993');
      const { calls, client } = open;
      // An outcome entered RevMan's way, with one direct row to edit.
      const cmp = await client.call('outline.add', { kind: 'comparison', name: 'Entered' });
      const added = await client.call('outline.add', { kind: 'outcome', comparisonId: cmp.id, name: 'Deaths', dataType: 'dichotomous' });
      const study = (await client.call('studies.list', {}))[0]!;
      await client.call('outcomes.rows.create', {
        outcomeId: added.id,
        studyId: study.id,
        values: { kind: 'dichotomous', events1: 3, total1: 20, events2: 5, total2: 21 },
      });
      const user = userEvent.setup();
      render(<App client={client} initialStage="analyses" />);
      const item = await waitFor(
        () => {
          const el = document.querySelector<HTMLElement>(`[role="treeitem"][data-item="${added.id}"]`);
          if (!el) throw new Error('the outcome is not in the outline yet');
          return el;
        },
        { timeout: 10_000 },
      );

      calls.length = 0;
      await user.click(item);
      const cell = await screen.findByLabelText(`Events (experimental) for ${study.label}`, {}, { timeout: 10_000 });
      // The outcome alone (and, the first time, the review's settings its GRADE panel reads).
      expect(calls.filter((m) => m !== 'settings.get')).toEqual(['outcomes.get']);

      calls.length = 0;
      await user.clear(cell);
      await user.type(cell, '4{Enter}');
      await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Saved'), { timeout: 10_000 });
      if (!client.reportsChanges()) ctx.skip();
      // Not the outline (the reply carries the outcome's entry) nor the whole review's analyses (not on screen).
      expect(calls).toEqual(['outcomes.rows.update']);

      // Back to the dashboard: its analyses are read again, once, with the edit in them.
      calls.length = 0;
      await user.click(screen.getByRole('button', { name: '← All analyses' }));
      await waitFor(() => expect(calls).toContain('analyses.dashboard'), { timeout: 10_000 });
      expect(calls).toEqual(['analyses.dashboard']);
    },
  );
});
