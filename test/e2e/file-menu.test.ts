import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROVE_BIN, REPO_ROOT, tempDir } from '../support/temp.ts';
import { cleanupTemp, exampleCopy, launchBrowser, readReviewDb, startServe, type Served } from './support/harness.ts';

// Issue 12 item 7: the browser host's File menu has what the desktop menu has — New review,
// Open review (a file in the Grove data folder, or one uploaded through the streamed upload
// path), the recent reviews and Save a copy as — and switching files releases the lock of
// the review left. On the main this issue starts from, the menu has only Import and Export.

let browser: Browser;
let served: Served;
let example: string;
let elsewhere: string;
let data: string;
let cleanupData: () => void;

async function grove(...args: string[]): Promise<void> {
  const child = spawn(process.execPath, [GROVE_BIN, ...args], { cwd: REPO_ROOT, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`grove ${args.join(' ')} failed with ${code}`);
}

beforeAll(async () => {
  example = await exampleCopy();
  elsewhere = await exampleCopy('fleiss1993');
  const t = tempDir('grove-e2e-data-');
  data = t.dir;
  cleanupData = t.cleanup;
  await grove('new', path.join(data, 'Other review.grove'), '--title', 'The other review');
  served = await startServe(example, { GROVE_DATA_DIR: data });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  cleanupData?.();
  cleanupTemp();
});

const lockOf = (file: string) => `${file}.lock`;

async function fileMenu(page: Page, item: string) {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function openFileIs(page: Page, name: string) {
  await expect.poll(() => page.locator('.app-header__file').textContent(), { timeout: 20_000 }).toBe(name);
}

describe('the File menu of grove serve (e2e)', () => {
  it('makes a new review, opens one from the data folder, one from the recent list and one uploaded, saves a copy, and releases each lock it leaves', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    try {
      await page.goto(served.url);
      await openFileIs(page, 'example.grove');
      expect(fs.existsSync(lockOf(example))).toBe(true);

      // New review…: created in the data folder and opened; the example's lock is released.
      await fileMenu(page, 'New review…');
      const create = page.getByRole('dialog', { name: 'New review' });
      await create.getByLabel('File name').fill('Fresh');
      await create.getByLabel('Review title (optional)').fill('A fresh review');
      await create.getByRole('button', { name: 'Create and open' }).click();
      const fresh = path.join(data, 'Fresh.grove');
      await openFileIs(page, 'Fresh.grove');
      await expect.poll(() => page.locator('.app-header__title').textContent()).toBe('A fresh review');
      expect(fs.existsSync(lockOf(fresh))).toBe(true);
      expect(fs.existsSync(lockOf(example))).toBe(false);

      // Open review…: the data folder's reviews.
      await fileMenu(page, 'Open review…');
      const open = page.getByRole('dialog', { name: 'Open review' });
      await open.getByRole('button', { name: /Other review\.grove/ }).click();
      await openFileIs(page, 'Other review.grove');
      expect(fs.existsSync(lockOf(fresh))).toBe(false);

      // Recent: the reviews left, most recent first; choosing one opens it.
      await page.getByRole('button', { name: 'File', exact: true }).click();
      const menu = page.getByRole('menu', { name: 'File' });
      await expect
        .poll(() => menu.getByRole('menuitem').allTextContents())
        .toEqual(expect.arrayContaining(['Fresh.grove', 'example.grove']) as unknown as string[]);
      await menu.getByRole('menuitem', { name: 'Recent: example.grove', exact: true }).click();
      await openFileIs(page, 'example.grove');
      expect(fs.existsSync(lockOf(path.join(data, 'Other review.grove')))).toBe(false);

      // Save a copy as…: a consistent copy in the data folder; the example stays open.
      await fileMenu(page, 'Save a copy as…');
      const copy = page.getByRole('dialog', { name: 'Save a copy as' });
      await copy.getByLabel('File name of the copy').fill('Example copy');
      await copy.getByRole('button', { name: 'Save copy' }).click();
      await page.getByText('Saved a copy as Example copy.grove').first().waitFor();
      await openFileIs(page, 'example.grove');
      const copied = readReviewDb(path.join(data, 'Example copy.grove'));
      try {
        expect(copied.pragma('integrity_check', { simple: true })).toBe('ok');
        const studies = (copied.prepare('SELECT COUNT(*) AS n FROM study').get() as { n: number }).n;
        expect(studies).toBeGreaterThan(0);
      } finally {
        copied.close();
      }

      // Open review… › a .grove from elsewhere: streamed up, copied into the data folder, opened.
      await fileMenu(page, 'Open review…');
      await page
        .getByRole('dialog', { name: 'Open review' })
        .getByLabel('Or open a review file from elsewhere (.grove)')
        .setInputFiles(elsewhere);
      await openFileIs(page, 'fleiss.grove');
      expect(fs.existsSync(path.join(data, 'fleiss.grove'))).toBe(true);
      expect(fs.existsSync(lockOf(example))).toBe(false);
      // The upload's temporary file is gone.
      expect(fs.readdirSync(path.dirname(example)).filter((n) => n.startsWith('.grove-upload-'))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
