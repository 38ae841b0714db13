import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import type { AppStore } from '../../renderer/src/store/app.ts';
import { fleissIds, fleissOutcomeId, fleissReview } from './support/fleiss-review.ts';
import type { RealBackend } from './support/real-backend.ts';
import { addStudy, judgedAll, judgeRob1 } from './support/seed.ts';

// jsdom has no CSS.escape (the stage uses it to focus the row or outline item it came back to).
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

function renderAnalyses(api: RealBackend) {
  open = api;
  const user = userEvent.setup();
  let store: AppStore | null = null;
  render(<App client={api.client} initialStage="analyses" onStore={(s) => (store = s)} />);
  return { user, store: () => store! };
}

/** The dashboard's estimate cell ("MD" is an <abbr>). */
const estimateCell = (text: string) => screen.findByText((_, el) => el?.tagName === 'TD' && el.textContent === text);

function svgOf(img: HTMLElement): string {
  const src = img.getAttribute('src') ?? '';
  expect(src.startsWith('data:image/svg+xml')).toBe(true);
  return decodeURIComponent(src.slice(src.indexOf(',') + 1));
}

async function openAnalysis(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Medical utilisation' }));
  await screen.findByRole('heading', { level: 2, name: /Medical utilisation/ });
  await waitFor(() => expect(screen.getByText('Up to date with the extracted data.')).toBeTruthy());
}

