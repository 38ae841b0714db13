import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { GROVE_BIN, REPO_ROOT } from '../../support/temp.ts';

// Records for the screening e2e tests and the paint benchmark: a RIS export of N made-up
// but realistic records (title, authors, journal, year, abstract), the same for a given N
// every run, imported into a review with `grove import` as a user would.

const WORDS = (
  'peer support group intervention mental health randomised controlled trial recovery wellbeing community service users ' +
  'depression anxiety psychosis outcomes quality life hope empowerment self-efficacy loneliness social inclusion ' +
  'mixed methods qualitative pilot feasibility cohort cross-sectional survey rats mice animal model adolescents adults ' +
  'older people carers staff training online digital face-to-face weekly sessions facilitated lived experience'
).split(' ');
const NAMES = ['Smith', 'Okafor', 'Nguyen', 'García', 'Lyons', 'Cooper', 'Khan', 'Müller', 'Rossi', 'Tanaka', 'Brown', 'Silva'];
const JOURNALS = ['BMC Psychiatry', 'Psychiatric Services', 'The Lancet Psychiatry', 'BMJ Open', 'Trials', 'J Ment Health'];

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The RIS text of `n` records; record i's title starts "Record i:" so a test can tell them apart. */
export function screeningRis(n: number): string {
  const rnd = random(n);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sentence = (len: number) => Array.from({ length: len }, () => pick(WORDS)).join(' ');
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    const abstract = Array.from({ length: 6 + Math.floor(rnd() * 6) }, () => `${sentence(12 + Math.floor(rnd() * 10))}.`).join(' ');
    out.push(
      'TY  - JOUR',
      `TI  - Record ${i}: ${sentence(8 + Math.floor(rnd() * 6))}`,
      ...Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => `AU  - ${pick(NAMES)}, ${String.fromCharCode(65 + Math.floor(rnd() * 26))}.`),
      `PY  - ${1995 + Math.floor(rnd() * 30)}`,
      `T2  - ${pick(JOURNALS)}`,
      `AB  - ${abstract}`,
      'ER  - ',
      '',
    );
  }
  return out.join('\n');
}

/** Writes the export beside the review and imports it as one database search. */
export async function importScreeningRecords(reviewFile: string, n: number): Promise<void> {
  const exportFile = path.join(path.dirname(reviewFile), `screening-${n}.ris`);
  fs.writeFileSync(exportFile, screeningRis(n));
  const child = spawn(
    process.execPath,
    [GROVE_BIN, 'import', reviewFile, exportFile, '--source', 'MEDLINE', '--searched', '2026-01-15'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`grove import of ${n} records failed with ${code}: ${err}`);
}

/** Opens the workbench at `url` as reviewer `name` (added on first use), on the Screening stage. */
export async function openScreeningAs(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Title', { exact: true }).waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: /^(Reviewer:|Who is reviewing\?)/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is reviewing?' });
  const existing = dialog.getByRole('radio', { name });
  if (await existing.count()) await existing.check();
  else {
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Initials').fill(
      name
        .split(' ')
        .map((w) => w[0])
        .join(''),
    );
    await dialog.getByRole('button', { name: 'Add and use this reviewer' }).click();
  }
  await page.getByText(`Reviewer: ${name}`).first().waitFor();
  await page.keyboard.press('Escape');
  // The dialog asks before dropping typed text, even once "Add" has used it.
  const discard = page.getByRole('alertdialog').getByRole('button', { name: 'Discard' });
  if (await discard.waitFor({ timeout: 1500 }).then(() => true, () => false)) await discard.click();
  // (By CSS: while the question is open the dialog is hidden from the accessibility tree.)
  await page.locator('[role="dialog"][data-state="open"]').waitFor({ state: 'detached' });
}

/** The page's document, typed for what these helpers read (this file is also compiled without the DOM, for the benchmark). */
interface PageDocument {
  querySelector(selector: string): { textContent: string | null } | null;
}
/** Waits until every decision made on the page is saved (they are sent in the background). */
export async function decisionsSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const sending = doc.querySelector('.screen__sending')?.textContent ?? '';
      return !/Saving/.test(sending) && doc.querySelector('[data-testid="save-status"]')?.textContent === 'Saved';
    },
    undefined,
    { timeout: 15_000 },
  );
}
