import { describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { useServedReview } from './support/served-review.ts';

// Acceptance: edit the protocol in the browser, reload, see the edit, and find it in
// the review file itself.

const review = useServedReview();

describe('Protocol stage (e2e)', () => {
  it('autosaves an edit, keeps it across a reload and persists it in the SQLite file', async () => {
    const page = await review.browser.newPage();
    try {
      await page.goto(review.served.url);
      const question = page.getByLabel('Review question');
      await question.waitFor();
      // The token is taken out of the address bar once read.
      expect(page.url()).not.toContain('token=');

      const edited = 'Does group peer support improve recovery? (edited in e2e)';
      await question.fill(edited);
      const status = page.getByTestId('save-status');
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Saved');

      // A validation error is shown and the invalid value is not saved.
      const registration = page.getByLabel('Registration');
      const before = await registration.inputValue();
      await registration.fill('PROSPERO 123');
      await page.getByText('a PROSPERO ID has the form CRD followed by 11 digits, e.g. CRD42019145217', { exact: true }).waitFor();
      expect(await registration.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => status.textContent()).toMatch(/^Not saved: Registration: a PROSPERO ID/);
      await registration.fill(before);
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Saved');

      await page.reload();
      await page.getByLabel('Review question').waitFor();
      expect(await page.getByLabel('Review question').inputValue()).toBe(edited);

      const db = readReviewDb(review.file);
      try {
        const row = db.prepare('SELECT question, registration FROM protocol WHERE singleton = 1').get() as {
          question: string;
          registration: string;
        };
        expect(row.question).toBe(edited);
        expect(row.registration).toBe(before);
      } finally {
        db.close();
      }
    } finally {
      await page.close();
    }
  });

  it('undoes the last change from the status bar', async () => {
    const page = await review.browser.newPage();
    try {
      await page.goto(review.served.url);
      const population = page.getByLabel('Population');
      await population.waitFor();
      const original = await population.inputValue();
      await population.fill(`${original} Temporary.`);
      await population.blur();
      const status = page.getByTestId('save-status');
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Saved');
      await page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => page.getByLabel('Population').inputValue(), { timeout: 10_000 }).toBe(original);
    } finally {
      await page.close();
    }
  });
});
