import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { cleanupTemp, launchBrowser, newReview, startServe, type Served } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { importScreeningRecords } from './support/screening-records.ts';
import { shot } from './support/shots.ts';

// Acceptance (issue 16): two copies of one review (a fork), where two reviewers screen and
// extract independently through the API, one field in conflict; Naomi's copy is merged
// into Claire's review through File › Merge a reviewer's copy…, κ shows on the Agreement
// tab, and the conflict is resolved in the queue by keyboard. GROVE_SHOTS=/dir keeps screenshots.

const RECORDS = 8;
let browser: Browser;
let served: Served;
let copy: string;

/** Runs `fn` against a review file through the API as `reviewer`. */
async function asReviewer(file: string, reviewer: string, fn: (c: ApiClient) => Promise<void>): Promise<void> {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  try {
    const c = inProcessClient(backend.connect());
    const id = (await c.call('reviewers.list', {})).find((r) => r.name === reviewer)?.id;
    if (!id) throw new Error(`${reviewer} is not a reviewer of ${file}`);
    await c.call('session.setReviewer', { reviewerId: id });
    await fn(c);
  } finally {
    backend.closeFile();
  }
}

async function screenAll(c: ApiClient, decide: (i: number) => 'include' | 'exclude') {
  const { records } = await c.call('screening.next', { stage: 'title-abstract', count: 50 });
  expect(records.length).toBe(RECORDS);
  for (const [i, r] of records.entries())
    await c.call('screening.decide', { stage: 'title-abstract', recordId: r.recordId, decision: decide(i) });
}

beforeAll(async () => {
  const file = await newReview('Merging copies');
  await importScreeningRecords(file, RECORDS);
  {
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    const c = inProcessClient(backend.connect());
    await c.call('reviewers.create', { reviewer: { name: 'Claire Cooper', initials: 'CC', email: '' } });
    await c.call('reviewers.create', { reviewer: { name: 'Naomi Lyons', initials: 'NL', email: '' } });
    await c.call('screening.settings.update', {
      patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'first-percent', percent: 100 } } } },
    });
    await c.call('studies.create', { study: { label: 'Lyons 2020', status: 'included', identifiers: '', notes: 'Six-week groups' } });
    backend.closeFile();
  }
  copy = path.join(path.dirname(file), 'naomi.grove');
  forkReview(file, copy, 'Naomi Lyons');
  // Each screens every record in their own copy (they disagree on the last one) and
  // each edits the study's notes: the one conflicting field.
  await asReviewer(file, 'Claire Cooper', async (c) => {
    await screenAll(c, (i) => (i < 4 || i === RECORDS - 1 ? 'include' : 'exclude'));
    const [study] = await c.call('studies.list', {});
    await c.call('studies.update', { id: study!.id, patch: { notes: 'Six-week groups, peer-led' } });
  });
  await asReviewer(copy, 'Naomi Lyons', async (c) => {
    await screenAll(c, (i) => (i < 4 ? 'include' : 'exclude'));
    const [study] = await c.call('studies.list', {});
    await c.call('studies.update', { id: study!.id, patch: { notes: 'Six-week groups, nurse-led' } });
  });
  served = await startServe(file);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  cleanupTemp();
});

describe('Merging a reviewer’s copy (e2e)', () => {
  it('merges through File › Merge, shows κ across the merged slots, and resolves the conflict in the queue', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await page.goto(served.url);
    await page.getByLabel('Title', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Merge a reviewer’s copy…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge a reviewer’s copy' });
    await dialog.getByLabel('Co-reviewer’s copy (.grove)').setInputFiles(copy);
    const report = page.getByTestId('merge-report');
    await report.waitFor({ timeout: 60_000 });
    await expect.poll(() => report.textContent()).toMatch(/1 conflict\b/);
    expect(await report.getByRole('row', { name: /Naomi Lyons/ }).count()).toBe(1);
    await shot(page, 'merge-01-report');

    // κ across Claire's and Naomi's slots: 7 of 8 agree.
    const status = await pageRpc<{ stages: { stage: string; kappa: number | null }[] }>(page, 'screening.status', {});
    expect(status.stages.find((s) => s.stage === 'title-abstract')?.kappa).not.toBeNull();

    await page.getByRole('button', { name: 'Resolve 1 conflict…' }).click();
    const queue = page.getByTestId('merge-conflicts');
    await queue.waitFor();
    await expect.poll(() => page.getByTestId('conflict-incoming').textContent()).toBe('Six-week groups, nurse-led');
    expect(await page.getByTestId('conflict-local').textContent()).toBe('Six-week groups, peer-led');
    await expect.poll(() => queue.getByRole('heading').textContent()).toBe('notes — study of Lyons 2020');
    await shot(page, 'merge-02-queue');
    await queue.focus();
    await page.keyboard.press('2');
    await page.getByTestId('merge-conflicts-empty').waitFor();
    const studies = await pageRpc<{ notes: string }[]>(page, 'studies.list', {});
    expect(studies[0]?.notes).toBe('Six-week groups, nurse-led');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
    await page.getByRole('tab', { name: 'Agreement' }).click();
    const kappa = page.getByTestId('kappa-title-abstract');
    await expect.poll(() => kappa.textContent(), { timeout: 15_000 }).toMatch(/\d/);
    await shot(page, 'merge-03-agreement');
    await context.close();
  }, 240_000);
});
