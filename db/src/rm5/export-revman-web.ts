import fs from 'node:fs';
import path from 'node:path';
import { reviewDocumentToRevmanWeb, reviewDocumentToRm5Csv } from '@grove/shared/rm5/revman-web';
import type { Db } from '../connection.ts';
import { exportReview } from '../document/export-review.ts';

// `grove export FILE --revman-web DIR` (the references as RIS and the study data as RevMan
// Web's data-extraction CSVs) and `grove export FILE --rm5-csv OUT.csv` (RevMan 5's analysis
// CSV). The files are built in memory first, so a failure writes nothing.

/** Every RevMan Web file, by name, built in memory. */
export function revmanWebFiles(db: Db): Record<string, string> {
  return reviewDocumentToRevmanWeb(exportReview(db));
}

/** Writes every RevMan Web file into DIR (created if missing); returns the paths written. */
export function writeRevmanWebDir(db: Db, dir: string): string[] {
  const files = reviewDocumentToRevmanWeb(exportReview(db));
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, content]) => {
    const out = path.join(dir, name);
    fs.writeFileSync(out, content, 'utf8');
    return out;
  });
}

export function writeRm5CsvFile(db: Db, out: string): void {
  fs.writeFileSync(out, reviewDocumentToRm5Csv(exportReview(db)), 'utf8');
}
