import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { runGrove } from '../support/run-cli.ts';
import { cleanupTemp, launchBrowser, newReview, readReviewDb, startServe, type Served } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { shot } from './support/shots.ts';

// Acceptance (issue 16): two reviews served by two `grove serve` processes sync through a
// real PostgreSQL (test/support/postgres.ts; skipped, with the reason, where it is not
// installed). Ann sets the team server up in File › Team server… (the first sync registers
// the review), Ben (a fork, admitted as a member) sets up his and edits a study, presses
// Alt+S, and Ann sees his change after pressing Sync in her status bar.
// GROVE_SHOTS=/dir keeps screenshots of the status bar and the dialog.

const started = await startPostgres();
if (!started.ok) console.warn(`team-sync e2e skipped: ${started.reason}`);
const server: PostgresServer | null = started.ok ? started.server : null;

const PASSWORD = 'team-secret';
const DB = 'team';
let browser: Browser;
let ann: Served;
let ben: Served;
let reviewId = '';
const env = { PGPASSWORD: PASSWORD, PGPASSFILE: '/nonexistent/pgpass' };

async function setUp(page: Page, url: string) {
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Team server…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Team server' });
  await dialog.getByLabel('Server URL').fill(url);
  await dialog.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => dialog.getByTestId('sync-setup-status').textContent(), { timeout: 60_000 }).toMatch(/^Synced /);
  return dialog;
}

beforeAll(async () => {
  if (!server) return;
  for (const role of ['teamadmin', 'ann', 'ben']) await server.createRole(role, PASSWORD);
  await server.createDatabase(DB, 'teamadmin');
  const init = runGrove(['team', 'init', '--server', server.url('teamadmin', DB)], { env });
  expect(init.status, init.stderr).toBe(0);

  const file = await newReview('Team sync');
  {
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    const c = inProcessClient(backend.connect());
    await c.call('studies.create', { study: { label: 'Lyons 2020', status: 'included', identifiers: '', notes: 'Six-week groups' } });
    backend.closeFile();
  }
  const copy = path.join(path.dirname(file), 'ben.grove');
  forkReview(file, copy, 'Ben Berg');
  const db = readReviewDb(file);
  reviewId = db.prepare('SELECT id FROM review').pluck().get() as string;
  db.close();
  ann = await startServe(file, env);
  ben = await startServe(copy, env);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ann?.stop();
  await ben?.stop();
  server?.stop();
  cleanupTemp();
});

describe.skipIf(!server)('Syncing two reviews through a team server (e2e)', () => {
  it('Ann sets the server up, Ben syncs his edit, and Ann sees it after pressing Sync', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const a = await context.newPage();
    await a.goto(ann.url);
    await a.getByLabel('Title', { exact: true }).waitFor();
    await expect.poll(() => a.getByTestId('sync-status').textContent()).toMatch(/Team sync not set up/);
    await shot(a, 'sync-01-not-set-up');
    const dialogA = await setUp(a, server!.url('ann', DB));
    await shot(a, 'sync-02-dialog');
    await dialogA.getByRole('button', { name: 'Close' }).click();
    await dialogA.waitFor({ state: 'hidden' });
    // Registered by Ann's first sync, the review admits Ben (its owner runs add-member).
    const added = runGrove(['team', 'add-member', '--server', server!.url('ann', DB), '--review', reviewId, '--role', 'ben'], { env });
    expect(added.status, added.stderr).toBe(0);

    const b = await context.newPage();
    await b.goto(ben.url);
    await b.getByLabel('Title', { exact: true }).waitFor();
    const dialogB = await setUp(b, server!.url('ben', DB));
    await dialogB.getByRole('button', { name: 'Close' }).click();
    await dialogB.waitFor({ state: 'hidden' });
    const [study] = await pageRpc<{ id: string }[]>(b, 'studies.list', {});
    await pageRpc(b, 'studies.update', { id: study!.id, patch: { notes: 'Six-week groups, nurse-led' } });
    await b.keyboard.press('Alt+S');
    await expect.poll(() => b.getByTestId('sync-status').textContent(), { timeout: 60_000 }).toMatch(/Synced .*: 1 pushed, 0 pulled/);

    // Ann presses Sync: Ben's note comes in (with Ben himself, added by his fork): 2 pulled,
    // her own changes coming back from the server not counted. (Ben's sync pulled none: his
    // first push came back the same way.)
    await a.bringToFront();
    await a.getByTestId('sync-button').click();
    await expect.poll(() => a.getByTestId('sync-status').textContent(), { timeout: 60_000 }).toMatch(/Synced .*: 0 pushed, 2 pulled/);
    await shot(a, 'sync-03-pulled');
    const studies = await pageRpc<{ notes: string }[]>(a, 'studies.list', {});
    expect(studies[0]?.notes).toBe('Six-week groups, nurse-led');
    await context.close();
  }, 300_000);
});
