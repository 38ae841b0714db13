import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/temp.ts';

// The rule of eslint.config.js that keeps SQL in db/src/repositories (and the migrations
// and low-level db files), shown to bite: each case lints a snippet as if it were that file.

const eslint = new ESLint({ cwd: REPO_ROOT });

async function sqlMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const PREPARE = "import type { Db } from '../connection.ts';\nexport const f = (db: Db) => db.prepare('SELECT 1').get();\n";
const EXEC = "import type { Db } from '../connection.ts';\nexport const f = (db: Db) => db.exec('DELETE FROM study');\n";
const PRAGMA = "import type { Db } from '../connection.ts';\nexport const f = (db: Db) => db.pragma('user_version');\n";
const CACHED =
  "import type { Db } from '../connection.ts';\nimport { cached } from '../statements.ts';\nexport const f = (db: Db) => cached(db, 'SELECT 1').get();\n";

// ESLint runs in-process: seconds per call on a busy machine; the timeout guards against hangs only.
describe('SQL only in repositories', { timeout: 60_000 }, () => {
  // The first lint loads the config and the TypeScript parser: once, with room for a busy machine.
  beforeAll(async () => {
    await sqlMessages('db/src/x.ts', 'export const a = 1;\n');
  }, 60_000);

  it.each([
    ['db/src/service/x-handlers.ts', PREPARE],
    ['db/src/service/x-handlers.ts', EXEC],
    ['db/src/service/x-handlers.ts', PRAGMA],
    ['db/src/service/x-handlers.ts', CACHED],
    ['db/src/example/x.ts', PREPARE],
    ['db/src/backend.ts', EXEC],
    ['cli/src/commands/x.ts', PREPARE],
    ['electron/x.ts', CACHED],
  ])('%s refuses %j', async (file, code) => {
    const messages = await sqlMessages(file, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(/SQL lives in db\/src\/repositories/);
  });

  it.each([
    ['db/src/repositories/x-repo.ts', PREPARE],
    ['db/src/repositories/x-repo.ts', CACHED],
    ['db/src/migrations/0099-x.ts', EXEC],
    ['db/src/changes.ts', PREPARE],
    ['db/src/connection.ts', PRAGMA],
    ['db/src/document/x.ts', PREPARE],
    // A regular expression's exec is not SQL.
    ['db/src/service/x-handlers.ts', 'export const year = (s: string) => /\\d{4}/.exec(s)?.[0];\n'],
  ])('%s allows %j', async (file, code) => {
    expect(await sqlMessages(file, code)).toEqual([]);
  });

  it('finds no SQL in the service handlers as they are', async () => {
    const results = await eslint.lintFiles([path.join(REPO_ROOT, 'db/src/service')]);
    const sql = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => `${r.filePath}:${m.line}`));
    expect(sql).toEqual([]);
  });
});
