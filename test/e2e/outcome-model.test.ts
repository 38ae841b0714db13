import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, OutcomeDetail } from '@grove/shared';
import { useServedReview } from './support/served-review.ts';
import { exampleCopy } from './support/harness.ts';
import { shot } from './support/shots.ts';

// Acceptance (issue 10, the one analysis model on a native review): on the Fleiss (1993)
// example, open outcome 1.1 from the outline with the keyboard; its data table shows the
// rows derived from the extraction with where each comes from; one study's arm-level
// result is typed into the Studies stage's results grid and the derived row and the forest
// plot follow; the row is detached with a reason (kept in the audit log), overridden at the
// cell, and the result follows. Rows entered directly take a block pasted from Excel as one
// change, which one undo takes back.

const session = useServedReview(() => exampleCopy('fleiss1993'));
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

const forestSrc = async (page: Page) =>
  decodeURIComponent((await page.getByRole('img', { name: /^Forest plot of/ }).getAttribute('src')) ?? '');

/** How the forest plot sits in its column: nothing scrolled or cut off, height following width. */
const forestFit = (page: Page) =>
  page.locator('.an-forest__img').evaluate((box) => {
    const img = box.querySelector('img')!;
    const r = img.getBoundingClientRect();
    const card = box.closest('section')!.getBoundingClientRect();
    return {
      clipped: box.scrollWidth > box.clientWidth || r.right > card.right,
      aspectKept: img.naturalWidth > 0 && Math.abs(r.height / r.width - img.naturalHeight / img.naturalWidth) < 0.01,
      fits: r.width <= box.clientWidth + 0.5,
    };
  });

