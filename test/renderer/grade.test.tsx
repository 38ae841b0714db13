import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import type { StageId } from '../../renderer/src/stages/stages.ts';
import type { AppStore } from '../../renderer/src/store/app.ts';
import { FLEISS_ANALYSIS, fleissOutcomeId, fleissReview } from './support/fleiss-review.ts';
import type { RealBackend } from './support/real-backend.ts';

// GRADE: rating the certainty of an analysis (a reason for every rating down, computed and
// final levels with GRADEpro's symbols, footnotes, the informative statement), the level in
// the dashboard, the summary-of-findings table in Reports, and RoB columns beside the forest plot.

// jsdom has no CSS.escape (the dashboard uses it to focus the row it came back to).
const g = globalThis as unknown as { CSS?: { escape?: (s: string) => string } };
g.CSS ??= {};
g.CSS.escape ??= (s: string) => s.replace(/["\\]/g, '\\$&');

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  open?.close();
  open = null;
});

/** The planned outcome × timepoint category: how a rating may name an analysis. */
const ANALYSIS = FLEISS_ANALYSIS;
const grades = () => open!.elsewhere.call('grade.list', {});

function renderApp(api: RealBackend, stage: StageId) {
  open = api;
  const user = userEvent.setup();
  let store: AppStore | null = null;
  render(<App client={api.client} initialStage={stage} onStore={(s) => (store = s)} />);
  return { user, store: () => store! };
}

async function openGrade(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Medical utilisation' }));
  await screen.findByRole('heading', { level: 2, name: /Medical utilisation/ });
  return screen.findByRole('region', { name: 'Certainty of evidence (GRADE)' });
}

describe('GRADE certainty in the Analyses stage', () => {
  it('needs a reason for rating down, shows the levels, footnotes and statement, and saves with grade.set', async () => {
    const api = await fleissReview();
    await api.client.call('settings.update', { patch: { sofIntervention: 'brief psychotherapy' } });
    const { user, store } = renderApp(api, 'analyses');
    const panel = await openGrade(user);
    expect(within(panel).getByTestId('grade-computed').textContent).toBe('⨁⨁⨁⨁ HIGH');

    await user.selectOptions(within(panel).getByLabelText('Imprecision'), '1');
    expect(within(panel).getByTestId('grade-final').textContent).toBe('⨁⨁⨁◯ MODERATE');
    // Imprecision may go down three levels, the others two.
    expect(within(within(panel).getByLabelText('Imprecision')).getAllByRole('option')).toHaveLength(4);
    expect(within(within(panel).getByLabelText('Risk of bias')).getAllByRole('option')).toHaveLength(3);

    // No reason: the save is held back and the message is at the field.
    await user.click(within(panel).getByRole('button', { name: 'Save rating' }));
    const reason = within(panel).getByLabelText('Reason for rating down for imprecision');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByText('every rating down needs a reason (GRADE footnote)')).toBeTruthy();
    expect(api.callsTo('grade.set')).toEqual([]);

    await user.type(reason, 'Fewer than 400 participants; CI includes small effects');
    expect(reason.getAttribute('aria-invalid')).toBeNull();
    expect(within(panel).getByTestId('grade-footnotes').textContent).toContain(
      'Downgraded one level for imprecision: Fewer than 400 participants; CI includes small effects.',
    );

    // The statement: the reviewer picks the size; the direction comes from the pooled MD (< 0).
    await user.selectOptions(within(panel).getByLabelText(/Size of the effect/), 'small');
    expect(within(panel).getByTestId('grade-statement').textContent).toBe(
      'Brief psychotherapy probably reduces medical utilisation slightly.',
    );

    await user.click(within(panel).getByRole('button', { name: 'Save rating' }));
    await waitFor(async () => expect(await grades()).toHaveLength(1));
    // Stored under the outcome's id in the analysis model.
    expect((await grades())[0]).toMatchObject({ analysisId: await fleissOutcomeId(api.elsewhere), final: 'moderate' });
    expect((await grades())[0]!.assessment.down.imprecision).toEqual({
      levels: 1,
      reason: 'Fewer than 400 participants; CI includes small effects',
    });

    // Back on the dashboard the level is shown in the row.
    await user.click(screen.getByRole('button', { name: '← All analyses' }));
    const row = await screen.findByRole('row', { name: /Medical utilisation/ });
    await waitFor(() => expect(within(row).getByTestId('certainty').textContent).toBe('⨁⨁⨁◯ MODERATE'));

    // Undo takes the rating away again.
    await store().getState().undo();
    await waitFor(() =>
      expect(within(screen.getByRole('row', { name: /Medical utilisation/ })).getByTestId('certainty').textContent).toBe('Not yet rated'),
    );
    expect(await grades()).toEqual([]);
  });

  it('asks for a reason when the computed level is overridden and shows server validation at the field', async () => {
    const api = await fleissReview();
    const { user } = renderApp(api, 'analyses');
    const panel = await openGrade(user);
    await user.click(within(panel).getByRole('checkbox', { name: /Judge the certainty differently/ }));
    await user.selectOptions(within(panel).getByLabelText('Final certainty'), 'low');
    await user.click(within(panel).getByRole('button', { name: 'Save rating' }));
    expect(within(panel).getByText('say why the computed level is overridden')).toBeTruthy();
    expect(api.callsTo('grade.set')).toEqual([]);
    await user.type(within(panel).getByLabelText(/Why the computed level is overridden/), 'Surrogate outcome');
    expect(within(panel).getByTestId('grade-final').textContent).toBe('⨁⨁◯◯ LOW');

    const { ApiError } = await import('@grove/shared');
    api.failNext(
      'grade.set',
      new ApiError('VALIDATION', 'bad', [{ path: 'assessment.override.reason', message: 'the server wants a longer reason' }]),
    );
    await user.click(within(panel).getByRole('button', { name: 'Save rating' }));
    expect(await within(panel).findByText('the server wants a longer reason')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Save rating' }));
    await waitFor(async () => expect((await grades())[0]?.final).toBe('low'));
  });

  it('saves a valid unsaved rating when the reviewer leaves the analysis, and refuses an invalid one with a message', async () => {
    const api = await fleissReview();
    const { user } = renderApp(api, 'analyses');
    let panel = await openGrade(user);
    await user.selectOptions(within(panel).getByLabelText('Inconsistency'), '1');
    await user.click(within(panel).getByRole('button', { name: 'Save rating' }));
    // The status bar says what is held back.
    expect(await screen.findByText(/Not saved: certainty rating: every rating down needs a reason/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '← All analyses' }));
    expect(await screen.findByText('The certainty rating was not saved')).toBeTruthy();
    expect(api.callsTo('grade.set')).toEqual([]);

    panel = await openGrade(user);
    await user.selectOptions(within(panel).getByLabelText('Indirectness'), '1');
    await user.type(within(panel).getByLabelText('Reason for rating down for indirectness'), 'Surrogate outcome');
    await user.click(screen.getByRole('button', { name: '← All analyses' }));
    await waitFor(async () => expect((await grades())[0]?.final).toBe('moderate'));
    const row = await screen.findByRole('row', { name: /Medical utilisation/ });
    await waitFor(() => expect(within(row).getByTestId('certainty').textContent).toBe('⨁⨁⨁◯ MODERATE'));
  });

  it('draws the risk-of-bias columns beside the forest plot when asked', async () => {
    const api = await fleissReview({ lowRob: ['Davis'] });
    const { user } = renderApp(api, 'analyses');
    await openGrade(user);
    const img = await screen.findByRole('img', { name: /^Forest plot of 5 studies/ });
    const svgOf = () => decodeURIComponent(img.getAttribute('src')!.split(',')[1]!);
    expect(svgOf()).not.toContain('Risk of bias legend');
    const before = svgOf();
    await user.click(screen.getByRole('checkbox', { name: 'Show risk of bias' }));
    await waitFor(() => expect(svgOf()).not.toBe(before));
    expect(api.callsTo('rob.list')).toEqual([{}]);
  });
});

