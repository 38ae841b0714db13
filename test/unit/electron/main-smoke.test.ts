import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The bundled main process, run under plain Node with a fake `electron` module
// (fixtures/fake-electron.cjs). This checks the wiring main.ts does (window options,
// app:// handler, the IPC channel bound to the real backend, navigation guards,
// permissions, menu) without an Electron binary. What only real Electron/Chromium can
// show (the sandbox, the CSP being enforced, contextBridge) is out of reach here.

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const FAKE = path.join(import.meta.dirname, 'fixtures', 'fake-electron.cjs');
let work: string;
let mainBundle: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-main-smoke-'));
  mainBundle = path.join(work, 'main.cjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'electron', 'main.ts')],
    outfile: mainBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3'],
    logLevel: 'silent',
    // Resolve better-sqlite3 from the repository, not from the temporary folder.
    nodePaths: [path.join(ROOT, 'node_modules')],
  });
}, 60_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// The fixture's JSON report; loosely typed on purpose, the assertions check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = Record<string, any>;

function runMain(userData: string, args: string[] = []): Report {
  const result = spawnSync(process.execPath, ['-r', FAKE, mainBundle, ...args], {
    env: { ...process.env, FAKE_USER_DATA: userData, FAKE_APP_PATH: ROOT, NODE_PATH: path.join(ROOT, 'node_modules') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('SMOKE '));
  if (!line) throw new Error(`main.cjs did not report:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line.slice('SMOKE '.length));
}

describe('electron/main.ts under a fake Electron', () => {
  it('starts securely with the example review and serves, validates and guards', () => {
    const userData = fs.mkdtempSync(path.join(work, 'ud-'));
    const out = runMain(userData);

    expect(out.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(out.preloadName).toBe('preload.cjs');
    expect(out.sandboxEnabled).toBe(true);
    expect(out.loadedUrl).toBe('app://grove/index.html');
    expect(out.privileged[0].privileges).not.toHaveProperty('corsEnabled');
    expect(out.privileged[0].privileges).not.toHaveProperty('bypassCSP');

    const rendererBuilt = fs.existsSync(path.join(ROOT, 'renderer', 'dist', 'index.html'));
    expect(out.index.status).toBe(rendererBuilt ? 200 : 404);
    expect(out.index.csp).toContain("script-src 'self'");
    expect(out.traversal.status).toBe(403);
    expect(out.post.status).toBe(405);
    expect(out.missing.status).toBe(404);

    expect(out.channels).toEqual(['grove:invoke']);
    expect(out.info).toMatchObject({ ok: true, value: { host: 'electron', file: { name: 'Example review.grove' }, capabilities: { nativeFileDialogs: true } } });
    expect(out.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(out.proto).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    expect(out.prevented).toBe(3);
    expect(out.opened).toEqual(['https://example.org/paper', 'https://doi.org/x']);
    expect(out.windowOpen).toEqual([{ action: 'deny' }, { action: 'deny' }]);
    expect(out.permissionGranted).toBe(false);
    expect(out.permissionCheck).toBe(false);
    expect(out.httpCancelled).toBe(true);
    expect(out.menu).toEqual(['File', 'Edit', 'View', 'help']);

    // The example was created in the user-data folder, remembered, and checkpointed on quit.
    const example = path.join(userData, 'Example review.grove');
    expect(out.recentDocs).toEqual([example]);
    expect(fs.existsSync(`${example}-wal`) && fs.statSync(`${example}-wal`).size > 0).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'recent-files.json'), 'utf8')).files).toEqual([example]);
  }, 60_000);

  it('opens the file named on the command line, and reopens the last one next time', () => {
    const userData = fs.mkdtempSync(path.join(work, 'ud-'));
    runMain(userData); // creates the example
    const example = path.join(userData, 'Example review.grove');
    const copy = path.join(work, 'named.grove');
    fs.copyFileSync(example, copy);

    const named = runMain(userData, [copy]);
    expect(named.info.value.file.path).toBe(copy);
    expect(named.title).toBe('named.grove — Grove');

    const again = runMain(userData);
    expect(again.info.value.file.path).toBe(copy);
  }, 60_000);

  it('reports a file that is not a review instead of crashing', () => {
    const userData = fs.mkdtempSync(path.join(work, 'ud-'));
    const notes = path.join(work, 'notes.txt');
    fs.writeFileSync(notes, 'just some notes\n');
    const out = runMain(userData, [notes]);
    expect(out.dialogs).toHaveLength(1);
    expect(out.dialogs[0]).toMatchObject({ type: 'error', message: 'Grove could not open notes.txt.' });
    expect(out.dialogs[0].detail).toMatch(/not a Grove review/);
    expect(out.info).toMatchObject({ ok: true, value: { file: null } });
  }, 60_000);
});
