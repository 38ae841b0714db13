import { writeFileAtomic } from '../../db/src/fs/atomic-write.ts';

/** Writes to OUT atomically (the old file or the whole new one, never part of it), or to stdout for none or `-`. */
export function writeOutput(text: string | Uint8Array, out: string | undefined): void {
  if (out && out !== '-') writeFileAtomic(out, text);
  else process.stdout.write(text);
}