describe('Summary of findings in Reports', () => {
  it('shows the rated certainty and its footnote, and saves the header in the settings', async () => {
    const api = await fleissReview();
    await api.client.call('grade.set', {
      analysisId: ANALYSIS,
      assessment: {
        design: 'randomised',
        down: {
          riskOfBias: { levels: 0, reason: '' },
          inconsistency: { levels: 0, reason: '' },
          indirectness: { levels: 0, reason: '' },
          imprecision: { levels: 2, reason: 'Few participants' },
          publicationBias: { levels: 0, reason: '' },
        },
        up: {
          largeEffect: { levels: 0, reason: '' },
          doseResponse: { levels: 0, reason: '' },
          residualConfounding: { levels: 0, reason: '' },
        },
        override: null,
        importance: 'critical',
        comment: '',
      },
    });
    const { user } = renderApp(api, 'reports');
    await user.click(await screen.findByRole('tab', { name: 'Summary of findings' }));
    const preview = await screen.findByRole('region', { name: /print preview/ });
    expect(preview.textContent).toContain('⨁⨁◯◯ LOW a');
    expect(preview.textContent).toContain('Downgraded two levels for imprecision: Few participants.');
    expect(screen.getByRole('button', { name: 'Export DOCX' })).toBeTruthy();

    const intervention = screen.getByLabelText('Intervention');
    await user.type(intervention, 'Brief psychotherapy');
    await user.tab();
    await waitFor(async () => expect((await api.elsewhere.call('settings.get', {})).sofIntervention).toBe('Brief psychotherapy'));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: /print preview/ }).textContent).toContain(
        'Brief psychotherapy compared to [comparator: to be filled in]',
      ),
    );
  });
});
