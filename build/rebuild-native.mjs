#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI without touching node_modules.
//
//   npm run rebuild:electron            -> build/native/electron-<version>/better_sqlite3.node
//   (build/before-pack.cjs imports rebuildForElectron for each packaging architecture)
//
// node_modules/better-sqlite3 keeps its Node-ABI binary, which vitest and the CLI load.
// The module is copied to a temporary folder, rebuilt there with @electron/rebuild and
// only the resulting .node file is copied out, next to a build-info.json stamp that
// electron/native-binding.ts checks before loading it.
//
// @electron/rebuild needs the network the first time for a given Electron version: it
// tries a prebuilt binary from GitHub and otherwise downloads Electron's headers from
// electronjs.org into ~/.electron-gyp and compiles (a C++ toolchain and Python are needed).
// Without network access this fails, and says so.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));

export const NATIVE_FILE = 'better_sqlite3.node';
export const NATIVE_STAMP = 'build-info.json';

export class NativeRebuildError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'NativeRebuildError';
  }
}

export function installedElectronVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/** The module ABI (process.versions.modules) of an Electron version. */
export function electronAbi(electronVersion) {
  try {
    const electronDir = path.dirname(require.resolve('electron/package.json'));
    if (installedElectronVersion() === electronVersion) {
      const abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
      if (abi) return abi;
    }
  } catch {
    // fall through to node-abi
  }
  return require('node-abi').getAbi(electronVersion, 'electron');
}

export function devOutputDir(electronVersion) {
  return path.join(ROOT, 'build', 'native', `electron-${electronVersion}`);
}

/**
 * Rebuild better-sqlite3 for `electronVersion`/`arch` in a scratch copy and put the
 * binary and its stamp in `outDir`. Returns the path of the .node file.
 */
export async function rebuildForElectron({ electronVersion, arch = process.arch, platform = process.platform, outDir, log = console.log }) {
  const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const moduleVersion = JSON.parse(fs.readFileSync(path.join(moduleDir, 'package.json'), 'utf8')).version;
  const abi = electronAbi(electronVersion);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-native-'));
  try {
    // A minimal project whose only dependency is a copy of better-sqlite3 (without its
    // Node-ABI build output), so nothing in the real node_modules can be rebuilt.
    fs.writeFileSync(
      path.join(scratch, 'package.json'),
      JSON.stringify({ name: 'grove-native-rebuild', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': moduleVersion } }),
    );
    const scratchModule = path.join(scratch, 'node_modules', 'better-sqlite3');
    fs.cpSync(moduleDir, scratchModule, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(moduleDir, src);
        return !(rel === 'build' || rel.startsWith(`build${path.sep}`) || rel === 'node_modules' || rel.startsWith(`node_modules${path.sep}`));
      },
    });
    for (const dep of ['bindings', 'file-uri-to-path', 'prebuild-install']) copyDependency(dep, moduleDir, path.join(scratch, 'node_modules', dep));

    log(`Rebuilding better-sqlite3 ${moduleVersion} for Electron ${electronVersion} (ABI ${abi}, ${platform}-${arch})…`);
    let rebuild;
    try {
      ({ rebuild } = await import('@electron/rebuild'));
    } catch (err) {
      throw new NativeRebuildError('@electron/rebuild is not installed; run `npm install` first.', { cause: err });
    }
    try {
      await rebuild({
        buildPath: scratch,
        electronVersion,
        arch,
        platform,
        onlyModules: ['better-sqlite3'],
        force: true,
        mode: 'sequential',
      });
    } catch (err) {
      throw new NativeRebuildError(explainRebuildFailure(err, electronVersion), { cause: err });
    }

    const built = path.join(scratchModule, 'build', 'Release', NATIVE_FILE);
    if (!fs.existsSync(built)) {
      throw new NativeRebuildError(`@electron/rebuild finished but produced no ${NATIVE_FILE} (looked in ${built}).`);
    }
    fs.mkdirSync(outDir, { recursive: true });
    const target = path.join(outDir, NATIVE_FILE);
    fs.copyFileSync(built, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    const stamp = { electronVersion, modules: String(abi), platform, arch, betterSqlite3: moduleVersion, builtAt: new Date().toISOString() };
    fs.writeFileSync(path.join(outDir, NATIVE_STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
    log(`Wrote ${path.relative(ROOT, target) || target}`);
    return target;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function copyDependency(name, fromModuleDir, to) {
  try {
    const dir = path.dirname(createRequire(path.join(fromModuleDir, 'package.json')).resolve(`${name}/package.json`));
    fs.cpSync(dir, to, { recursive: true });
  } catch {
    // Optional: @electron/rebuild falls back to node-gyp without prebuild-install.
  }
}

function explainRebuildFailure(err, electronVersion) {
  const message = err instanceof Error ? err.message : String(err);
  // node-gyp prints the network error itself and rejects with a generic one, so also
  // check whether the headers were ever downloaded.
  const headersCached = fs.existsSync(path.join(os.homedir(), '.electron-gyp', electronVersion));
  const offline = !headersCached || /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|network|fetch failed|403|404/i.test(message);
  const lines = [`Could not build better-sqlite3 for Electron ${electronVersion}.`];
  if (offline) {
    lines.push(
      'This step needs internet access the first time for each Electron version: @electron/rebuild downloads',
      "either a prebuilt binary (GitHub) or Electron's C++ headers (electronjs.org) into ~/.electron-gyp.",
      'Run it once on a connected machine, or copy a matching ~/.electron-gyp/<version> folder here.',
    );
  } else {
    lines.push('Compiling from source needs Python 3 and a C++ toolchain (build-essential / Xcode CLT / VS Build Tools).');
  }
  lines.push('node_modules was not changed, so tests and the CLI keep working; `npm start` will use the browser instead.');
  lines.push(`Cause: ${message.split('\n').slice(0, 6).join('\n       ')}`);
  return lines.join('\n');
}

async function main() {
  const electronVersion = process.env.GROVE_ELECTRON_VERSION || installedElectronVersion();
  const arch = process.env.npm_config_arch || process.arch;
  await rebuildForElectron({ electronVersion, arch, outDir: devOutputDir(electronVersion) });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`\nrebuild:electron failed.\n${err instanceof NativeRebuildError ? err.message : err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  });
}
