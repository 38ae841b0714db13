// Locates the shared corpus: $GROVE_CORPUS, else ../shared/corpus beside the repository.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function findCorpus(): string | null {
  const fromEnv = process.env.GROVE_CORPUS;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const fallback = resolve(repoRoot, '../shared/corpus');
  return existsSync(fallback) ? fallback : null;
}
