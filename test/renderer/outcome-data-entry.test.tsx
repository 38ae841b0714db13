import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// The outcome data table and properties on the real backend: a tab-separated block pasted
// from Excel fills the cells from the focused one as one change and one undo; a wrong cell
// stops the whole block; an entered outcome's data type changes after a confirmation that
// clears its rows, while a derived outcome says why its type is fixed.

// jsdom has no CSS.escape (the stage uses it to focus the outline item it came back to).
const g = globalThis as unknown as { CSS?: { escape?: (s: string) => string } };
g.CSS ??= {};
g.CSS.escape ??= (s: string) => s.replace(/["\\]/g, '\\$&');

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

/** Fleiss 1993 with a second comparison whose outcome 2.1 "Admissions" has three entered dichotomous rows. */
async function withAdmissions(): Promise<RealBackend> {
  open = realBackend('fleiss1993');
  const { client } = open;
  await client.call('outline.add', { kind: 'comparison', name: 'Peer support versus waiting list' });
  const { id } = await client.call('outline.add', {
    kind: 'outcome',
    comparisonId: 'CMP-002',
    name: 'Admissions',
    dataType: 'dichotomous',
  });
  const studies = await client.call('studies.list', {});
  for (const label of ['Davis', 'Florell', 'Gruen']) {
    const study = studies.find((s) => s.label === label)!;
    await client.call('outcomes.rows.create', {
      outcomeId: id,
      studyId: study.id,
      values: { kind: 'dichotomous', events1: 1, total1: 10, events2: 2, total2: 10 },
    });
  }
  return open;
}

async function openOutcome(name: RegExp) {
  const user = userEvent.setup();
  render(<App client={open!.client} initialStage="analyses" />);
  const tree = await screen.findByRole('tree', { name: 'Comparisons and outcomes' }, { timeout: 10_000 });
  await user.click(await within(tree).findByRole('treeitem', { name }, { timeout: 10_000 }));
  await screen.findByRole('heading', { level: 2, name }, { timeout: 10_000 });
  return user;
}

const valuesOf = async (id: string) => (await open!.client.call('outcomes.get', { id })).rows.map((r) => [r.studyLabel, r.values]);

describe('the outcome data table takes a pasted block', () => {
  it('fills the cells from the focused one as one change, which one undo takes back', { timeout: 30_000 }, async () => {
    const { client, calls } = await withAdmissions();
    const before = await valuesOf('CMP-002.01');
    const user = await openOutcome(/^2\.1 Admissions/);
    const cell = await screen.findByRole('textbox', { name: 'Events (experimental) for Florell' });
    await user.click(cell);
    // Two rows of Excel cells, CRLF and a trailing line break as Excel copies them.
    await user.paste('5\t40\t8\t41\r\n6\t42\t9\t43\r\n');
    await waitFor(async () =>
      expect(await valuesOf('CMP-002.01')).toEqual([
        before[0],
        ['Florell', { kind: 'dichotomous', events1: 5, total1: 40, events2: 8, total2: 41 }],
        ['Gruen', { kind: 'dichotomous', events1: 6, total1: 42, events2: 9, total2: 43 }],
      ]),
    );
    expect(calls.filter((m) => m === 'outcomes.rows.updateMany')).toHaveLength(1);
    expect(calls.filter((m) => m === 'outcomes.rows.update')).toHaveLength(0);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Total (control) for Gruen' })).toHaveProperty('value', '43'));
    expect((await client.call('history.status', {})).undoLabel).toBe('Edit 2 rows in 2.1 Admissions');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await valuesOf('CMP-002.01')).toEqual(before));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Total (control) for Gruen' })).toHaveProperty('value', '10'));
  });

  it(
    'saves nothing when a cell does not read, and says so at the cell; a block past the table is refused whole',
    { timeout: 30_000 },
    async () => {
      const { calls } = await withAdmissions();
      const before = await valuesOf('CMP-002.01');
      const user = await openOutcome(/^2\.1 Admissions/);
      await user.click(await screen.findByRole('textbox', { name: 'Events (experimental) for Davis' }));
      await user.paste('5\t40\n50\t42');
      const florell = screen.getByRole('textbox', { name: 'Events (experimental) for Florell' });
      await waitFor(() => expect(florell.getAttribute('aria-invalid')).toBe('true'));
      expect(screen.getByTestId('paste-error').textContent).toContain('nothing was saved');
      expect(within(florell.closest('td')!).getByText('events cannot exceed the total')).toBeTruthy();
      expect(calls).not.toContain('outcomes.rows.updateMany');
      expect(await valuesOf('CMP-002.01')).toEqual(before);

      await user.click(screen.getByRole('textbox', { name: 'Events (experimental) for Gruen' }));
      await user.paste('1\n2');
      expect(screen.getByTestId('paste-error').textContent).toBe(
        'The pasted block has 2 rows, but the table has 1 row from Gruen down: nothing was pasted.',
      );
      expect(calls).not.toContain('outcomes.rows.updateMany');
    },
  );
});

describe('an outcome’s data type in its properties', () => {
  it(
    'changes an entered outcome’s type after confirming that its rows are deleted; undo brings them back',
    { timeout: 30_000 },
    async () => {
      const { client } = await withAdmissions();
      const before = await valuesOf('CMP-002.01');
      const user = await openOutcome(/^2\.1 Admissions/);
      const select = screen.getByRole('combobox', { name: 'Data type' });
      await user.selectOptions(select, 'continuous');
      const warning = await screen.findByText(/^Outcome 2\.1 has 3 data rows of dichotomous data/);
      expect(warning.textContent).toContain('changing its data type deletes them');
      // Nothing has changed yet; keeping the rows leaves it as it was.
      expect((await client.call('outcomes.get', { id: 'CMP-002.01' })).outcome.dataType).toBe('dichotomous');
      await user.click(screen.getByRole('button', { name: 'Keep the rows' }));
      expect(select).toHaveProperty('value', 'dichotomous');

      await user.selectOptions(select, 'continuous');
      await user.click(await screen.findByRole('button', { name: 'Delete the rows and change to continuous' }));
      await waitFor(async () => expect((await client.call('outcomes.get', { id: 'CMP-002.01' })).outcome.dataType).toBe('continuous'));
      expect(await valuesOf('CMP-002.01')).toEqual([]);
      await screen.findByText('No study has data for this outcome yet.');
      expect(screen.getAllByRole('columnheader', { name: 'SD' })).toHaveLength(2);

      await user.click(screen.getByRole('button', { name: 'Undo' }));
      await waitFor(async () => expect(await valuesOf('CMP-002.01')).toEqual(before));
      await waitFor(() => expect(screen.getByRole('combobox', { name: 'Data type' })).toHaveProperty('value', 'dichotomous'));
    },
  );

  it('says a derived outcome’s type is its planned outcome’s and offers no change', { timeout: 30_000 }, async () => {
    open = realBackend('fleiss1993');
    await openOutcome(/^1\.1 Medical utilisation/);
    expect(screen.queryByRole('combobox', { name: 'Data type' })).toBeNull();
    const props = screen.getByRole('region', { name: 'Properties' });
    expect(within(props).getAllByText('Continuous (mean, SD, N)').length).toBeGreaterThan(0);
    expect(within(props).getByText(/derived from the arm-level extraction, so its data type is the planned outcome’s/)).toBeTruthy();
  });
});
