import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';
import { cleanupTemp, exampleCopy, launchBrowser, startServe, type Served } from './support/harness.ts';
import { SHOTS_DIR, shot } from './support/shots.ts';

// Acceptance (issue 6): File › Export › RevMan 5 downloads the example as an ISO-8859-1
// .rm5; File › Import RevMan file… brings that file back in as a new review beside the
// example, reports what came in, and opens it; a text file renamed .rm5 is refused with
// the backend's message and nothing is created or reloaded.

let browser: Browser;
let served: Served;
let file: string;
let dir: string;
let cleanupDir: () => void;

beforeAll(async () => {
  file = await exampleCopy();
  served = await startServe(file);
  browser = await launchBrowser();
  const t = tempDir('grove-e2e-rm5-');
  dir = t.dir;
  cleanupDir = t.cleanup;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  cleanupDir?.();
  cleanupTemp();
});

/** For the screenshots only: a FileReader that stops at 45% for a moment before reading. */
async function slowFileReader(page: Page) {
  await page.evaluate(() => {
    const Real = window.FileReader;
    class Slow extends Real {
      override readAsDataURL(blob: Blob) {
        const w = window as unknown as { slowReading?: boolean };
        w.slowReading = true;
        setTimeout(() => this.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded: 45, total: 100 })), 0);
        setTimeout(() => {
          w.slowReading = false;
          super.readAsDataURL(blob);
        }, 2500);
      }
    }
    window.FileReader = Slow;
  });
}

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Import RevMan file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import RevMan file' });
  await dialog.waitFor();
  return dialog;
}

describe('RevMan files in the workbench (e2e)', () => {
  it('exports RevMan 5, imports it back as a new review with a report, opens it, and refuses a text file', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    try {
      await page.goto(served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      const header = page.locator('.app-header__file');
      await expect.poll(() => header.textContent()).toBe('example.grove');

      // File › Export › RevMan 5, from the keyboard: Alt+F, End, ↑, Enter.
      await page.keyboard.press('Alt+F');
      const menu = page.getByRole('menu', { name: 'File' });
      await menu.waitFor();
      // After the browser host's own file commands (file-menu.test.ts): import, then export.
      const items = await menu.getByRole('menuitem').allTextContents();
      expect(items.slice(-6)).toEqual([
        'Import RevMan file…',
        'Merge a reviewer’s copy…',
        'Merge conflicts…',
        'Team server…',
        'RevMan 5 (.rm5)',
        'RevMan Web (.zip of RIS and CSV)',
      ]);
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowUp');
      await shot(page, 'rm5-file-menu');
      const downloading = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('example.rm5');
      const exported = path.join(dir, 'Peer support.rm5');
      await download.saveAs(exported);
      const bytes = fs.readFileSync(exported);
      expect(bytes.subarray(0, 60).toString('latin1')).toMatch(/^<\?xml version="1\.0" encoding="ISO-8859-1"/);
      const text = bytes.toString('latin1');
      expect(text).toContain('Rüsch 2014');
      expect(text).not.toContain('RÃ¼sch'); // not UTF-8 read as Latin-1
      await menu.waitFor({ state: 'detached' });

      // File › Import RevMan file… with that file: reading, importing, then the report.
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      let dialog = await openImport(page);
      if (SHOTS_DIR) {
        await slowFileReader(page);
        // Hold the import call a moment so the "Importing and checking" state can be seen.
        await page.route('**/rpc', async (route) => {
          if (route.request().postData()?.includes('"files.importRevman"')) await new Promise((r) => setTimeout(r, 1500));
          await route.continue();
        });
      }
      await dialog.getByLabel('RevMan 5 file (.rm5) or RevMan Web package (.zip)').setInputFiles(exported);
      if (SHOTS_DIR) {
        await dialog.getByText('Reading file… 45%').waitFor();
        await shot(page, 'rm5-import-reading');
        await dialog.getByRole('progressbar', { name: 'Importing and checking' }).waitFor();
        await shot(page, 'rm5-import-importing');
      }
      const report = page.getByRole('dialog', { name: 'RevMan file imported' });
      await report.waitFor({ timeout: 30_000 });
      const counts = report.getByRole('table', { name: 'Brought in' });
      await expect.poll(() => counts.getByRole('row').filter({ hasText: 'Studies' }).textContent()).toBe('Studies8');
      await report.getByText('Peer support.grove', { exact: true }).waitFor();
      const imported = path.join(path.dirname(file), 'Peer support.grove');
      await report.getByText(imported, { exact: true }).waitFor();
      expect(fs.existsSync(imported)).toBe(true);
      await shot(page, 'rm5-import-report');
      if (SHOTS_DIR) await page.unroute('**/rpc');

      // Open it: the page reloads on the imported review.
      await report.getByRole('button', { name: 'Open the imported review' }).click();
      await expect.poll(() => header.textContent(), { timeout: 15_000 }).toBe('Peer support.grove');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('button', { name: 'Rüsch 2014' }).waitFor();
      await shot(page, 'rm5-imported-studies');

      // A text file renamed .rm5: the backend's message, nothing created, nothing reloaded.
      const bad = path.join(dir, 'bad.rm5');
      fs.writeFileSync(bad, 'These are my notes about the review, not a RevMan file.\n');
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 2));
      dialog = await openImport(page);
      await dialog.getByLabel('RevMan 5 file (.rm5) or RevMan Web package (.zip)').setInputFiles(bad);
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('bad.rm5');
      await shot(page, 'rm5-import-error');
      expect(fs.existsSync(path.join(path.dirname(file), 'bad.grove'))).toBe(false);
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(2);

      // The same, dropped on the dialog (a real drop event with the file in its DataTransfer).
      const dataTransfer = await page.evaluateHandle(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['Dropped notes, not XML.'], 'dropped-notes.rm5'));
        return dt;
      });
      await dialog.getByRole('heading', { name: 'Import RevMan file' }).dispatchEvent('drop', { dataTransfer });
      await expect.poll(() => alert.textContent()).toContain('dropped-notes.rm5');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(2);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await header.textContent()).toBe('Peer support.grove');
    } finally {
      await page.close();
    }
  });
});
