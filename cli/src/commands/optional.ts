import fs from 'node:fs';
import type { Command } from 'commander';

// Commands contributed by other parts of Grove register themselves here by file
// name, so the entry point does not change when one is added.
const OPTIONAL: ReadonlyArray<{ file: string; exportName: string }> = [
  { file: './meta.ts', exportName: 'registerMeta' },
  { file: './start.ts', exportName: 'registerStart' },
];

export async function registerOptionalCommands(program: Command): Promise<void> {
  for (const { file, exportName } of OPTIONAL) {
    const url = new URL(file, import.meta.url);
    if (!fs.existsSync(url)) continue;
    const mod = (await import(url.href)) as Record<string, unknown>;
    const register = mod[exportName];
    if (typeof register === 'function') (register as (p: Command) => void)(program);
  }
}
