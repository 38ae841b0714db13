import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../../support/temp.ts';

// The import-cycle rule of eslint.config.js, shown to bite: real files (the rule follows
// imports on disk) laid out like the repository in a temporary folder, linted with the
// repository's own config.

const tmp = tempDir('grove-lint-cycle-');
const eslint = new ESLint({ cwd: tmp.dir, overrideConfigFile: path.join(REPO_ROOT, 'eslint.config.js') });

function write(file: string, code: string): string {
  const full = path.join(tmp.dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, code);
  return full;
}

async function cycleErrors(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([path.join(tmp.dir, file)]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-cycle').map((m) => m.message);
}

beforeAll(() => {
  for (const dir of ['renderer/src/stages/x', 'db/src', 'shared/src', 'cli/src']) {
    write(`${dir}/a.ts`, "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n");
    write(`${dir}/b.ts`, "import { a } from './a.ts';\nexport const b = (): number => (typeof a === 'function' ? 1 : 0);\n");
  }
  write('renderer/src/stages/y/View.tsx', "import { pure } from './logic.ts';\nexport const View = (): string => pure();\n");
  write('renderer/src/stages/y/logic.ts', "export const pure = (): string => 'x';\n");
});
afterAll(() => tmp.cleanup());

// ESLint with type information runs in-process here: seconds per call on a busy machine, so the
// default 5 s guard is too short (it guards against hangs, it measures nothing).
describe('no import cycles', { timeout: 60_000 }, () => {
  it.each(['renderer/src/stages/x', 'db/src', 'shared/src', 'cli/src'])(
    'a two-file cycle in %s is an error on both files',
    async (dir) => {
      for (const f of ['a.ts', 'b.ts']) {
        const messages = await cycleErrors(`${dir}/${f}`);
        expect(messages.length).toBeGreaterThan(0);
        expect(messages.join('\n')).toMatch(/cycle/i);
      }
    },
    60_000,
  );

  it('an import one way only (view → logic) is fine', async () => {
    expect(await cycleErrors('renderer/src/stages/y/View.tsx')).toEqual([]);
    expect(await cycleErrors('renderer/src/stages/y/logic.ts')).toEqual([]);
  }, 60_000);
});
