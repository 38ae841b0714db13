import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ProgressReporter, searchDetailsSchema, type ImportSummary, type ProgressListener, type SearchDetails } from '@grove/shared';
import { ExportFileRefused, type ColumnChoices, type ExportFormat } from '@grove/shared/records/index';
import { recordChange, type Actor } from '../changes.ts';
import type { Db } from '../connection.ts';
import { TABLES } from '../tables.ts';
import { recordIdFor, recordRow, searchIdFor } from '../repositories/records-repo.ts';
import { findSearchByFile, importedSearchRow, nextSearchPosition } from '../repositories/records-search-log-repo.ts';
import { readExportFile } from './read-export-file.ts';

// Importing one database export into a review as one search: the whole file is read first
// (a refused file writes nothing), then its records and its search-log entry are written as
// one change (one transaction, undoable as a whole). The same bytes imported twice are
// refused: the file's SHA-256 is the search's natural key and part of every record's id.

/** An export that cannot be imported, with what to tell the user (file, and line where known). */
export class RecordsImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'RecordsImportError';
  }
}

export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export interface ImportOptions {
  format?: ExportFormat;
  idField?: string;
  /** For a CSV: the reviewer's column choices (the wizard's mapping step). */
  columns?: ColumnChoices;
  /** Hears the import's progress: bytes read, then records written. */
  onProgress?: ProgressListener | undefined;
}

/** Imports the export at `file` (named by its base name) into the review as one search. */
export function importSearchFile(db: Db, actor: Actor, file: string, details: SearchDetails, options: ImportOptions = {}): ImportSummary {
  const name = path.basename(file);
  const search = searchDetailsSchema.parse(details);
  const sha = sha256OfFile(file);
  const earlier = findSearchByFile(db, sha);
  if (earlier)
    throw new RecordsImportError(
      name,
      null,
      `${name} was imported already (search "${earlier.source}"${earlier.searchedOn ? ` of ${earlier.searchedOn}` : ''}, from ${earlier.fileName ?? 'a file'}); nothing was imported.`,
    );
  const { onProgress, ...readOptions } = options;
  const progress = new ProgressReporter(`Importing ${name}`, onProgress);
  progress.start('reading', fs.statSync(file).size);
  let result;
  try {
    result = readExportFile(file, readOptions, (n) => progress.update(n));
  } catch (err) {
    if (err instanceof ExportFileRefused)
      throw new RecordsImportError(err.file, err.line, `${err.file}, line ${err.line}: ${err.reason}; nothing was imported.`);
    throw err;
  }
  progress.finish();
  const searchId = searchIdFor(sha);
  const skipped = result.skipped.map((p) => ({ line: p.line, message: p.message }));
  const warnings = result.warnings.map((p) => ({ line: p.line, message: p.message }));
  progress.start('importing', result.records.length);
  recordChange(db, actor, `Import ${result.records.length} records from ${name} (${search.source})`, (w) => {
    w.insert(
      TABLES.searchLog,
      importedSearchRow({
        id: searchId,
        position: nextSearchPosition(db),
        kind: search.kind,
        source: search.source,
        interface: search.interface,
        searchedOn: search.searchedOn,
        strategy: search.strategy,
        hitsReported: search.hitsReported,
        recordsParsed: result.records.length,
        fileName: name,
        fileSha256: sha,
        format: result.format,
        skipped,
        warnings,
        createdAt: actor.now,
      }),
      `Imported search ${search.source} (${name})`,
    );
    result.records.forEach((r, i) => {
      const id = recordIdFor(sha, i + 1);
      w.insertComplete(TABLES.record, recordRow(searchId, i + 1, r, id), `Imported record ${r.id}`);
      progress.update(i + 1);
    });
  });
  progress.finish();
  return {
    searchId,
    fileName: name,
    format: result.format,
    recordsParsed: result.records.length,
    hitsReported: search.hitsReported,
    skipped,
    warnings,
  };
}
