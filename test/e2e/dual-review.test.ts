import { describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';
import { saved } from './support/save-status.ts';

// Acceptance: two reviewers extract the same field differently, each in their own slot; the
// Compare view shows the disagreement; the consensus is recorded (with who decided) and
// persists in the review file. Set GROVE_SHOTS=/some/dir to keep screenshots.

const review = useServedReview();

const rpc = pageRpc;

describe('Dual extraction (e2e)', () => {
  it('two reviewers extract differently, Compare shows it, and the consensus persists', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 860 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      const a = await rpc<{ id: string }>(page, 'reviewers.create', { reviewer: { name: 'Naomi Lyons', initials: 'NL', email: '' } });
      const b = await rpc<{ id: string }>(page, 'reviewers.create', { reviewer: { name: 'Claire Cooper', initials: 'CC', email: '' } });
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('button', { name: 'Cook 2012a' }).click();
      await page.getByRole('tab', { name: 'Characteristics' }).click();

      // Switch dual extraction on: A and B, working as A.
      await page.getByRole('checkbox', { name: /Dual extraction/ }).check();
      await page.getByLabel('Reviewer A').selectOption(a.id);
      await page.getByLabel('Reviewer B').selectOption(b.id);
      await page.getByLabel('Working as').selectOption(a.id);
      await page.getByText('You are extracting as Naomi Lyons').waitFor();
      const randomised = page.getByLabel('Number randomised (participants)', { exact: true });
      await randomised.fill('428');
      await randomised.press('Tab');
      await saved(page);

      // B extracts the same field differently.
      await page.getByLabel('Working as').selectOption(b.id);
      await page.getByText('You are extracting as Claire Cooper').waitFor();
      // B starts from their own (empty) slot, not A's value.
      await expect.poll(() => randomised.inputValue()).toBe('');
      await randomised.fill('482');
      await randomised.press('Tab');
      await saved(page);

      // Compare: the disagreement is highlighted; J goes to it, B takes B's value.
      await page.getByRole('button', { name: 'Compare A and B' }).click();
      const row = page.getByRole('row', { name: /^Number randomised: Disagree\. A 428 participants, B 482 participants/ });
      await row.waitFor();
      await shot(page, 'dual-01-compare');
      await page.keyboard.press('j');
      await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('b');
      const resolved = page.getByRole('row', { name: /^Number randomised: Resolved\..*consensus 482 participants/ });
      await resolved.waitFor();
      await resolved.getByText('decided by Claire Cooper').waitFor();
      await saved(page);
      await shot(page, 'dual-02-resolved');

      // A reload shows the same (the setting belongs to the review, kept by the browser).
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+4');
      await page.getByRole('button', { name: 'Cook 2012a' }).click();
      await page.getByRole('tab', { name: 'Characteristics' }).click();
      await page.getByRole('row', { name: /^Number randomised: Resolved\./ }).waitFor();

      const db = readReviewDb(review.file);
      try {
        const rows = db
          .prepare(
            `SELECT cv.slot, cv.value, cv.decided_by FROM characteristic_value cv JOIN study s ON s.id = cv.study_id
             WHERE s.label = 'Cook 2012a' AND cv.field_id = 'field-randomised' ORDER BY cv.slot`,
          )
          .all() as { slot: string; value: string; decided_by: string | null }[];
        const bySlot = Object.fromEntries(rows.map((r) => [r.slot, r]));
        expect(JSON.parse(bySlot[a.id]!.value)).toBe(428);
        expect(JSON.parse(bySlot[b.id]!.value)).toBe(482);
        expect(JSON.parse(bySlot.final!.value)).toBe(482);
        expect(bySlot.final!.decided_by).toBe(b.id);
      } finally {
        db.close();
      }
    } finally {
      await page.close();
    }
  });
});
