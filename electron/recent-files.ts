import fs from 'node:fs';
import path from 'node:path';

// The "Open Recent" list: most recent first, no duplicates, at most MAX_RECENT entries,
// persisted as JSON in the user-data folder. The list logic is pure; `RecentFiles` adds
// the file IO and tells the OS (app.addRecentDocument) through an injected callback, so
// tests run against a temporary folder without Electron.

export const MAX_RECENT = 10;
export const RECENT_FILES_NAME = 'recent-files.json';

export interface PathRules {
  /** Windows and macOS file systems are case-insensitive by default. */
  readonly caseInsensitive: boolean;
  readonly isAbsolute: (p: string) => boolean;
}

export function pathRulesFor(platform: NodeJS.Platform): PathRules {
  const api = platform === 'win32' ? path.win32 : path.posix;
  return { caseInsensitive: platform === 'win32' || platform === 'darwin', isAbsolute: api.isAbsolute };
}

function sameFile(a: string, b: string, rules: PathRules): boolean {
  return rules.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Put `file` first, drop an earlier copy of it, keep at most `max`. */
export function addRecent(list: readonly string[], file: string, rules: PathRules, max = MAX_RECENT): string[] {
  if (!rules.isAbsolute(file)) return list.slice(0, max);
  return [file, ...list.filter((f) => !sameFile(f, file, rules))].slice(0, Math.max(0, max));
}

export function removeRecent(list: readonly string[], file: string, rules: PathRules): string[] {
  return list.filter((f) => !sameFile(f, file, rules));
}

/**
 * Read the stored list defensively: a corrupt or hand-edited file yields the valid part
 * (absolute path strings, first copy wins), never an exception.
 */
export function parseRecentList(raw: unknown, rules: PathRules, max = MAX_RECENT): string[] {
  const items = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' && Array.isArray((raw as { files?: unknown }).files) ? (raw as { files: unknown[] }).files : [];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || item.length === 0 || item.length > 4096 || item.includes('\0')) continue;
    if (!rules.isAbsolute(item)) continue;
    if (out.some((f) => sameFile(f, item, rules))) continue;
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

export interface RecentFilesOptions {
  /** app.getPath('userData'). */
  readonly folder: string;
  readonly platform?: NodeJS.Platform;
  /** app.addRecentDocument, so the OS's own recent lists (Dock, Jump List) follow. */
  readonly onAdd?: (file: string) => void;
  /** app.clearRecentDocuments. */
  readonly onClear?: () => void;
}

export class RecentFiles {
  readonly #file: string;
  readonly #rules: PathRules;
  readonly #options: RecentFilesOptions;
  #list: string[];

  constructor(options: RecentFilesOptions) {
    this.#options = options;
    this.#file = path.join(options.folder, RECENT_FILES_NAME);
    this.#rules = pathRulesFor(options.platform ?? process.platform);
    this.#list = this.#load();
  }

  list(): readonly string[] {
    return [...this.#list];
  }

  add(file: string): void {
    this.#list = addRecent(this.#list, file, this.#rules);
    this.#save();
    this.#options.onAdd?.(file);
  }

  remove(file: string): void {
    this.#list = removeRecent(this.#list, file, this.#rules);
    this.#save();
  }

  clear(): void {
    this.#list = [];
    this.#save();
    this.#options.onClear?.();
  }

  #load(): string[] {
    try {
      return parseRecentList(JSON.parse(fs.readFileSync(this.#file, 'utf8')), this.#rules);
    } catch {
      return [];
    }
  }

  /** Write to a temporary file and rename, so a crash never leaves half a list. */
  #save(): void {
    try {
      fs.mkdirSync(this.#options.folder, { recursive: true });
      const temp = `${this.#file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify({ version: 1, files: this.#list }, null, 2)}\n`);
      fs.renameSync(temp, this.#file);
    } catch {
      // A read-only profile folder must not stop the user from opening files.
    }
  }
}

/**
 * The review file named on a command line, if any: the first argument that is not a
 * switch, resolved against the launching process's working directory. `skip` is how
 * many leading entries belong to the executable (1 packaged; 2 for `electron <app>`).
 * Chromium switches that a second instance's argv may carry are ignored.
 */
export function fileFromArgv(argv: readonly string[], options: { skip: number; cwd: string }): string | null {
  for (const arg of argv.slice(options.skip)) {
    if (arg === '' || arg.startsWith('-')) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue; // URLs are not files
    return path.resolve(options.cwd, arg);
  }
  return null;
}
