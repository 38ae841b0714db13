import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it.each(handlerFiles)('%s implements exactly the methods of its contract file', async (file) => {
    const domain = file.replace(/-handlers\.ts$/, '');
    const contractFile = path.join(apiDir, `contract-${domain}.ts`);
    expect(fs.existsSync(contractFile), `${path.relative(REPO_ROOT, contractFile)} should exist`).toBe(true);
    const contract = (await import(contractFile)) as Record<string, unknown>;
    const apis = Object.entries(contract).filter(([name]) => name.endsWith('_API'));
    expect(apis).toHaveLength(1);
    const handlers = (await import(path.join(serviceDir, file))) as Record<string, unknown>;
    const make = handlers[`${domain}Handlers`] as ((c: ServiceContext) => object) | undefined;
    expect(make, `${file} should export ${domain}Handlers`).toBeTypeOf('function');
    expect(Object.keys(make!(ctx)).sort()).toEqual(Object.keys(apis[0]![1] as object).sort());
  });
});
