import fs from 'node:fs';
import path from 'node:path';

// The browser host's Grove data folder as its File menu sees it: the reviews in it and the
// list of recently opened reviews, kept in the folder as `recent-reviews.json` (most recent
// first, no duplicates, at most MAX_RECENT). A missing or damaged list reads as empty.

export const MAX_RECENT = 10;
const RECENT_NAME = 'recent-reviews.json';

export interface Workspace {
  /** The Grove data folder: where new reviews, copies and uploaded reviews go. */
  readonly folder: string;
  /** Recently opened reviews, most recent first (absolute paths). */
  recent(): string[];
  /** Puts `file` first in the recent list. */
  remember(file: string): void;
}

function readList(file: string): string[] {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(raw)) return [];
    const out: string[] = [];
    for (const item of raw) {
      if (typeof item !== 'string' || !path.isAbsolute(item) || item.includes('\0') || out.includes(item)) continue;
      out.push(item);
    }
    return out.slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

export function folderWorkspace(folder: string): Workspace {
  const listFile = path.join(folder, RECENT_NAME);
  return {
    folder,
    recent: () => readList(listFile),
    remember: (file) => {
      const abs = path.resolve(file);
      const list = [abs, ...readList(listFile).filter((f) => f !== abs)].slice(0, MAX_RECENT);
      try {
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(listFile, `${JSON.stringify(list, null, 2)}\n`);
      } catch {
        // A folder that cannot be written keeps no recent list; opening still works.
      }
    },
  };
}