describe('Analyses dashboard', () => {
  it('lists every outcome × timepoint with k, N, the pooled estimate, P, I², a sparkline and the wording', async () => {
    const api = await fleissReview();
    renderAnalyses(api);
    const table = await screen.findByRole('table', { name: /every outcome and timepoint/ });
    const row = within(table).getByRole('row', { name: /Medical utilisation/ });
    // RevMan's number comes with the outline, read once the dashboard is on screen.
    await waitFor(() => expect(within(row).getAllByRole('cell')[0]!.textContent).toBe('1.1'));
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      '1.1',
      'Post-intervention',
      '5',
      '232',
      'MD -0.74 [-1.46, -0.02]',
      '0.04',
      '29%',
      '',
      'Not yet rated',
      expect.stringMatching(/^Five trials provided usable post-intervention data for meta-analysis, which found weak evidence/),
    ]);
    expect(within(row).getByRole('img', { name: '5 studies, pooled MD -0.74 [-1.46, -0.02]' }).tagName.toLowerCase()).toBe('svg');
    expect(api.callsTo('analyses.dashboard')).toEqual([{}]);
    // The stage is available: no "Later" badge in the rail.
    expect(within(screen.getByRole('button', { name: /Analyses/ })).queryByText('Later')).toBeNull();
  });

  it('says plainly when no study has outcome data', async () => {
    const api = await fleissReview({ withData: false });
    renderAnalyses(api);
    expect(await screen.findByText('None of the 5 included studies have outcome data entered, so there is nothing to pool.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Go to Studies & data' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('recomputes from the data as they change (after an undo or an edit elsewhere)', async () => {
    const api = await fleissReview();
    const { store } = renderAnalyses(api);
    await estimateCell('MD -0.74 [-1.46, -0.02]');
    // Drop one study's control arm result from elsewhere in the app (as an edit in the grid or an undo does).
    await act(() =>
      store()
        .getState()
        .mutate((c) =>
          c.call('results.set', {
            studyOutcomeId: fleissIds('Davis').outcome,
            timepointId: fleissIds('Davis').timepoint,
            armId: fleissIds('Davis').control,
            result: null,
          }),
        ),
    );
    const row = await screen.findByRole('row', { name: /Medical utilisation/ });
    await waitFor(() => expect(within(row).getAllByRole('cell')[2]!.textContent).toBe('4'));
    expect(within(row).getAllByRole('cell')[3]!.textContent).toBe('206');
  });

  it('follows each outcome’s own model (no view-only toggle), and the protocol is untouched', async () => {
    const api = await fleissReview();
    const { user } = renderAnalyses(api);
    await estimateCell('MD -0.74 [-1.46, -0.02]');
    expect(screen.queryByLabelText('Model')).toBeNull();
    await openAnalysis(user);
    await user.click(screen.getByRole('radio', { name: 'Fixed effect' }));
    await waitFor(() => expect(screen.getByTestId('pooled-estimate').textContent).toBe('-0.71 [-1.26, -0.16]'));
    await user.click(screen.getByRole('button', { name: '← All analyses' }));
    expect(await estimateCell('MD -0.71 [-1.26, -0.16]')).toBeTruthy();
    expect(api.callsTo('analyses.dashboard').at(-1)).toEqual({});
    expect(api.callsTo('protocol.update')).toEqual([]);
  });
});

describe('Analysis view', () => {
  it('shows the forest plot as an image and re-runs the analysis when the model and preset change', async () => {
    const api = await fleissReview();
    const outcomeId = await fleissOutcomeId(api.elsewhere);
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    expect(screen.getByTestId('pooled-estimate').textContent).toBe('-0.74 [-1.46, -0.02]');
    const img = screen.getByRole('img', { name: /^Forest plot of 5 studies/ });
    const random = svgOf(img);
    for (const name of ['Davis', 'Florell', 'Gruen', 'Hart', 'Wilson']) expect(random).toContain(`>${name}<`);
    expect(random).toContain('IV, Random, 95% CI');

    await user.click(screen.getByRole('radio', { name: 'Fixed effect' }));
    await waitFor(() => expect(screen.getByTestId('pooled-estimate').textContent).toBe('-0.71 [-1.26, -0.16]'));
    // The model is the outcome's own setting, saved in the file (one round trip: the reply is the outcome).
    expect(api.callsTo('outcomes.update').at(-1)).toEqual({ id: outcomeId, settings: { model: 'fixed' } });
    const fixed = svgOf(screen.getByRole('img', { name: /^Forest plot of 5 studies/ }));
    expect(fixed).toContain('IV, Fixed, 95% CI');
    expect(fixed).not.toEqual(random);

    await user.click(screen.getByRole('radio', { name: 'Random effects' }));
    await user.selectOptions(screen.getByLabelText('Methods preset'), 'cochrane2025');
    await waitFor(() => expect(api.callsTo('analyses.run').at(-1)).toMatchObject({ outcomeId: outcomeId, preset: 'cochrane2025' }));
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Random effects' })).toHaveProperty('checked', true));
    await waitFor(() => expect(screen.getByTestId('method').textContent).toMatch(/REML/));
    expect(screen.getByTestId('pooled-estimate').textContent).not.toBe('-0.74 [-1.46, -0.02]');

    await user.selectOptions(screen.getByLabelText('Effect measure'), 'SMD');
    await waitFor(() => expect(screen.getByText('Std. mean difference [95% CI]')).toBeTruthy());
  });

  it('shows the Cochrane 2025 result beside RevMan 5’s when asked', async () => {
    const api = await fleissReview();
    const outcomeId = await fleissOutcomeId(api.elsewhere);
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    expect(screen.queryByTestId('beside')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Show Cochrane 2025 results beside' }));
    const beside = await screen.findByTestId('beside');
    await waitFor(() => expect(beside.textContent).toMatch(/REML/));
    expect(beside.textContent).toContain('Cochrane 2025');
    expect(screen.getByTestId('pooled-estimate').textContent).toBe('-0.74 [-1.46, -0.02]');
    expect(api.callsTo('analyses.run').at(-1)).toMatchObject({ outcomeId: outcomeId, preset: 'cochrane2025' });
  });

  it('runs the low-risk-of-bias sensitivity analysis and says why it is not possible', async () => {
    const api = await fleissReview({ lowRob: ['Davis', 'Hart'] });
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    // The planned analyses are listed with their status before anything is run.
    const planned = screen.getByRole('region', { name: 'Planned in the protocol' });
    await waitFor(() =>
      expect(within(planned).getByText('Not possible: only 2 studies at low risk of bias (at least 3 needed).')).toBeTruthy(),
    );
    // Three studies compared with treatment as usual: enough to pool, so no reason is given.
    expect(within(planned).getByText('Treatment-as-usual comparators only').closest('li')!.textContent).not.toContain('Not possible');

    await user.selectOptions(screen.getByLabelText('Sensitivity analysis'), 'Low risk of bias only');
    const note = await screen.findByRole('note', { name: 'Not possible' });
    expect(note.textContent).toContain('only 2 studies at low risk of bias (at least 3 needed)');
    expect(api.callsTo('analyses.run').at(-1)).toMatchObject({ sensitivity: { kind: 'low-risk-of-bias' } });
    // Below the minimum: each study's own result, no pooled estimate, no forest plot.
    const narrative = screen.getByTestId('narrative');
    expect(
      within(narrative)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['StudyMD [95% CI]', 'Davis-1.50 [-4.79, 1.79]', 'Hart0.20 [-0.77, 1.17]']);
    expect(screen.queryByTestId('pooled-estimate')).toBeNull();
    expect(screen.queryByRole('img', { name: /^Forest plot/ })).toBeNull();
    const studies = screen.getByTestId('contributions');
    expect(within(studies).getByRole('row', { name: /Florell/ }).textContent).toContain('overall risk of bias not yet judged');
  });

  it('runs the treatment-as-usual comparator sensitivity analysis through the comparator-type field', async () => {
    const api = await fleissReview();
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    await user.selectOptions(screen.getByLabelText('Sensitivity analysis'), 'Comparator: treatment as usual only');
    await waitFor(() =>
      expect(api.callsTo('analyses.run').at(-1)).toMatchObject({
        sensitivity: { kind: 'field', fieldId: 'field-comparator-type', optionIds: ['comparator-tau'] },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('pooled')).toBeTruthy());
    const studies = screen.getByTestId('contributions');
    expect(within(studies).getByRole('row', { name: /Hart/ }).textContent).toContain('Comparator type is not Treatment as usual');
    expect(screen.getAllByText('3', { selector: 'dd' }).length).toBe(1);
  });

  it('lists leave-one-out results and shows one as a forest plot; subgroups from a planned analysis', async () => {
    const api = await fleissReview();
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    const loo = screen.getByTestId('leave-one-out');
    expect(within(loo).getAllByRole('row')).toHaveLength(6);
    await user.click(within(loo).getByRole('button', { name: 'Show the forest plot without Hart' }));
    await waitFor(() =>
      expect(api.callsTo('analyses.run').at(-1)).toMatchObject({
        sensitivity: { kind: 'leave-one-out', studyId: fleissIds('Hart').study },
      }),
    );
    await waitFor(() => expect(svgOf(screen.getByRole('img', { name: /^Forest plot of 4 studies/ }))).not.toContain('>Hart<'));

    const planned = screen.getByRole('region', { name: 'Planned in the protocol' });
    const item = within(planned).getByText('Structured vs unstructured interventions').closest('li')!;
    await user.click(within(item).getByRole('button', { name: 'Show' }));
    expect((screen.getByLabelText('Subgroups by') as HTMLSelectElement).value).toBe('field-structured');
    await waitFor(() => expect(svgOf(screen.getByRole('img', { name: /^Forest plot/ }))).toContain('Unstructured'));
  });

  it('offers Egger’s test only from 10 studies and says why', async () => {
    const api = await fleissReview();
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    const egger = screen.getByRole('button', { name: 'Run Egger’s test' });
    expect((egger as HTMLButtonElement).disabled).toBe(true);
    expect(egger.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(egger.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Egger’s test is offered from 10 studies; this analysis has 5.',
    );
  });

  it('exports the forest plot as SVG and prints it from a print view', async () => {
    const api = await fleissReview();
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await user.click(screen.getByRole('button', { name: 'Export SVG' }));
    expect(names).toEqual(['forest-medical-utilisation-post-intervention.svg']);
    const text = await blobs[0]!.text();
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('>Wilson<');

    const print = vi.fn();
    window.print = print;
    await user.click(screen.getByRole('button', { name: 'Print / PDF' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const view = document.body.querySelector(':scope > .print-view')!;
    expect(view).toBeTruthy();
    expect(document.body.classList.contains('is-printing')).toBe(true);
    expect(view.querySelector('style')!.textContent).toContain('size: A4 landscape');
    expect(view.querySelector('figcaption')!.textContent).toContain('Studies: Davis, Florell, Gruen, Hart, Wilson.');
    act(() => void window.dispatchEvent(new Event('afterprint')));
    await waitFor(() => expect(document.body.querySelector('.print-view')).toBeNull());
    expect(document.body.classList.contains('is-printing')).toBe(false);
  });

  it('says which studies an analysis leaves out and why', async () => {
    const api = await fleissReview();
    // A trial that measured the outcome at the end of treatment but has no arms with data.
    const zed = await addStudy(api.client, 'Zed');
    await api.client.call('studyOutcomes.create', {
      studyId: zed.id,
      outcome: {
        outcomeId: 'outcome-utilisation',
        measure: 'Medical utilisation',
        direction: 'lower-better',
        dataType: 'continuous',
        notes: '',
      },
    });
    await api.client.call('timepoints.create', {
      studyId: zed.id,
      timepoint: { label: 'End of treatment', weeksAfterTreatment: 0, categoryOverride: null },
    });
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    const row = within(screen.getByTestId('contributions')).getByRole('row', { name: /Zed/ });
    expect(row.textContent).toContain('Excluded');
    expect(row.textContent).toContain('no usable data at End of treatment for both an intervention and a control arm');
  });
});

describe('Analysis view, live', () => {
  it('runs the open analysis again when the window regains focus after data changed elsewhere', async () => {
    const api = await fleissReview({ lowRob: ['Davis', 'Hart'] });
    const { user } = renderAnalyses(api);
    await openAnalysis(user);
    await user.selectOptions(screen.getByLabelText('Sensitivity analysis'), 'Low risk of bias only');
    await screen.findByRole('note', { name: 'Not possible' });
    // Judged in another window: the app hears nothing of it until it is focused again.
    await judgeRob1(api.elsewhere, fleissIds('Florell').study, judgedAll('low'));
    const runs = api.callsTo('analyses.run').length;
    act(() => void window.dispatchEvent(new Event('focus')));
    await waitFor(() => expect(api.callsTo('analyses.run').length).toBeGreaterThan(runs));
    await waitFor(() => expect(screen.getByRole('img', { name: /^Forest plot of 3 studies/ })).toBeTruthy());
    expect(screen.queryByRole('note', { name: 'Not possible' })).toBeNull();
  });
});
