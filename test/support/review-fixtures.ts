import path from 'node:path';
import { inProcessClient, type ApiClient } from '@grove/shared';
import { createBackend, type Backend } from '../../db/src/backend.ts';
import { tempDir } from './temp.ts';

/** A backend on a fresh review file in a temp folder (a real SQLite file, never :memory:). */
export function freshBackend(kind: 'empty' | 'example' = 'empty'): { backend: Backend; client: ApiClient; file: string; cleanup(): void } {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'review.grove');
  let tick = 0;
  // A clock that always moves forward, so ordering by time is stable in tests.
  const backend = createBackend({ host: 'in-process', now: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000).toISOString() });
  if (kind === 'example') backend.createExample(file);
  else backend.createFile(file, 'Test review');
  return {
    backend,
    client: inProcessClient(backend),
    file,
    cleanup: () => {
      backend.closeFile();
      cleanup();
    },
  };
}
