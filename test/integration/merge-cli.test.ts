import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runGrove } from '../support/run-cli.ts';
import { runGroveOnTerminal, SCRIPT_BIN } from '../support/run-on-terminal.ts';
import { tempDir } from '../support/temp.ts';

// grove fork and grove merge as a user runs them: the --json shape, exit codes (0 also with
// conflicts, 2 when refused) and the backup.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('grove fork / grove merge', () => {
  it('forks, merges with --json (exit 0 with conflicts), and refuses other reviews (exit 2)', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const a = path.join(dir, 'a.grove');
    const b = path.join(dir, 'b.grove');
    expect(runGrove(['example', a, '--dataset', 'fleiss1993']).status).toBe(0);
    const fork = runGrove(['fork', a, '--reviewer', 'Bea Blake', '-o', b]);
    expect(fork.status).toBe(0);
    expect(fork.stderr).toContain('added as a reviewer');
    expect(runGrove(['fork', a, '--reviewer', 'Bea Blake', '-o', b]).status).toBe(2);

    const merged = runGrove(['merge', a, b, '--json']);
    expect(merged.status).toBe(0);
    const json = JSON.parse(merged.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['applied', 'skipped', 'conflicts']);
    expect(json).toEqual({ applied: 1, skipped: 0, conflicts: [] });
    expect(fs.existsSync(path.join(dir, 'a.pre-merge.grove'))).toBe(true);
    expect(JSON.parse(runGrove(['merge', a, b, '--json']).stdout)).toEqual({ applied: 0, skipped: 0, conflicts: [] });

    const other = path.join(dir, 'other.grove');
    expect(runGrove(['new', other]).status).toBe(0);
    const refused = runGrove(['merge', a, other, '--json']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/is not a copy of the review/);
    expect(refused.stdout).toBe('');
  });

  it.skipIf(!SCRIPT_BIN)('shows the merge’s progress on a terminal, and none when piped (--json stays clean)', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const a = path.join(dir, 'a.grove');
    const b = path.join(dir, 'b.grove');
    expect(runGrove(['example', a, '--dataset', 'fleiss1993']).status).toBe(0);
    expect(runGrove(['fork', a, '--reviewer', 'Bea Blake', '-o', b]).status).toBe(0);
    const c = path.join(dir, 'c.grove');
    fs.copyFileSync(a, c);

    const shown = runGroveOnTerminal(['merge', a, b]);
    expect(shown.status, shown.output).toBe(0);
    expect(shown.output).toContain('\r\x1b[2KMerging b.grove: Reading the file 100%');
    expect(shown.output).toContain('\r\x1b[2KMerging b.grove: Bringing in the changes 100% (1 of 1)');
    // The progress line is ended before the report.
    expect(shown.output).toMatch(/\(1 of 1\)\r?\n[^\r]*Merged/);

    const piped = runGrove(['merge', c, b, '--json']);
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual({ applied: 1, skipped: 0, conflicts: [] });
    expect(piped.stderr).not.toContain('\x1b');
    expect(piped.stderr).not.toContain('Bringing in the changes');
  });
});
