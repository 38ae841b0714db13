import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { GROVE_BIN, REPO_ROOT } from './temp.ts';

// `grove ARGS` with a terminal for its standard output and error, as a person at a terminal
// runs it: util-linux's `script` gives the command a pseudo-terminal and copies what is
// written there (standard output and error together, as the terminal shows them).

/** Where `script` is, or null (the tests that need a terminal then skip, saying so). */
export const SCRIPT_BIN = ['/usr/bin/script', '/bin/script'].find((p) => fs.existsSync(p)) ?? null;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function runGroveOnTerminal(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  if (!SCRIPT_BIN) throw new Error('util-linux script is not installed');
  const command = [process.execPath, GROVE_BIN, ...args].map(quote).join(' ');
  const r = spawnSync(SCRIPT_BIN, ['-qefc', command, '/dev/null'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: r.status, output: r.stdout };
}
