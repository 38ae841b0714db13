import { reviewDocumentToRevmanWeb, reviewDocumentToRm5Csv } from '@grove/shared/rm5/revman-web';
import type { Db } from '../connection.ts';
import { rm5Document } from './export-rm5.ts';
import { writeDirAtomic, writeFileAtomic } from '../fs/atomic-write.ts';

// `grove export FILE --revman-web DIR` (the references as RIS and the study data as RevMan
// Web's data-extraction CSVs) and `grove export FILE --rm5-csv OUT.csv` (RevMan 5's analysis
// CSV). The files are built in memory from one snapshot of the review, then written
// atomically (a folder as a temporary folder renamed into place), so a failure writes nothing.
// A native review's planned outcomes carry their derived rows, as in the .rm5 export.

/** Every RevMan Web file, by name, built in memory. */
export function revmanWebFiles(db: Db): Record<string, string> {
  return reviewDocumentToRevmanWeb(rm5Document(db));
}

/** Writes every RevMan Web file into DIR (replacing an earlier export there); returns the paths written. */
export function writeRevmanWebDir(db: Db, dir: string): string[] {
  // An earlier export may have written a section this one has no data for.
  return writeDirAtomic(dir, revmanWebFiles(db), (name) => /\.(ris|csv)$/i.test(name));
}

export function writeRm5CsvFile(db: Db, out: string): void {
  writeFileAtomic(out, reviewDocumentToRm5Csv(rm5Document(db)));
}
