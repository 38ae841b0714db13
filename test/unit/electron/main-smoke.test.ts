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
      spellcheck: false,
    });
    expect(out.spellChecker).toBe(false);
    expect(out.dictionaryUrl).toBe('http://127.0.0.1:9/');
    // An iframe may not navigate away from the app; the app itself may load.
    expect(out.framePrevented).toBe(1);
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
    // Each link out is asked about first, naming the site (the fake answers "Open in browser").
    expect(out.dialogs.filter((d: Report) => d.type === 'question').map((d: Report) => d.message)).toEqual([
      'Open example.org in your web browser?',
      'Open doi.org in your web browser?',
    ]);
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

  it('offers a review another Grove is editing read-only, naming the holder (issue 11, item 4)', () => {
    const userData = fs.mkdtempSync(path.join(work, 'ud-'));
    runMain(userData);
    const file = path.join(work, 'served.grove');
    fs.copyFileSync(path.join(userData, 'Example review.grove'), file);
    // This test process stands in for a `grove serve` holding the file.
    const holder = { pid: process.pid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z', app: 'grove serve' };
    fs.writeFileSync(`${file}.lock`, JSON.stringify(holder));
    try {
      const out = runMain(userData, [file]);
      const warning = out.dialogs.find((d: Report) => d.type === 'warning');
      expect(warning).toMatchObject({ message: 'served.grove is open in another Grove.', buttons: ['Open read-only', 'Cancel'] });
      expect(warning.detail).toContain(`grove serve, process ${process.pid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z`);
      // The fake answers the first button: it is open, read-only, and the lock is still the holder's.
      expect(out.info.value.file.path).toBe(file);
      expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8'))).toEqual(holder);
    } finally {
      fs.rmSync(`${file}.lock`, { force: true });
    }
  }, 60_000);

  it('reports a file that is not a review instead of crashing', () => {
    const userData = fs.mkdtempSync(path.join(work, 'ud-'));
    const notes = path.join(work, 'notes.txt');
    fs.writeFileSync(notes, 'just some notes\n');
    const out = runMain(userData, [notes]);
    const errors = out.dialogs.filter((d: Report) => d.type !== 'question');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ type: 'error', message: 'Grove could not open notes.txt.' });
    expect(errors[0].detail).toMatch(/not a Grove review/);
    expect(out.info).toMatchObject({ ok: true, value: { file: null } });
  }, 60_000);
});
