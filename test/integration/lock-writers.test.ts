import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPathFor } from '../../db/src/lock/review-lock.ts';
import { runGrove } from '../support/run-cli.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';
import { tempDir } from '../support/temp.ts';

// Every CLI writer takes the review lock (issue 11, item 4), between real processes: with
// `grove serve` editing a review, `grove import`, `grove dedupe`, `grove merge` (into it)
// and `grove fork` (from it, or onto a copy another process is writing) are each refused
// with the lock message naming the holder, and write nothing: the review, its -wal and the
// folder are as they were. lock.test.ts covers a second serve, `new --force` and the
// desktop host's open path.

const { dir, cleanup } = tempDir('grove-lock-writers-');
const at = (name: string) => path.join(dir, name);
let server: ServeProcess;
let served: string;
let holder: RegExp;

/** The bytes of the review and its companions, and the folder listing: what a write would change. */
function state(file: string): string {
  const files = fs.readdirSync(path.dirname(file)).sort();
  const hashes = ['', '-wal'].map((suffix) =>
    fs.existsSync(file + suffix)
      ? createHash('sha256')
          .update(fs.readFileSync(file + suffix))
          .digest('hex')
      : 'absent',
  );
  return JSON.stringify({ files, hashes });
}

const RIS = 'TY  - JOUR\r\nTI  - A trial of peer support\r\nAU  - Smith, J.\r\nPY  - 2020\r\nER  - \r\n';

beforeAll(async () => {
  fs.mkdirSync(at('served'));
  served = at('served/review.grove');
  expect(runGrove(['example', served]).status).toBe(0);
  // A copy of the review with a change of its own, so a merge would have something to apply.
  expect(runGrove(['fork', served, '--reviewer', 'Second Reviewer', '-o', at('copy.grove')]).status).toBe(0);
  fs.writeFileSync(at('search.ris'), RIS);
  server = await startServe([served]);
  holder = new RegExp(`open for editing in another Grove \\(grove serve, process ${server.child.pid} on [^,]+, since \\d{4}-`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  cleanup();
});

describe('a CLI writer against a served review', () => {
  it.each([
    ['grove import', () => ['import', served, at('search.ris'), '--source', 'MEDLINE', '--searched', '2026-12-01']],
    ['grove dedupe', () => ['dedupe', served]],
    ['grove merge (into it)', () => ['merge', served, at('copy.grove')]],
    ['grove fork (from it)', () => ['fork', served, '--reviewer', 'Third Reviewer', '-o', at('third.grove')]],
  ])('%s is refused with the holder named, and writes nothing', (_name, args) => {
    const before = state(served);
    const outside = fs.readdirSync(dir).sort();
    const r = runGrove(args());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(holder);
    expect(r.stderr).not.toMatch(/SQLITE|UNIQUE|CHECK constraint/);
    expect(state(served)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(outside);
  });

  it('the served review still takes writes afterwards, and its lock is its own', async () => {
    const made = await server.call('studies.create', {
      study: { label: 'After the refused writers', status: 'included', identifiers: '', notes: '' },
    });
    expect(made.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockPathFor(served), 'utf8'))).toMatchObject({ pid: server.child.pid });
  });
});

describe('grove fork onto a copy another process is writing', () => {
  it('is refused with that holder named, and leaves no copy', () => {
    const copy = at('busy-copy.grove');
    // Another Grove serving a file at the copy's path would be refused as "already exists";
    // the lock is what guards the window in which a copy is being made there: a live
    // holder of that lock (here the served process's pid) must stop a second fork.
    const since = new Date().toISOString();
    fs.writeFileSync(lockPathFor(copy), JSON.stringify({ pid: server.child.pid, host: os.hostname(), app: 'grove fork', since }));
    try {
      const source = at('source.grove');
      expect(runGrove(['example', source]).status).toBe(0);
      const r = runGrove(['fork', source, '--reviewer', 'Fourth Reviewer', '-o', copy]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`open for editing in another Grove \\(grove fork, process ${server.child.pid} on `));
      expect(fs.existsSync(copy)).toBe(false);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('busy-copy') && !f.endsWith('.lock'))).toEqual([]);
    } finally {
      fs.rmSync(lockPathFor(copy), { force: true });
    }
  });
});
