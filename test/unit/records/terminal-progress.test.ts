import { describe, expect, it } from 'vitest';
import { progressLine, terminalProgress } from '../../../cli/src/terminal-progress.ts';

// `grove import` and `grove dedupe FILE.grove` print progress on standard error to a terminal
// only: a pipe or a file (scripts, CI) gets nothing, so what they read is unchanged.

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (t: string) => written.push(t) };
}

describe('progress on the terminal', () => {
  it('redraws one line per event on a terminal and ends it with a newline', () => {
    const s = stream(true);
    const p = terminalProgress(s);
    p.listener?.({ operation: 'Importing a.ris', phase: 'reading', done: 500_000, total: 1_000_000 });
    p.listener?.({ operation: 'Importing a.ris', phase: 'importing', done: 4500, total: 10_000 });
    p.end();
    expect(s.written).toEqual([
      '\r\x1b[2KImporting a.ris: Reading the file 50% (0.5 MB of 1.0 MB)',
      '\r\x1b[2KImporting a.ris: Writing the records 45% (4,500 of 10,000)',
      '\n',
    ]);
  });

  it('reports nothing to a pipe or a file', () => {
    const s = stream(false);
    const p = terminalProgress(s);
    expect(p.listener).toBeUndefined();
    p.end();
    expect(s.written).toEqual([]);
  });

  it('reads an empty phase as complete', () => {
    expect(progressLine({ operation: 'Removing duplicates', phase: 'storing', done: 0, total: 0 })).toBe(
      'Removing duplicates: Storing the merges and the queue 100% (0 of 0)',
    );
  });
});
