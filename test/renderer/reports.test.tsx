import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { fleissReview } from './support/fleiss-review.ts';
import type { RealBackend } from './support/real-backend.ts';

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  open?.close();
  open = null;
});

function renderReports(api: RealBackend) {
  open = api;
  const user = userEvent.setup();
  render(<App client={api.client} initialStage="reports" />);
  return { user };
}

function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    last = b as Blob;
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: last! });
  });
  return files;
}

const headers = (table: HTMLElement) =>
  within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent);

describe('Reports', () => {
  it('Table 1 shows the included studies with the default columns, and columns can be picked from the form', async () => {
    const api = await fleissReview();
    const { user } = renderReports(api);
    const preview = await screen.findByRole('region', { name: 'Table 1 Characteristics of included studies, print preview' });
    const table = within(preview).getByRole('table', { name: 'Table 1 Characteristics of included studies' });
    // Of the seed's default columns, this form has Country and Number randomised.
    expect(headers(table)).toEqual(['Study ID', 'Country', 'N']);
    const davis = within(table).getByRole('row', { name: /Davis/ });
    expect(davis.textContent).toBe('Davis[Davis et al. 1980]UK26');
    expect(within(preview).getByText('N total number of participants randomised')).toBeTruthy();

    await user.click(screen.getByText(/^Columns \(2 of 4 form fields\)/));
    await user.click(screen.getByRole('checkbox', { name: 'Comparator type' }));
    expect(headers(within(preview).getByRole('table'))).toEqual(['Study ID', 'Country', 'N', 'Comparator type']);
    expect(within(preview).getByRole('row', { name: /Hart/ }).textContent).toContain('Waiting list');
    await user.click(screen.getByRole('checkbox', { name: 'Country' }));
    expect(headers(within(preview).getByRole('table'))).toEqual(['Study ID', 'N', 'Comparator type']);
  });

  it('prints a table alone on the chosen paper and exports CSV and DOCX', async () => {
    const api = await fleissReview();
    const { user } = renderReports(api);
    await user.click(await screen.findByRole('tab', { name: 'Table 2: results' }));
    const preview = await screen.findByRole('region', { name: 'Table 2 Results of the main analyses, print preview' });
    const table = within(preview).getByRole('table');
    expect(headers(table)).toEqual([
      'Outcome',
      'Number of trials',
      'N',
      'SMD or MD (95% CI)',
      'P',
      'Heterogeneity I² (Chi², df)',
      'Duration of follow-up',
    ]);
    expect(within(table).getByRole('rowheader', { name: 'Post-intervention' })).toBeTruthy();
    const row = within(table).getByRole('row', { name: /Medical utilisation/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['5', '232', 'MD -0.74 (-1.46 to -0.02)', '0.04', '29 (5.66, 4)', 'End of treatment']);

    const print = vi.fn();
    window.print = print;
    await user.selectOptions(screen.getByLabelText('Paper'), 'letter');
    await user.selectOptions(screen.getByLabelText('Orientation'), 'portrait');
    await user.click(screen.getByRole('button', { name: 'Print / PDF' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const view = document.body.querySelector<HTMLElement>(':scope > .print-view')!;
    expect(view.querySelector('style')!.textContent).toContain('size: letter portrait');
    expect(within(view).getByRole('table', { name: 'Table 2 Results of the main analyses' })).toBeTruthy();
    act(() => void window.dispatchEvent(new Event('afterprint')));
    await waitFor(() => expect(document.body.querySelector('.print-view')).toBeNull());

    const files = captureDownloads();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(files[0]!.name).toBe('table-2-results.csv');
    const csv = await files[0]!.blob.text();
    expect(csv.split('\r\n')[1]).toBe(
      'Post-intervention,"Medical utilisation; Davis, Florell, Gruen, Hart, Wilson",5,232,MD -0.74 (-1.46 to -0.02),0.04,"29 (5.66, 4)",End of treatment',
    );

    await user.click(screen.getByRole('button', { name: 'Export DOCX' }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(files[1]!.name).toBe('table-2-results.docx');
    const zip = await JSZip.loadAsync(await files[1]!.blob.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Table 2 Results of the main analyses');
    expect(xml).toContain('MD -0.74 (-1.46 to -0.02)');
    // Portrait was chosen: no landscape section.
    expect(xml).not.toContain('w:orient="landscape"');
  });

  it('says why Table 2 is empty when no analysis can be pooled', async () => {
    const api = await fleissReview({ withData: false });
    const { user } = renderReports(api);
    await user.click(await screen.findByRole('tab', { name: 'Table 2: results' }));
    expect(await screen.findByText(/No analysis has enough studies for a meta-analysis yet/)).toBeTruthy();
  });

  it('drafts the results text of every analysis, copyable', async () => {
    const api = await fleissReview();
    const { user } = renderReports(api);
    await user.click(await screen.findByRole('tab', { name: 'Results text' }));
    const sentence =
      'Five trials provided usable post-intervention data for meta-analysis, which found weak evidence for an effect of the intervention on medical utilisation (MD -0.74 (-1.46 to -0.02), P = 0.04).';
    expect(await screen.findByText(sentence, { selector: 'p' })).toBeTruthy();
    expect((screen.getByLabelText('All sentences, to select and copy') as HTMLTextAreaElement).value).toBe(sentence);
    await user.click(screen.getByRole('button', { name: 'Copy all' }));
    expect(await navigator.clipboard.readText()).toBe(sentence);
    expect(await screen.findByText('Results text copied')).toBeTruthy();
  });
});
