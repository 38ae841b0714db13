import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { useServedReview } from './support/served-review.ts';

// Issue 14, "who is working, per client": two people on one `grove serve`, each in their
// own browser. Each chooses who they are, edits, and undoes: their own edit only, even
// after the other's later one, and each keeps their reviewer across a reload.

const contexts: BrowserContext[] = [];

const review = useServedReview();

afterAll(async () => {
  for (const c of contexts) await c.close();
});

async function person(): Promise<Page> {
  const context = await review.browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(review.served.url);
  await page.getByLabel('Title', { exact: true }).waitFor();
  return page;
}

function statusBar(page: Page) {
  return page.getByRole('contentinfo', { name: 'Status' });
}

/** The status bar's reviewer: this browser's own. */
function reviewerShown(page: Page, name: string): Promise<void> {
  return statusBar(page)
    .getByRole('button', { name: new RegExp(`^Reviewer\\W*${name}$`) })
    .waitFor();
}

/** Picks `name` in the "Who is reviewing?" dialog, opened from the banner. */
async function becomeReviewer(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Choose reviewer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is reviewing?' });
  const me = dialog.getByRole('radio', { name: new RegExp(name) });
  await me.click(); // controlled: checked once the backend has answered
  await expect.poll(() => me.isChecked()).toBe(true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await reviewerShown(page, name);
}

async function addStudy(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Alt+4');
  await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
  await page.getByRole('button', { name: /Add study/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Add study' });
  await dialog.getByLabel('Study name').fill(label);
  await dialog.getByRole('button', { name: 'Add study' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: label }).waitFor();
}

/** Who the file says added each study (the change that created it, as the audit log keeps it). */
function addedBy(label: string): { studies: number; addedBy: string[] } {
  const db = readReviewDb(review.file);
  try {
    const studies = (db.prepare('SELECT COUNT(*) AS n FROM study WHERE label = ?').get(label) as { n: number }).n;
    const who = db
      .prepare(
        `SELECT c.reviewer_name AS name FROM change c
          WHERE c.label = ? AND c.undoes IS NULL ORDER BY c.id`,
      )
      .all(`Add study "${label}"`) as { name: string }[];
    return { studies, addedBy: who.map((w) => w.name) };
  } finally {
    db.close();
  }
}

describe('two reviewers on one grove serve (e2e)', () => {
  it('gives each browser its own reviewer, and each undo undoes only its own reviewer’s edit', async () => {
    const ann = await person();
    const bob = await person();
    // The team, added before either chose (each page's picker reads the list when it opens).
    await pageRpc(ann, 'reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } });
    await pageRpc(ann, 'reviewers.create', { reviewer: { name: 'Bob Baker', initials: 'BB', email: '' } });
    await becomeReviewer(ann, 'Ann Archer');
    await becomeReviewer(bob, 'Bob Baker');
    // Bob choosing himself did not make Ann's browser Bob's, not even after a reload.
    await ann.reload();
    await reviewerShown(ann, 'Ann Archer');
    await reviewerShown(bob, 'Bob Baker');

    await addStudy(ann, 'Archer 2024');
    await addStudy(bob, 'Baker 2025');
    expect(addedBy('Archer 2024')).toEqual({ studies: 1, addedBy: ['Ann Archer'] });
    expect(addedBy('Baker 2025')).toEqual({ studies: 1, addedBy: ['Bob Baker'] });
    // Each status bar offers its own reviewer's last change.
    await expect.poll(() => statusBar(ann).getByTitle('Add study "Archer 2024"').count()).toBe(1);
    await expect.poll(() => statusBar(bob).getByTitle('Add study "Baker 2025"').count()).toBe(1);

    // Ann undoes after Bob's later edit: her study goes, his stays.
    await ann.locator('body').press('Control+z');
    await ann.getByText('Undid: Add study "Archer 2024"', { exact: true }).first().waitFor();
    await ann.getByRole('button', { name: 'Archer 2024' }).waitFor({ state: 'detached' });
    expect(addedBy('Archer 2024').studies).toBe(0);
    expect(addedBy('Baker 2025').studies).toBe(1);

    // Bob's undo is his own edit, not Ann's redo or anything of hers.
    await bob.locator('body').press('Control+z');
    await bob.getByText('Undid: Add study "Baker 2025"', { exact: true }).first().waitFor();
    await bob.getByRole('button', { name: 'Baker 2025' }).waitFor({ state: 'detached' });
    expect(addedBy('Baker 2025').studies).toBe(0);
    // Ann can still redo hers: Bob's undo did not clear it.
    const annRedo = statusBar(ann).getByRole('button', { name: 'Redo' });
    await expect.poll(() => annRedo.isDisabled()).toBe(false);
    await annRedo.click();
    await ann.getByRole('button', { name: 'Archer 2024' }).waitFor();
    expect(addedBy('Archer 2024').studies).toBe(1);
  });

  it('refuses an undo that would overwrite someone else’s later change, and says who made it', async () => {
    const ann = await person();
    await becomeReviewer(ann, 'Ann Archer');
    await addStudy(ann, 'Clash 2026');
    const db = readReviewDb(review.file);
    let studyId: string;
    try {
      studyId = (db.prepare('SELECT id FROM study WHERE label = ?').get('Clash 2026') as { id: string }).id;
    } finally {
      db.close();
    }
    // Someone else (a call without a client id: the host's own client, with no reviewer) edits the study.
    await pageRpc(ann, 'studies.update', { id: studyId, patch: { notes: 'Added to by someone else' } });

    await ann.locator('body').press('Control+z');
    await ann.getByText('Could not undo', { exact: true }).first().waitFor();
    await ann
      .getByText('Cannot undo "Add study "Clash 2026"": the study it changed was changed since by someone with no reviewer chosen', {
        exact: false,
      })
      .first()
      .waitFor();
    expect(addedBy('Clash 2026').studies).toBe(1);
  });
});
