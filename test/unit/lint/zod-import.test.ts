import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/temp.ts';

// zod is imported as a namespace (`import * as z from 'zod'`), never as `import { z }`.
// The named `z` is zod's whole API object, locales included, so a bundler must keep all
// of it: with one such import the compiled CLI carried 450 kB of zod (error messages in
// 40 languages) and every `grove` command spent ~100 ms of CPU compiling it. The
// namespace import lets esbuild keep only what the schemas use (bench/metafor.bench.ts,
// bench/cli-startup.bench.ts).

const NAMED_Z = /^\s*import\s+(type\s+)?\{[^}]*\bz\b[^}]*\}\s+from\s+['"]zod(\/[^'"]*)?['"]/m;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|tsx|mts)$/.test(e.name) ? [p] : [];
  });
}

describe('zod imports', () => {
  it('recognises the named import it forbids, and not the namespace import', () => {
    expect(NAMED_Z.test("import { z } from 'zod';")).toBe(true);
    expect(NAMED_Z.test("import type { z } from 'zod';")).toBe(true);
    expect(NAMED_Z.test("import { ZodError, z } from 'zod';")).toBe(true);
    expect(NAMED_Z.test("import * as z from 'zod';")).toBe(false);
    expect(NAMED_Z.test("import { ZodError } from 'zod';")).toBe(false);
  });

  it('no source file imports zod as `{ z }`', () => {
    const offenders = ['shared', 'db', 'cli', 'renderer', 'electron']
      .flatMap((d) => sources(path.join(REPO_ROOT, d)))
      .filter((f) => NAMED_Z.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(REPO_ROOT, f));
    expect(offenders, "write `import * as z from 'zod'` (see this test's comment)").toEqual([]);
  });
});
