import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECENT, RECENT_FILES_NAME, RecentFiles, addRecent, fileFromArgv, parseRecentList, pathRulesFor, removeRecent } from '../../../electron/recent-files.ts';

const posix = pathRulesFor('linux');
const mac = pathRulesFor('darwin');
const win = pathRulesFor('win32');

describe('MRU list logic', () => {
  it('puts the newest first and moves a reopened file to the top', () => {
    let list: string[] = [];
    list = addRecent(list, '/a.grove', posix);
    list = addRecent(list, '/b.grove', posix);
    list = addRecent(list, '/c.grove', posix);
    expect(list).toEqual(['/c.grove', '/b.grove', '/a.grove']);
    list = addRecent(list, '/a.grove', posix);
    expect(list).toEqual(['/a.grove', '/c.grove', '/b.grove']);
  });

  it(`keeps at most ${MAX_RECENT}`, () => {
    let list: string[] = [];
    for (let i = 0; i < 25; i++) list = addRecent(list, `/r${i}.grove`, posix);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/r24.grove');
    expect(list.at(-1)).toBe('/r15.grove');
    expect(addRecent(['/x'], '/y', posix, 1)).toEqual(['/y']);
  });

  it('treats paths case-insensitively on macOS and Windows only', () => {
    expect(addRecent(['/Users/A/Review.grove'], '/users/a/review.grove', mac)).toEqual(['/users/a/review.grove']);
    expect(addRecent(['C:\\Reviews\\R.grove'], 'c:\\reviews\\r.grove', win)).toEqual(['c:\\reviews\\r.grove']);
    expect(addRecent(['/home/a/Review.grove'], '/home/a/review.grove', posix)).toEqual(['/home/a/review.grove', '/home/a/Review.grove']);
  });

  it('ignores relative paths', () => {
    expect(addRecent(['/a.grove'], 'relative.grove', posix)).toEqual(['/a.grove']);
  });

  it('removes a file', () => {
    expect(removeRecent(['/a', '/b', '/c'], '/b', posix)).toEqual(['/a', '/c']);
    expect(removeRecent(['C:\\A.grove'], 'c:\\a.grove', win)).toEqual([]);
  });

  it('parses a stored list defensively', () => {
    expect(parseRecentList({ version: 1, files: ['/a', '/b'] }, posix)).toEqual(['/a', '/b']);
    expect(parseRecentList(['/a', '/a', 'rel', 42, null, '', '/b\0x', '/c'], posix)).toEqual(['/a', '/c']);
    expect(parseRecentList('nonsense', posix)).toEqual([]);
    expect(parseRecentList(null, posix)).toEqual([]);
    expect(parseRecentList({ files: 'x' }, posix)).toEqual([]);
    expect(parseRecentList(Array.from({ length: 50 }, (_, i) => `/f${i}`), posix)).toHaveLength(MAX_RECENT);
  });
});

describe('RecentFiles (persisted)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  function tempDir(): string {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-recent-'));
    dirs.push(d);
    return d;
  }

  it('persists across instances and tells the OS about additions', () => {
    const folder = tempDir();
    const onAdd = vi.fn();
    const onClear = vi.fn();
    const first = new RecentFiles({ folder, platform: 'linux', onAdd, onClear });
    expect(first.list()).toEqual([]);
    first.add('/r/one.grove');
    first.add('/r/two.grove');
    expect(onAdd).toHaveBeenCalledWith('/r/two.grove');
    const second = new RecentFiles({ folder, platform: 'linux' });
    expect(second.list()).toEqual(['/r/two.grove', '/r/one.grove']);
    second.remove('/r/two.grove');
    expect(new RecentFiles({ folder, platform: 'linux' }).list()).toEqual(['/r/one.grove']);
    first.clear();
    expect(onClear).toHaveBeenCalled();
    expect(new RecentFiles({ folder, platform: 'linux' }).list()).toEqual([]);
    expect(fs.readdirSync(folder)).toEqual([RECENT_FILES_NAME]); // no temp files left behind
  });

  it('survives a corrupt file and a missing folder', () => {
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, RECENT_FILES_NAME), '{not json');
    const recent = new RecentFiles({ folder, platform: 'linux' });
    expect(recent.list()).toEqual([]);
    recent.add('/ok.grove');
    expect(new RecentFiles({ folder, platform: 'linux' }).list()).toEqual(['/ok.grove']);

    const nested = path.join(tempDir(), 'not', 'yet', 'there');
    const fresh = new RecentFiles({ folder: nested, platform: 'linux' });
    fresh.add('/n.grove');
    expect(new RecentFiles({ folder: nested, platform: 'linux' }).list()).toEqual(['/n.grove']);
  });

  it('hands out copies, not its own array', () => {
    const recent = new RecentFiles({ folder: tempDir(), platform: 'linux' });
    recent.add('/a.grove');
    (recent.list() as string[]).push('/injected');
    expect(recent.list()).toEqual(['/a.grove']);
  });
});

describe('fileFromArgv', () => {
  it('finds the file in a packaged launch', () => {
    expect(fileFromArgv(['/opt/Grove/grove', 'review.grove'], { skip: 1, cwd: '/home/u' })).toBe(path.resolve('/home/u', 'review.grove'));
    expect(fileFromArgv(['/opt/Grove/grove'], { skip: 1, cwd: '/home/u' })).toBeNull();
  });

  it('skips the app path in a development launch (electron <app> <file>)', () => {
    expect(fileFromArgv(['/x/electron', '/repo', '/data/r.grove'], { skip: 2, cwd: '/' })).toBe(path.resolve('/data/r.grove'));
    expect(fileFromArgv(['/x/electron', '/repo'], { skip: 2, cwd: '/' })).toBeNull();
  });

  it('ignores Chromium switches and URLs that a second instance may carry', () => {
    const argv = ['/opt/Grove/grove', '--allow-file-access-from-files', '--original-process-start-time=1', 'https://x.org/', 'my review.grove'];
    expect(fileFromArgv(argv, { skip: 1, cwd: '/home/u' })).toBe(path.resolve('/home/u', 'my review.grove'));
  });
});