describe('The one analysis model on a native review (e2e)', () => {
  it('shows derived rows with provenance, follows the extraction, and detaches a row with a reason', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(session.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();

      // The outline: comparison 1 and outcome 1.1 with their ids; keyboard: ↓ then Enter opens it.
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      const comparison = tree.getByRole('treeitem', { name: /^1 .*CMP-001$/ });
      await poll(() => comparison.count()).toBe(1);
      expect(await tree.getByRole('treeitem', { name: /^1\.1 Medical utilisation: post-intervention CMP-001\.01$/ }).count()).toBe(1);
      await comparison.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: /1\.1 Medical utilisation: post-intervention/ }).waitFor();
      const estimate = page.getByTestId('pooled-estimate');
      await poll(() => estimate.textContent()).toBe('-0.74 [-1.46, -0.02]');

      // Derived rows, each saying where it comes from, read-only.
      const table = page.getByTestId('data-rows');
      const davis = table.getByRole('row', { name: /^Davis/ });
      await poll(() => davis.textContent()).toContain('Derived');
      const before = await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-001.01' });
      const row = before.rows.find((r) => r.studyLabel === 'Davis')!;
      if (row.origin !== 'derived' || row.values.kind !== 'continuous') throw new Error('Davis: a derived continuous row expected');
      expect(await davis.textContent()).toContain(`at ${row.provenance.timepointLabel}`);
      expect(await davis.textContent()).toContain(row.provenance.interventionArms[0]!.label);
      expect(await davis.getByRole('textbox').count()).toBe(0);
      await shot(page, 'outcome-native-derived', { fullPage: true });

      // The forest plot fits the outcome page's column at 1280 and 1440 px: scaled with its
      // aspect kept, never clipped; "Open full size" shows it at its full size.
      for (const width of [1280, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await poll(() => forestFit(page)).toMatchObject({ clipped: false, aspectKept: true, fits: true });
      }
      await page.getByRole('button', { name: 'Open full size' }).click();
      const full = page.getByRole('dialog', { name: /^Forest plot: / });
      await poll(() => full.getByRole('img').evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width)).toBe(
        await page.locator('.an-forest__img img').evaluate((img: HTMLImageElement) => Number(img.getAttribute('width'))),
      );
      await page.keyboard.press('Escape');
      await full.waitFor({ state: 'detached' });

      // One study's arm-level result is typed into the Studies stage's results grid, as a
      // reviewer enters it (keyboard only); back in Analyses the derived row and the forest plot follow.
      const plotBefore = await forestSrc(page);
      const newMean = String(row.values.mean1 + 5);
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('button', { name: 'Davis', exact: true }).click();
      await page.getByRole('tab', { name: 'Outcome data' }).click();
      const meanCell = page.getByLabel(
        `Mean, ${row.provenance.interventionArms[0]!.label}, Medical utilisation at ${row.provenance.timepointLabel}`,
        { exact: true },
      );
      await poll(() => meanCell.inputValue()).toBe(String(row.values.mean1));
      await meanCell.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(newMean);
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');
      await shot(page, 'outcome-native-typed-in-studies', { fullPage: true });

      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
      const outcomeItem = tree.getByRole('treeitem', { name: /^1\.1 Medical utilisation: post-intervention CMP-001\.01$/ });
      await outcomeItem.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: /1\.1 Medical utilisation: post-intervention/ }).waitFor();
      await poll(() => davis.textContent()).toContain('Derived');
      const davisMean = davis.getByLabel('Mean (experimental) for Davis');
      await poll(() => davisMean.textContent()).toBe(newMean);
      expect(await davis.textContent()).toContain(`at ${row.provenance.timepointLabel}`);
      await poll(() => forestSrc(page)).not.toBe(plotBefore);
      expect(await forestSrc(page)).toContain(`>${newMean}<`);
      const changed = await estimate.textContent();
      expect(changed).not.toBe('-0.74 [-1.46, -0.02]');

      // Detach Davis's row with a reason: it becomes the reviewer's own, editable at the cell.
      await davis.getByRole('button', { name: 'Detach…' }).click();
      const reason = 'Author supplied corrected means by e-mail';
      await page.getByLabel(/Why is the derived row overridden/).fill(reason);
      await page.getByRole('button', { name: 'Detach and override' }).click();
      await poll(() => davis.textContent()).toContain(`Overridden: ${reason}`);
      const cell = davis.getByRole('textbox', { name: 'Mean (experimental) for Davis' });
      await cell.fill('abc');
      await cell.press('Tab');
      await poll(() => davis.textContent()).toContain('“abc” is not a number');
      await cell.fill(String(row.values.mean1));
      await cell.press('Enter');
      // Back to the original mean: the pooled result is the original one again, from the detached row.
      await poll(() => estimate.textContent()).toBe('-0.74 [-1.46, -0.02]');
      const after = await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-001.01' });
      const detached = after.rows.find((r) => r.studyLabel === 'Davis')!;
      expect(detached.origin).toBe('detached');
      expect(detached.origin === 'detached' && detached.reason).toBe(reason);
      const audit = await session.rpc<AuditEntry[]>('audit.list', { limit: 20 });
      expect(audit.some((e) => e.summary.includes(reason))).toBe(true);
      await shot(page, 'outcome-native-detached', { fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('adds a comparison and an outcome in the outline, enters rows directly, moves, deletes and undoes', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(session.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      await tree.getByRole('treeitem').first().waitFor();

      await page.getByRole('button', { name: 'Add comparison' }).click();
      await page.getByLabel('Name of the new comparison').fill('Peer support versus waiting list');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      const comparison = tree.getByRole('treeitem', { name: /^2 Peer support versus waiting list CMP-002$/ });
      await comparison.waitFor();
      await page.getByRole('button', { name: 'Add outcome' }).click();
      await page.getByLabel('Name of the new outcome').fill('Admissions');
      await page.getByLabel('Data type').selectOption('dichotomous');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: /2\.1 Admissions/ }).waitFor();

      // Direct rows, as in RevMan: a wrong cell is named at the cell; two studies give a forest plot.
      const addRow = async (study: string, cells: [string, string, string, string]) => {
        await page.getByRole('button', { name: 'Add a study’s row' }).click();
        const form = page.getByRole('form', { name: 'Add a row' });
        await form.getByLabel('Study').selectOption({ label: study });
        for (const [i, id] of ['an-add-events1', 'an-add-total1', 'an-add-events2', 'an-add-total2'].entries())
          await form.locator(`#${id}`).fill(cells[i]!);
        await form.getByRole('button', { name: 'Add row' }).click();
        return form;
      };
      const bad = await addRow('Davis', ['30', '20', '6', '21']);
      await poll(() => bad.textContent()).toContain('events cannot exceed the total');
      await bad.locator('#an-add-events1').fill('3');
      await bad.getByRole('button', { name: 'Add row' }).click();
      await page
        .getByTestId('data-rows')
        .getByRole('row', { name: /^Davis/ })
        .waitFor();
      await addRow('Hart', ['2', '15', '5', '14']);
      await page.getByRole('img', { name: /^Forest plot of 2 studies/ }).waitFor();
      expect(await page.getByTestId('data-rows').getByRole('row', { name: /^Hart/ }).textContent()).toContain('Entered');

      // A block copied from Excel, pasted at Davis's first cell: both rows change as one change; one undo takes it back.
      const rowsBefore = (await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-002.01' })).rows.map((r) => r.values);
      const first = page.getByRole('textbox', { name: 'Events (experimental) for Davis' });
      await first.focus();
      await first.evaluate((el, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, '4\t22\t7\t23\r\n3\t16\t6\t17\r\n');
      await poll(async () => (await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-002.01' })).rows.map((r) => r.values)).toEqual([
        { kind: 'dichotomous', events1: 4, total1: 22, events2: 7, total2: 23 },
        { kind: 'dichotomous', events1: 3, total1: 16, events2: 6, total2: 17 },
      ]);
      await poll(() => page.getByRole('textbox', { name: 'Total (control) for Hart' }).inputValue()).toBe('17');
      await page.getByRole('button', { name: 'Undo' }).click();
      await poll(async () => (await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-002.01' })).rows.map((r) => r.values)).toEqual(
        rowsBefore,
      );
      await poll(() => page.getByRole('textbox', { name: 'Total (control) for Hart' }).inputValue()).toBe('14');

      // A property refused at its field: the scale is a positive number.
      const scale = page.getByLabel('Forest plot scale (blank: automatic)');
      await scale.fill('-2');
      await scale.blur();
      await poll(() => scale.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#an-p-scale-error').textContent()).toBe('“-2” is not a positive number');
      await scale.fill('');
      await scale.blur();
      await poll(() => scale.getAttribute('aria-invalid')).toBeNull();

      // Move comparison 2 up: it is numbered 1, its id stays.
      await comparison.click();
      await page.getByRole('button', { name: 'Move up' }).click();
      await tree.getByRole('treeitem', { name: /^1 Peer support versus waiting list CMP-002$/ }).waitFor();
      await tree.getByRole('treeitem', { name: /^1\.1 Admissions CMP-002\.01$/ }).waitFor();

      // Delete the outcome (after confirming), then undo brings it back with its rows.
      await tree.getByRole('treeitem', { name: /^1\.1 Admissions/ }).click();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
      await poll(() => tree.getByRole('treeitem', { name: /Admissions/ }).count()).toBe(0);
      await page.getByRole('button', { name: 'Undo' }).click();
      await tree.getByRole('treeitem', { name: /^1\.1 Admissions CMP-002\.01$/ }).waitFor();
      const back = await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-002.01' });
      expect(back.rows.map((r) => r.studyLabel)).toEqual(['Davis', 'Hart']);
      await shot(page, 'outcome-direct-rows', { fullPage: true });
    } finally {
      await page.close();
    }
  });
});
