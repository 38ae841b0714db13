import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browserOpenCommand, decideStart, fallbackMessage, probeMachine, type MachineProbe } from '../../../cli/src/commands/start.ts';

const ready: MachineProbe = {
  forcedBrowser: null,
  electronInstalled: true,
  electronVersion: '45.5.0',
  binaryPath: '/repo/node_modules/electron/dist/electron',
  binaryExists: true,
  binaryExecutable: true,
  platform: 'linux',
  hasDisplay: true,
  bundleUpToDate: true,
  nativeBindingReady: true,
};

describe('decideStart', () => {
  it('opens Electron when everything is in place', () => {
    expect(decideStart(ready)).toEqual({ kind: 'electron', binary: ready.binaryPath, buildBundle: false, rebuildNative: false });
  });

  it('builds the bundle and the native module first when they are missing', () => {
    expect(decideStart({ ...ready, bundleUpToDate: false, nativeBindingReady: false })).toMatchObject({ kind: 'electron', buildBundle: true, rebuildNative: true });
  });

  it.each<[string, Partial<MachineProbe>, RegExp]>([
    ['--browser', { forcedBrowser: 'you asked for the browser with --browser' }, /--browser/],
    ['no electron package', { electronInstalled: false, binaryPath: null }, /electron package is not installed/],
    ['binary never downloaded', { binaryPath: null, binaryExists: false, binaryExecutable: false }, /Electron 45\.5\.0 binary has not been downloaded/],
    ['binary deleted', { binaryExists: false, binaryExecutable: false }, /missing at \/repo\/node_modules\/electron\/dist\/electron/],
    ['binary not executable', { binaryExecutable: false }, /not executable/],
    ['headless Linux', { hasDisplay: false }, /no graphical display/],
  ])('falls back to the browser: %s', (_name, change, reason) => {
    const decision = decideStart({ ...ready, ...change });
    expect(decision.kind).toBe('browser');
    if (decision.kind === 'browser') expect(decision.reason).toMatch(reason);
  });

  it('checks the strongest reason first', () => {
    expect(decideStart({ ...ready, forcedBrowser: 'forced', electronInstalled: false })).toEqual({ kind: 'browser', reason: 'forced' });
  });

  it('says plainly what it is doing', () => {
    expect(fallbackMessage('the Electron binary has not been downloaded')).toBe(
      'Electron is not available on this machine (the Electron binary has not been downloaded); opening Grove in your browser instead.',
    );
  });
});

describe('probeMachine', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function fakeRepo(options: { pathTxt?: string; binary?: boolean; executable?: boolean } = {}): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-start-'));
    dirs.push(root);
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"fake"}');
    const electron = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(path.join(electron, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(electron, 'package.json'), '{"name":"electron","version":"45.5.0"}');
    // index.js would download the binary if required; the probe must never require it.
    fs.writeFileSync(path.join(electron, 'index.js'), 'throw new Error("probe must not require electron")');
    fs.writeFileSync(path.join(electron, 'abi_version'), '150');
    if (options.pathTxt !== undefined) fs.writeFileSync(path.join(electron, 'path.txt'), options.pathTxt);
    if (options.binary) {
      const bin = path.join(electron, 'dist', options.pathTxt ?? 'electron');
      fs.writeFileSync(bin, '#!/bin/sh\n');
      fs.chmodSync(bin, options.executable === false ? 0o644 : 0o755);
    }
    return root;
  }

  it('sees an Electron that was never downloaded (as on this CI machine)', () => {
    const probe = probeMachine({ repoRoot: fakeRepo(), env: { DISPLAY: ':0' }, platform: 'linux' });
    expect(probe).toMatchObject({ electronInstalled: true, electronVersion: '45.5.0', binaryPath: null, binaryExists: false });
    expect(decideStart(probe)).toMatchObject({ kind: 'browser', reason: expect.stringContaining('has not been downloaded') });
  });

  it('finds a downloaded binary through path.txt without requiring electron', () => {
    const root = fakeRepo({ pathTxt: 'electron', binary: true });
    const probe = probeMachine({ repoRoot: root, env: { DISPLAY: ':0' }, platform: 'linux' });
    expect(probe).toMatchObject({ binaryExists: true, binaryExecutable: true, hasDisplay: true, bundleUpToDate: false, nativeBindingReady: false });
    expect(decideStart(probe)).toMatchObject({ kind: 'electron', buildBundle: true, rebuildNative: true });
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('notices a binary that is not executable', () => {
    const root = fakeRepo({ pathTxt: 'electron', binary: true, executable: false });
    expect(probeMachine({ repoRoot: root, env: { DISPLAY: ':0' }, platform: 'linux' }).binaryExecutable).toBe(false);
  });

  it('honours GROVE_NO_ELECTRON, --browser and a missing display', () => {
    const root = fakeRepo({ pathTxt: 'electron', binary: true });
    expect(probeMachine({ repoRoot: root, env: { GROVE_NO_ELECTRON: '1', DISPLAY: ':0' }, platform: 'linux' }).forcedBrowser).toMatch(/GROVE_NO_ELECTRON/);
    expect(probeMachine({ repoRoot: root, env: { DISPLAY: ':0' }, forceBrowser: true }).forcedBrowser).toMatch(/--browser/);
    expect(probeMachine({ repoRoot: root, env: {}, platform: 'linux' }).hasDisplay).toBe(false);
    expect(probeMachine({ repoRoot: root, env: {}, platform: 'darwin' }).hasDisplay).toBe(true);
  });

  it('checks the native binding stamp against the installed Electron ABI', () => {
    const root = fakeRepo({ pathTxt: 'electron', binary: true });
    const dir = path.join(root, 'build', 'native', 'electron-45.5.0');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
    fs.writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify({ electronVersion: '45.5.0', modules: '150' }));
    expect(probeMachine({ repoRoot: root, env: { DISPLAY: ':0' } }).nativeBindingReady).toBe(true);
    fs.writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify({ electronVersion: '44.0.0', modules: '140' }));
    expect(probeMachine({ repoRoot: root, env: { DISPLAY: ':0' } }).nativeBindingReady).toBe(false);
  });

  it('probes the real checkout without downloading anything', () => {
    const probe = probeMachine({ env: { ...process.env, DISPLAY: ':0' } });
    expect(probe.electronInstalled).toBe(true);
    // Whatever this machine has, the decision is one of the two, with a reason for the browser.
    const decision = decideStart(probe);
    if (decision.kind === 'browser') expect(decision.reason.length).toBeGreaterThan(0);
  });
});

describe('browserOpenCommand', () => {
  it('uses the OS opener', () => {
    expect(browserOpenCommand('darwin', 'http://127.0.0.1:5/?token=a')).toEqual({ command: 'open', args: ['http://127.0.0.1:5/?token=a'] });
    expect(browserOpenCommand('linux', 'http://127.0.0.1:5/')).toEqual({ command: 'xdg-open', args: ['http://127.0.0.1:5/'] });
    expect(browserOpenCommand('win32', 'http://127.0.0.1:5/?a=1&b=2')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'http://127.0.0.1:5/?a=1^&b=2'], windowsVerbatimArguments: true });
  });
});
