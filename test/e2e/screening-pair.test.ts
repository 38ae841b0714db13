import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKappa, formatKappaCi } from '@grove/shared/agreement/index';
import { pageRpc } from './support/page-rpc.ts';
import { screeningSession, type ScreeningSession } from './support/screening-session.ts';
import { shot } from './support/shots.ts';

// Acceptance (issue 14): two reviewers in two browser contexts against one `grove serve`
// each screen a dual sample blind to the other; a conflict appears only after both have
// decided; a third reviewer resolves it; κ is shown; and each context's undo undoes only its
// own reviewer's decisions. Set GROVE_SHOTS=/some/dir to keep screenshots.

const RECORDS = 20;
/** First 50%: records 1–10 are screened by both. */
const SAMPLE = 10;
const naomi = (i: number) => (i <= 6 ? 'i' : 'e');
/** Claire disagrees on record 2 only. */
const claire = (i: number) => (i === 2 ? 'e' : naomi(i));

interface StageStatus {
  stage: string;
  decisions: Record<string, { include: number; exclude: number; maybe: number }>;
  conflicts: number;
  resolved: number;
  kappa: number | null;
  kappaCi: [number, number] | null;
}

/** The two screeners' pages, kept for the undo test. */
let naomiPage: Page;
let clairePage: Page;

let session: ScreeningSession;
beforeAll(async () => {
  session = await screeningSession('Screening in pairs', RECORDS);
}, 120_000);
afterAll(() => session?.close());

const reviewerPage = (name: string) => session.reviewerPage(name);

const title = (page: Page) => page.locator('#screen-record-title');
const onRecord = (page: Page, i: number) =>
  expect.poll(() => title(page).textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^Record ${i}:`));

async function status(page: Page): Promise<StageStatus> {
  const s = await pageRpc<{ stages: StageStatus[] }>(page, 'screening.status', {});
  return s.stages.find((x) => x.stage === 'title-abstract')!;
}
const conflictsTab = (page: Page) => page.getByRole('tab', { name: /^Conflicts/ });

describe('Screening in pairs (e2e)', () => {
  it('keeps two reviewers blind, raises the conflict after both decide, lets a third resolve it, and shows κ', async () => {
    const a = await reviewerPage('Naomi Lyons');
    await pageRpc(a, 'screening.settings.update', {
      patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'first-percent', percent: 50 } } } },
    });
    // The settings were changed behind the page's back: reload (the tab keeps its reviewer).
    await a.reload();
    await a.getByLabel('Title', { exact: true }).waitFor();
    await a.keyboard.press('Alt+3');
    await a.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
    await a.getByText('Reviewer: Naomi Lyons').first().waitFor();
    const b = await reviewerPage('Claire Cooper');
    naomiPage = a;
    clairePage = b;

    // Naomi screens the sample first.
    await a.keyboard.press('Alt+3');
    for (let i = 1; i <= SAMPLE; i++) {
      await onRecord(a, i);
      await a.keyboard.press(naomi(i));
    }
    await onRecord(a, SAMPLE + 1);

    // Claire sees none of it: not on the record, not in a conflict.
    await b.keyboard.press('Alt+3');
    await onRecord(b, 1);
    await b.keyboard.press(claire(1));
    await onRecord(b, 2);
    expect(await b.getByTestId('screen-mine').count()).toBe(0);
    expect(await b.getByText('Naomi Lyons').count()).toBe(0);
    await shot(b, 'pair-01-blind');
    expect((await status(a)).conflicts).toBe(0);
    await conflictsTab(b).click();
    await b.getByTestId('conflicts-empty').waitFor();
    await b.getByRole('tab', { name: 'Screen', exact: true }).click();
    await onRecord(b, 2);

    // Once both have decided record 2 differently, it is a conflict, for both to see.
    await b.keyboard.press(claire(2));
    for (let i = 3; i <= SAMPLE; i++) {
      await onRecord(b, i);
      await b.keyboard.press(claire(i));
    }
    await onRecord(b, SAMPLE + 1);
    expect((await status(b)).conflicts).toBe(1);
    await conflictsTab(b).click();
    await b.getByRole('table', { name: /side by side/ }).waitFor();
    await shot(b, 'pair-02-conflict');
    const sideBySide = b.getByRole('table', { name: /side by side/ });
    expect(await sideBySide.getByRole('row', { name: /Naomi Lyons.*Include/ }).count()).toBe(1);
    expect(await sideBySide.getByRole('row', { name: /Claire Cooper.*Exclude/ }).count()).toBe(1);

    // A third reviewer resolves it by keyboard, and reads κ.
    const c = await reviewerPage('Rosa Third');
    await conflictsTab(c).click();
    await c.getByTestId('conflicts-progress').waitFor();
    await c.keyboard.press('i');
    await c.getByTestId('conflicts-empty').waitFor();
    const done = await status(c);
    expect(done.conflicts).toBe(0);
    expect(done.resolved).toBe(1);
    expect(done.kappa).not.toBeNull();
    await c.getByRole('tab', { name: 'Agreement' }).click();
    const kappa = c.getByTestId('kappa-title-abstract');
    await expect
      .poll(() => kappa.textContent())
      .toBe(`${formatKappa(done.kappa!)}${done.kappaCi ? ` (${formatKappaCi(done.kappaCi)})` : ''}`);
    await shot(c, 'pair-03-agreement');
  }, 240_000);

  it('undoes only the context’s own reviewer’s decisions', async () => {
    const a = naomiPage;
    const b = clairePage;
    await a.getByRole('tab', { name: 'Screen', exact: true }).click();
    await b.getByRole('tab', { name: 'Screen', exact: true }).click();
    const before = await status(a);
    const aName = 'Naomi Lyons';
    const bName = 'Claire Cooper';
    const total = (s: StageStatus, n: string) => s.decisions[n]!.include + s.decisions[n]!.exclude + s.decisions[n]!.maybe;

    await a.locator('body').click();
    await a.keyboard.press('u');
    await onRecord(a, SAMPLE);
    await expect.poll(async () => total(await status(a), aName)).toBe(total(before, aName) - 1);
    expect(total(await status(a), bName)).toBe(total(before, bName));

    await b.locator('body').click();
    await b.keyboard.press('Control+z');
    await onRecord(b, SAMPLE);
    await expect.poll(async () => total(await status(b), bName)).toBe(total(before, bName) - 1);
    expect(total(await status(b), aName)).toBe(total(before, aName) - 1);
  }, 120_000);
});
