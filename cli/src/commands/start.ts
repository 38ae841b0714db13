import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { NATIVE_FILE, NATIVE_STAMP, devNativeDir } from '../../../electron/native-binding.ts';
import { CliError } from '../cli-error.ts';

// `grove start [FILE]`, which is what `npm start` runs: open Grove in Electron when the
// Electron binary is installed, otherwise say why not and serve Grove to the browser.
//
// The decision is the pure `decideStart` over a probe of the machine (unit-tested);
// `probeMachine` gathers the facts without side effects. In particular it never
// `require('electron')`: that module downloads the binary when it is missing, which
// must not happen from a start command (and cannot, offline). It reads the same
// `path.txt` the module reads instead.

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Electron exiting non-zero sooner than this counts as "could not start here". */
const EARLY_EXIT_MS = 4000;

export interface MachineProbe {
  /** Why the user asked for the browser (--browser, GROVE_NO_ELECTRON), or null. */
  readonly forcedBrowser: string | null;
  /** node_modules/electron is installed. */
  readonly electronInstalled: boolean;
  readonly electronVersion: string | null;
  /** The executable named by electron's path.txt (or ELECTRON_OVERRIDE_DIST_PATH); null if never downloaded. */
  readonly binaryPath: string | null;
  readonly binaryExists: boolean;
  readonly binaryExecutable: boolean;
  readonly platform: NodeJS.Platform;
  /** Linux: DISPLAY or WAYLAND_DISPLAY is set. Always true elsewhere. */
  readonly hasDisplay: boolean;
  /** electron/dist/main.cjs and preload.cjs exist and are newer than their sources. */
  readonly bundleUpToDate: boolean;
  /** build/native/electron-<version>/better_sqlite3.node exists and matches Electron's ABI. */
  readonly nativeBindingReady: boolean;
}

export type StartDecision =
  | { readonly kind: 'electron'; readonly binary: string; readonly buildBundle: boolean; readonly rebuildNative: boolean }
  | { readonly kind: 'browser'; readonly reason: string };

