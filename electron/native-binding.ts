import fs from 'node:fs';
import path from 'node:path';

// Where the Electron main process finds a better-sqlite3 addon built for Electron's ABI.
// The copy in node_modules stays built for Node, which the tests and the CLI use; the
// Electron copies live elsewhere and are handed to better-sqlite3 as `nativeBinding`:
//   dev       build/native/electron-<version>/better_sqlite3.node  (npm run rebuild:electron)
//   packaged  <resources>/native/better_sqlite3.node                (build/before-pack.cjs,
//             shipped as an extraResource), or the asar-unpacked module build as a fallback
// `undefined` means "let better-sqlite3 load its own binary", which works only if that
// binary happens to match; explainNativeLoadError turns the resulting error into advice.

export const NATIVE_FILE = 'better_sqlite3.node';
/** Written next to each rebuilt binary by build/rebuild-native.mjs and build/before-pack.cjs. */
export const NATIVE_STAMP = 'build-info.json';

export interface NativeStamp {
  readonly electronVersion: string;
  /** process.versions.modules of the Electron it was built for. */
  readonly modules: string;
  readonly platform: string;
  readonly arch: string;
}

export function devNativeDir(repoRoot: string, electronVersion: string): string {
  return path.join(repoRoot, 'build', 'native', `electron-${electronVersion}`);
}

export interface LocateOptions {
  readonly isPackaged: boolean;
  /** app.getAppPath(): the repository root in dev, `<resources>/app.asar` when packaged. */
  readonly appPath: string;
  /** process.resourcesPath. */
  readonly resourcesPath: string;
  /** process.versions.electron. */
  readonly electronVersion: string;
  /** process.versions.modules (the ABI the running Electron expects). */
  readonly modules: string;
  readonly platform: string;
  readonly arch: string;
  readonly exists?: (file: string) => boolean;
  readonly readStamp?: (file: string) => unknown;
}

export class NativeBindingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NativeBindingError';
  }
}

function parseStamp(raw: unknown): NativeStamp | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.electronVersion !== 'string' || typeof r.modules !== 'string') return null;
  return {
    electronVersion: r.electronVersion,
    modules: r.modules,
    platform: typeof r.platform === 'string' ? r.platform : '',
    arch: typeof r.arch === 'string' ? r.arch : '',
  };
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * The path to pass as better-sqlite3's `nativeBinding`, or undefined to fall back to the
 * module's own binary. Throws NativeBindingError when a binary is there but its stamp
 * says it was built for another Electron ABI, platform or architecture: loading it would
 * fail later with a far less helpful message.
 */
export function locateNativeBinding(options: LocateOptions): string | undefined {
  const exists = options.exists ?? ((f: string) => fs.existsSync(f));
  const readStamp = options.readStamp ?? readJson;

  const candidates = options.isPackaged
    ? [
        path.join(options.resourcesPath, 'native', NATIVE_FILE),
        path.join(options.resourcesPath, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', NATIVE_FILE),
      ]
    : [path.join(devNativeDir(options.appPath, options.electronVersion), NATIVE_FILE)];

  for (const candidate of candidates) {
    if (!exists(candidate)) continue;
    const stampFile = path.join(path.dirname(candidate), NATIVE_STAMP);
    if (exists(stampFile)) {
      let stamp: NativeStamp | null;
      try {
        stamp = parseStamp(readStamp(stampFile));
      } catch {
        stamp = null;
      }
      const problem = stampMismatch(stamp, options);
      if (problem) throw new NativeBindingError(`${candidate} ${problem}. ${rebuildAdvice(options.isPackaged)}`);
    }
    return candidate;
  }
  return undefined;
}

/** Why a stamped binary cannot load in this Electron, or null if it can. */
export function stampMismatch(stamp: NativeStamp | null, running: Pick<LocateOptions, 'electronVersion' | 'modules' | 'platform' | 'arch'>): string | null {
  if (stamp === null) return 'has an unreadable build-info.json';
  if (stamp.modules !== running.modules) {
    return `was built for Electron ${stamp.electronVersion} (ABI ${stamp.modules}) but this is Electron ${running.electronVersion} (ABI ${running.modules})`;
  }
  if (stamp.platform !== '' && stamp.platform !== running.platform) return `was built for ${stamp.platform}, not ${running.platform}`;
  if (stamp.arch !== '' && stamp.arch !== running.arch) return `was built for ${stamp.arch}, not ${running.arch}`;
  return null;
}

function rebuildAdvice(isPackaged: boolean): string {
  return isPackaged
    ? 'This installation is damaged; please reinstall Grove.'
    : 'Run `npm run rebuild:electron` to build better-sqlite3 for this Electron.';
}

/**
 * Turn the error better-sqlite3 throws when its addon does not match the running ABI
 * ("was compiled against a different Node.js version … NODE_MODULE_VERSION 115 …") into
 * a sentence a user can act on. Other errors are returned unchanged.
 */
export function explainNativeLoadError(error: unknown, isPackaged: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|different Node\.js version|invalid ELF header|not a valid Win32 application|incompatible architecture|slice is not valid mach-o/i.test(message)) {
    return `Grove's database module was built for a different runtime than this Electron. ${rebuildAdvice(isPackaged)}\n\nDetails: ${message}`;
  }
  if (/Could not locate the bindings file|Cannot find module/i.test(message)) {
    return `Grove's database module is missing its native part. ${rebuildAdvice(isPackaged)}\n\nDetails: ${message}`;
  }
  return message;
}
