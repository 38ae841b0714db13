import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../db/src/service/context.ts';
import { REPO_ROOT } from '../../support/temp.ts';

// One contract file per handler file: db/src/service/study-handlers.ts implements exactly
// the methods declared in shared/src/api/contract-study.ts, and so on, so a newcomer finds
// a method's declaration beside its implementation.

const serviceDir = path.join(REPO_ROOT, 'db/src/service');
const apiDir = path.join(REPO_ROOT, 'shared/src/api');
const handlerFiles = fs.readdirSync(serviceDir).filter((f) => f.endsWith('-handlers.ts'));

// Building a handler slice only captures the context; no handler runs.
const ctx = {
  host: 'in-process',
  capabilities: { nativeFileDialogs: false },
  file: () => null,
  reviewerId: null,
  now: () => '',
} as ServiceContext;

describe('contract files', () => {
  it('finds the handler files', () => {
    expect(handlerFiles.length).toBeGreaterThan(10);
  });

  // Importing every handler and contract module transforms most of db/ and shared/: do it
  // once, before the checks, with room for a busy machine.
  const modules = new Map<string, { contract: Record<string, unknown> | null; handlers: Record<string, unknown> }>();
  beforeAll(async () => {
    for (const file of handlerFiles) {
      const contractFile = path.join(apiDir, `contract-${file.replace(/-handlers\.ts$/, '')}.ts`);
      modules.set(file, {
        contract: fs.existsSync(contractFile) ? ((await import(contractFile)) as Record<string, unknown>) : null,
        handlers: (await import(path.join(serviceDir, file))) as Record<string, unknown>,
      });
    }
  }, 120_000);

  it.each(handlerFiles)('%s implements exactly the methods of its contract file', (file) => {
    const domain = file.replace(/-handlers\.ts$/, '');
    const { contract, handlers } = modules.get(file)!;
    expect(contract, `shared/src/api/contract-${domain}.ts should exist`).not.toBeNull();
    const apis = Object.entries(contract!).filter(([name]) => name.endsWith('_API'));
    expect(apis).toHaveLength(1);
    // meta-regression-handlers.ts exports metaRegressionHandlers.
    const factory = `${domain.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Handlers`;
    const make = handlers[factory] as ((c: ServiceContext) => object) | undefined;
    expect(make, `${file} should export ${factory}`).toBeTypeOf('function');
    expect(Object.keys(make!(ctx)).sort()).toEqual(Object.keys(apis[0]![1] as object).sort());
  });
});
