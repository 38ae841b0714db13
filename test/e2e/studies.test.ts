import { describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { useServedReview } from './support/served-review.ts';

// Acceptance: add a study with two reports through the Studies stage.

const review = useServedReview();

describe('Studies stage (e2e)', () => {
  it('adds a study with two reports, shows it and persists it', async () => {
    const page = await review.browser.newPage();
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();

      await page.getByRole('button', { name: /Add study/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Add study' });
      await dialog.getByLabel('Study name').fill('Zeta 2021');
      await dialog.getByRole('button', { name: '+ Add report' }).click();
      await dialog.getByRole('button', { name: '+ Add report' }).click();
      const r1 = dialog.getByRole('group', { name: 'Report 1' });
      const r2 = dialog.getByRole('group', { name: 'Report 2' });
      await r1.getByLabel('Title').fill('Zeta trial: main results');
      await r1.getByLabel('Year').fill('2021');
      await r1.getByLabel('DOI').fill('10.1000/zeta.2021');
      await r2.getByLabel('Title').fill('Zeta trial: protocol');
      await r2.getByLabel('Year').fill('2019');
      await dialog.getByRole('button', { name: 'Add study' }).click();
      await dialog.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Zeta 2021' }).waitFor();
      await page.getByRole('heading', { name: 'Reports (2)' }).waitFor();
      await page.getByText('Zeta trial: protocol').waitFor();
      await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');

      const db = readReviewDb(review.file);
      try {
        const study = db.prepare("SELECT id, status FROM study WHERE label = 'Zeta 2021'").get() as { id: string; status: string };
        expect(study.status).toBe('included');
        const reports = db.prepare('SELECT title, year, doi FROM report WHERE study_id = ? ORDER BY position').all(study.id);
        expect(reports).toEqual([
          { title: 'Zeta trial: main results', year: 2021, doi: '10.1000/zeta.2021' },
          { title: 'Zeta trial: protocol', year: 2019, doi: '' },
        ]);
      } finally {
        db.close();
      }

      // It is still there after a reload (the stage choice is view state and resets).
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+4');
      await page.getByRole('button', { name: 'Zeta 2021' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it('deletes a study after confirmation and brings it back with Undo', async () => {
    const page = await review.browser.newPage();
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page
        .getByRole('navigation', { name: 'Review stages' })
        .getByRole('button', { name: /Studies/ })
        .click();
      await page.getByRole('button', { name: 'Eisen 2012' }).click();
      await page.getByRole('button', { name: 'Delete study…' }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByRole('button', { name: 'Delete study' }).click();
      await page.getByRole('button', { name: 'Eisen 2012' }).waitFor({ state: 'detached' });
      const toast = page.locator('.toast', { hasText: 'Deleted study “Eisen 2012”' });
      await toast.getByRole('button', { name: /Undo/ }).click();
      await page.getByRole('button', { name: 'Eisen 2012' }).waitFor();
    } finally {
      await page.close();
    }
  });
});