/** Pure: Electron if it can run here, else the browser with a reason a user understands. */
export function decideStart(probe: MachineProbe): StartDecision {
  if (probe.forcedBrowser) return { kind: 'browser', reason: probe.forcedBrowser };
  if (!probe.electronInstalled) return { kind: 'browser', reason: 'the electron package is not installed' };
  if (!probe.binaryPath) {
    const name = probe.electronVersion ? `Electron ${probe.electronVersion}` : 'Electron';
    return { kind: 'browser', reason: `the ${name} binary has not been downloaded` };
  }
  if (!probe.binaryExists) return { kind: 'browser', reason: `the Electron binary is missing at ${probe.binaryPath}` };
  if (!probe.binaryExecutable) return { kind: 'browser', reason: `the Electron binary at ${probe.binaryPath} is not executable` };
  if (!probe.hasDisplay) return { kind: 'browser', reason: 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  return { kind: 'electron', binary: probe.binaryPath, buildBundle: !probe.bundleUpToDate, rebuildNative: !probe.nativeBindingReady };
}

/** The line printed when falling back. */
export function fallbackMessage(reason: string): string {
  return `Electron is not available on this machine (${reason}); opening Grove in your browser instead.`;
}

export interface ProbeOptions {
  readonly repoRoot?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly forceBrowser?: boolean;
}

/** Gather the facts decideStart needs. Reads files only; downloads and builds nothing. */
export function probeMachine(options: ProbeOptions = {}): MachineProbe {
  const root = options.repoRoot ?? REPO_ROOT;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const forcedBrowser = options.forceBrowser
    ? 'you asked for the browser with --browser'
    : env.GROVE_NO_ELECTRON
      ? 'GROVE_NO_ELECTRON is set'
      : null;

  let electronDir: string | null = null;
  let electronVersion: string | null = null;
  try {
    const pkgFile = createRequire(path.join(root, 'package.json')).resolve('electron/package.json');
    electronDir = path.dirname(pkgFile);
    electronVersion = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    electronDir = null;
  }

  let binaryPath: string | null = null;
  if (electronDir) {
    // Mirrors node_modules/electron/index.js, minus its download-if-missing step.
    let relative: string | null = null;
    try {
      relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim() || null;
    } catch {
      relative = null;
    }
    if (env.ELECTRON_OVERRIDE_DIST_PATH) binaryPath = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    else if (relative) binaryPath = path.join(electronDir, 'dist', relative);
  }

  const binaryExists = binaryPath !== null && isFile(binaryPath);
  const binaryExecutable = binaryExists && (platform === 'win32' || isExecutable(binaryPath as string));
  const hasDisplay = platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

  let nativeBindingReady = false;
  if (electronVersion) {
    const dir = devNativeDir(root, electronVersion);
    nativeBindingReady = isFile(path.join(dir, NATIVE_FILE)) && stampMatches(path.join(dir, NATIVE_STAMP), electronDir);
  }

  return {
    forcedBrowser,
    electronInstalled: electronDir !== null,
    electronVersion,
    binaryPath,
    binaryExists,
    binaryExecutable,
    platform,
    hasDisplay,
    bundleUpToDate: bundleUpToDate(root),
    nativeBindingReady,
  };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A binary without a stamp is trusted; one whose stamp names another ABI is not. */
function stampMatches(stampFile: string, electronDir: string | null): boolean {
  if (!isFile(stampFile) || !electronDir) return true;
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { modules?: string };
    const abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
    return abi === '' || stamp.modules === abi;
  } catch {
    return false;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|json|sql)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function bundleUpToDate(root: string): boolean {
  const outputs = ['main.cjs', 'preload.cjs'].map((f) => path.join(root, 'electron', 'dist', f));
  let oldestOutput = Infinity;
  for (const out of outputs) {
    try {
      oldestOutput = Math.min(oldestOutput, fs.statSync(out).mtimeMs);
    } catch {
      return false;
    }
  }
  const newestSource = Math.max(...['electron', 'db/src', 'shared/src'].map((d) => newestMtime(path.join(root, d))));
  return newestSource <= oldestOutput;
}

/** How to open a URL in the default browser on each OS. */
export function browserOpenCommand(
  platform: NodeJS.Platform,
  url: string,
): { command: string; args: string[]; windowsVerbatimArguments?: boolean } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; the empty title argument stops it treating the URL as one.
  // `^&` keeps cmd from splitting the URL at query separators; verbatim so that Node does
  // not re-quote the `""`.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')], windowsVerbatimArguments: true };
  return { command: 'xdg-open', args: [url] };
}

// ---------------------------------------------------------------------------------

interface StartOptions {
  browser?: boolean;
  open?: boolean;
  port?: string;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Open Grove: in its desktop window (Electron) if available here, otherwise in your browser.')
    .argument('[file]', 'a review file (.grove) to open')
    .option('--browser', 'use the browser even if Electron is available')
    .option('--no-open', 'in the browser fallback, print the address without opening a browser')
    .option('--port <port>', 'in the browser fallback, the port to listen on (default: any free port)')
    .action(async (file: string | undefined, options: StartOptions) => {
      await runStart(file, options);
    });
}

async function runStart(file: string | undefined, options: StartOptions): Promise<void> {
  const resolvedFile = file ? path.resolve(file) : undefined;
  if (resolvedFile && !fs.existsSync(resolvedFile)) throw new CliError(`${resolvedFile} does not exist.`, 2);
  const port = parsePort(options.port);
  // Nothing below may download Electron; say so to anything that might try.
  process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';

  const decision = decideStart(probeMachine({ forceBrowser: options.browser === true }));
  if (decision.kind === 'electron') {
    const failure = await runElectron(decision, resolvedFile);
    if (failure === null) return;
    process.stdout.write(`${fallbackMessage(failure)}\n`);
  } else {
    process.stdout.write(`${fallbackMessage(decision.reason)}\n`);
  }
  await runBrowser(resolvedFile, port, options.open !== false);
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a whole number from 0 to 65535, not ${value}.`, 2);
  return port;
}

/** Run Electron to completion. Returns null when it ran, or why it could not start. */
async function runElectron(decision: Extract<StartDecision, { kind: 'electron' }>, file: string | undefined): Promise<string | null> {
  const node = process.execPath;
  if (decision.buildBundle) {
    const built = spawnSync(node, [path.join(REPO_ROOT, 'build', 'bundle-electron.mjs')], { stdio: 'inherit', cwd: REPO_ROOT });
    if (built.status !== 0) {
      if (!fs.existsSync(path.join(REPO_ROOT, 'electron', 'dist', 'main.cjs'))) return 'the Electron main process could not be built';
      process.stderr.write('grove: rebuilding the Electron bundle failed; starting the previous build.\n');
    }
  }
  if (decision.rebuildNative) {
    process.stdout.write('Building the database module for Electron (first run only)…\n');
    const rebuilt = spawnSync(node, [path.join(REPO_ROOT, 'build', 'rebuild-native.mjs')], { stdio: 'inherit', cwd: REPO_ROOT });
    if (rebuilt.status !== 0) return 'better-sqlite3 could not be built for Electron; see the message above';
  }

  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  delete env.ELECTRON_RUN_AS_NODE;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(decision.binary, [REPO_ROOT, ...(file ? [file] : [])], { stdio: 'inherit', env, cwd: process.cwd() });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (result: string | null) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(result);
    };
    child.once('error', (err) => done(`Electron could not be started: ${err.message}`));
    child.once('exit', (code, signal) => {
      if (code !== 0 && code !== null && Date.now() - started < EARLY_EXIT_MS) {
        done(`Electron exited with code ${code} right after starting`);
        return;
      }
      if (code !== 0 && code !== null) process.exitCode = code;
      else if (signal) process.exitCode = 1;
      done(null);
    });
  });
}

async function runBrowser(file: string | undefined, port: number | undefined, open: boolean): Promise<void> {
  const { startHttpHost } = await import('../http/server.ts');
  const host = await startHttpHost({ ...(file ? { file } : {}), ...(port !== undefined ? { port } : {}) });
  process.stdout.write(`Grove is running at ${host.url}\nPress Ctrl+C to stop.\n`);
  if (open && !process.env.GROVE_NO_BROWSER) {
    const { command, args, windowsVerbatimArguments } = browserOpenCommand(process.platform, host.url);
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: windowsVerbatimArguments ?? false });
      child.once('error', () => process.stdout.write(`Could not open a browser; open ${host.url} yourself.\n`));
      child.unref();
    } catch {
      process.stdout.write(`Could not open a browser; open ${host.url} yourself.\n`);
    }
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
}
