import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/temp.ts';

// The layering rules of eslint.config.js, shown to bite: each case lints a snippet as
// if it were a file in that folder and expects (or not) a no-restricted-imports error.

const eslint = new ESLint({ cwd: REPO_ROOT });

// The first lint loads the parser and every plugin (seconds on a busy machine); do it once
// here so that the cases below measure the rules, not the start-up.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: path.join(REPO_ROOT, 'shared/src/warm-up.ts') });
}, 120_000);

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

// ESLint runs in-process: seconds per call on a busy machine; the timeout guards against hangs only.
describe('layering rules', { timeout: 60_000 }, () => {
  it.each([
    ['shared/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /shared\/ is pure/],
    [
      'shared/src/x.ts',
      "import { createBackend } from '../../db/src/backend.ts';\nexport const a = createBackend;\n",
      /shared\/ imports nothing/,
    ],
    ['shared/src/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", /shared\/ is pure/],
    ['shared/src/x.ts', 'export const a = process.env;\n', /process/],
    ['db/src/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /db\/ is the backend/],
    ['db/src/x.ts', "import { App } from '../../renderer/src/App.tsx';\nexport const a = App;\n", /db\/ is the backend/],
    [
      'renderer/src/x.ts',
      "import { openReviewFile } from '../../db/src/review-file.ts';\nexport const a = openReviewFile;\n",
      /only through its API client/,
    ],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /sandboxed page/],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", /sandboxed page/],
    ['electron/x.ts', "import { App } from '../renderer/src/App.tsx';\nexport const a = App;\n", /never import its source/],
  ])('%s refuses %j', async (file, code, message) => {
    const messages = await restricted(file, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(message);
  });

  it.each([
    ['db/src/x.ts', "import fs from 'node:fs';\nimport { API } from '@grove/shared';\nexport const a = [fs, API];\n"],
    ['renderer/src/x.ts', "import { API } from '@grove/shared';\nexport const a = API;\n"],
    ['cli/src/x.ts', "import { createBackend } from '../../db/src/backend.ts';\nexport const a = createBackend;\n"],
    ['shared/src/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
  ])('%s allows %j', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
