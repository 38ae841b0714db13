import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIVE_FILE, NATIVE_STAMP, NativeBindingError, devNativeDir, explainNativeLoadError, locateNativeBinding, stampMismatch } from '../../../electron/native-binding.ts';

const running = { electronVersion: '45.5.0', modules: '150', platform: 'linux', arch: 'x64' };
const stamp = { electronVersion: '45.5.0', modules: '150', platform: 'linux', arch: 'x64' };

function fakeFs(files: Record<string, unknown>) {
  return { exists: (f: string) => f in files, readStamp: (f: string) => files[f] };
}

describe('locateNativeBinding', () => {
  const repo = path.resolve('/repo');
  const devBinary = path.join(repo, 'build', 'native', 'electron-45.5.0', NATIVE_FILE);
  const devStamp = path.join(repo, 'build', 'native', 'electron-45.5.0', NATIVE_STAMP);
  const resources = path.resolve('/opt/Grove/resources');
  const packedBinary = path.join(resources, 'native', NATIVE_FILE);
  const unpackedBinary = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', NATIVE_FILE);
  const base = { ...running, appPath: repo, resourcesPath: resources };

  it('uses build/native/electron-<version>/ in development', () => {
    expect(devNativeDir(repo, '45.5.0')).toBe(path.dirname(devBinary));
    expect(locateNativeBinding({ ...base, isPackaged: false, ...fakeFs({ [devBinary]: 1, [devStamp]: stamp }) })).toBe(devBinary);
  });

  it('falls back to the module’s own binary (undefined) when nothing was rebuilt', () => {
    expect(locateNativeBinding({ ...base, isPackaged: false, ...fakeFs({}) })).toBeUndefined();
    expect(locateNativeBinding({ ...base, isPackaged: true, ...fakeFs({}) })).toBeUndefined();
  });

  it('accepts an unstamped binary (trusts whoever put it there)', () => {
    expect(locateNativeBinding({ ...base, isPackaged: false, ...fakeFs({ [devBinary]: 1 }) })).toBe(devBinary);
  });

  it('prefers the extraResources copy when packaged, then the asar-unpacked module', () => {
    const both = fakeFs({ [packedBinary]: 1, [unpackedBinary]: 1 });
    expect(locateNativeBinding({ ...base, isPackaged: true, ...both })).toBe(packedBinary);
    expect(locateNativeBinding({ ...base, isPackaged: true, ...fakeFs({ [unpackedBinary]: 1 }) })).toBe(unpackedBinary);
  });

  it('throws a clear error when the stamp names another ABI', () => {
    const files = fakeFs({ [devBinary]: 1, [devStamp]: { ...stamp, electronVersion: '44.0.0', modules: '140' } });
    expect(() => locateNativeBinding({ ...base, isPackaged: false, ...files })).toThrow(NativeBindingError);
    expect(() => locateNativeBinding({ ...base, isPackaged: false, ...files })).toThrow(
      /built for Electron 44\.0\.0 \(ABI 140\) but this is Electron 45\.5\.0 \(ABI 150\).*npm run rebuild:electron/,
    );
    const packed = fakeFs({ [packedBinary]: 1, [path.join(resources, 'native', NATIVE_STAMP)]: { ...stamp, arch: 'arm64' } });
    expect(() => locateNativeBinding({ ...base, isPackaged: true, ...packed })).toThrow(/built for arm64, not x64.*reinstall/);
  });

  it('treats an unreadable stamp as a mismatch', () => {
    const files = { exists: (f: string) => f === devBinary || f === devStamp, readStamp: () => { throw new Error('EACCES'); } };
    expect(() => locateNativeBinding({ ...base, isPackaged: false, ...files })).toThrow(/unreadable build-info\.json/);
  });
});

describe('stampMismatch', () => {
  it('compares ABI, platform and architecture', () => {
    expect(stampMismatch(stamp, running)).toBeNull();
    expect(stampMismatch({ ...stamp, platform: '', arch: '' }, running)).toBeNull();
    expect(stampMismatch({ ...stamp, modules: '149' }, running)).toMatch(/ABI 149/);
    expect(stampMismatch({ ...stamp, platform: 'darwin' }, running)).toMatch(/darwin/);
    expect(stampMismatch(null, running)).toMatch(/unreadable/);
  });
});

describe('explainNativeLoadError', () => {
  it('turns an ABI mismatch into advice', () => {
    const err = new Error(
      "The module '/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150.",
    );
    expect(explainNativeLoadError(err, false)).toMatch(/^Grove's database module was built for a different runtime.*npm run rebuild:electron/s);
    expect(explainNativeLoadError(err, true)).toMatch(/reinstall Grove/);
  });

  it('passes other errors through unchanged', () => {
    expect(explainNativeLoadError(new Error('/x.grove is not a Grove review.'), false)).toBe('/x.grove is not a Grove review.');
    expect(explainNativeLoadError('plain', false)).toBe('plain');
  });
});
