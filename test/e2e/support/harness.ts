import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser } from 'playwright-core';
import { GROVE_BIN, REPO_ROOT, tempDir } from '../../support/temp.ts';

// The e2e harness: `grove serve` as a real child process on a temporary review file,
// and Debian's Chromium driven by Playwright. Nothing here mocks the backend.

export const CHROMIUM_PATH = process.env.GROVE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

export interface Served {
  /** The URL `grove serve` printed, token included. */
  url: string;
  /** The same URL without the token (what a reload sees once the app stored it). */
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startServe(reviewFile: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'renderer', 'dist', 'index.html'))) {
    throw new Error('renderer/dist is missing: run `npm run build:renderer` before the e2e tests (npm test does).');
  }
  const child = spawn(process.execPath, [GROVE_BIN, 'serve', reviewFile, '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`grove serve did not print a URL in 30 s.\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`grove serve exited with ${code}.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin + '/',
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

const cleanups: Array<() => void> = [];

/**
 * A temporary copy of a bundled example review, made with `grove example`: the seed's
 * peer-support review (default) or the Fleiss 1993 data set with outcome data.
 */
export async function exampleCopy(dataset: 'peer-support' | 'fleiss1993' = 'peer-support'): Promise<string> {
  const { dir, cleanup } = tempDir('grove-e2e-');
  cleanups.push(cleanup);
  const file = path.join(dir, dataset === 'fleiss1993' ? 'fleiss.grove' : 'example.grove');
  const child = spawn(process.execPath, [GROVE_BIN, 'example', file, '--dataset', dataset], { cwd: REPO_ROOT, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`grove example --dataset ${dataset} failed with ${code}`);
  return file;
}

/** A new empty review made with `grove new`, as a first-time user would start. */
export async function newReview(title = 'My first review'): Promise<string> {
  const { dir, cleanup } = tempDir('grove-e2e-');
  cleanups.push(cleanup);
  const file = path.join(dir, 'new.grove');
  const child = spawn(process.execPath, [GROVE_BIN, 'new', file, '--title', title], { cwd: REPO_ROOT, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`grove new failed with ${code}`);
  return file;
}

/** A review imported from a RevMan 5 file with `grove new FILE --from X.rm5`. */
export async function importedReview(rm5Text: string, name = 'imported'): Promise<string> {
  const { dir, cleanup } = tempDir('grove-e2e-');
  cleanups.push(cleanup);
  const source = path.join(dir, `${name}.rm5`);
  fs.writeFileSync(source, rm5Text);
  const file = path.join(dir, `${name}.grove`);
  const child = spawn(process.execPath, [GROVE_BIN, 'new', file, '--from', source], { cwd: REPO_ROOT, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`grove new --from ${name}.rm5 failed with ${code}`);
  return file;
}

/** Removes the temporary files made by exampleCopy and newReview (call in afterAll). */
export function cleanupTemp(): void {
  while (cleanups.length) cleanups.pop()?.();
}

/** Opens the review file read-only, to assert what was really persisted. */
export function readReviewDb(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}
