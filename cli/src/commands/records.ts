import fs from 'node:fs';
import type { Command } from 'commander';
import {
  EXPORT_FORMATS,
  ExportFileRefused,
  isExportFormat,
  type BibRecord,
  type ExportFormat,
  type RecordProblem,
} from '@grove/shared/records/index';
import { CliError } from '../cli-error.ts';
import { readExportFile } from '../../../db/src/records/read-export-file.ts';

// `grove records EXPORT... [--format F] --json` (issue 13): parses exports without a review and
// prints every record in Grove's model. Exit 0 when every record parsed, 1 when some were
// skipped (the rest still printed), 2 when a file was refused whole (nothing of it printed).

export interface RecordsRun {
  records: BibRecord[];
  errors: RecordProblem[];
  warnings: RecordProblem[];
  refused: boolean;
}

export function parseFormatOption(value: string | undefined): ExportFormat | undefined {
  if (value === undefined) return undefined;
  if (!isExportFormat(value)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${value}").`, 2);
  return value;
}

export function readExports(files: string[], options: { format?: ExportFormat; idField?: string }): RecordsRun {
  const run: RecordsRun = { records: [], errors: [], warnings: [], refused: false };
  for (const file of files) {
    if (!fs.existsSync(file)) throw new CliError(`${file} does not exist.`, 2);
    try {
      const result = readExportFile(file, options);
      run.records.push(...result.records);
      run.errors.push(...result.skipped);
      run.warnings.push(...result.warnings);
    } catch (err) {
      if (!(err instanceof ExportFileRefused)) throw err;
      run.errors.push({ file: err.file, line: err.line, message: `file refused, nothing imported: ${err.reason}` });
      run.refused = true;
    }
  }
  return run;
}

/** The record as `grove records --json` prints it (the issue's field list, in its order). */
export function recordJson(r: BibRecord) {
  return {
    id: r.id,
    source: r.source,
    title: r.title,
    authors: r.authors,
    year: r.year,
    journal: r.journal,
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    doi: r.doi,
    pmid: r.pmid,
    abstract: r.abstract,
    registryIds: r.registryIds,
  };
}

export function reportProblems(run: RecordsRun): void {
  for (const w of run.warnings) process.stderr.write(`grove: warning: ${w.file}, line ${w.line}: ${w.message}\n`);
  for (const e of run.errors) process.stderr.write(`grove: ${e.file}, line ${e.line}: ${e.message}\n`);
}

/** Exit 1 when records were skipped, 2 when a file was refused (after printing what was read). */
export function failIfIncomplete(run: RecordsRun): void {
  const code = exitCodeOf(run);
  if (code === 2) throw new CliError(`a file was refused; see the errors above.`, 2);
  if (code === 1) throw new CliError(`${run.errors.length} record(s) could not be parsed and were skipped; see the errors above.`, 1);
}

export const exitCodeOf = (run: RecordsRun): 0 | 1 | 2 => (run.refused ? 2 : run.errors.length > 0 ? 1 : 0);

export function registerRecords(program: Command): void {
  program
    .command('records')
    .description('parse database exports (RIS, PubMed/MEDLINE, Web of Science, EndNote XML, BibTeX, CSV) without a review')
    .argument('<exports...>', 'export files')
    .option('--format <format>', `force the format: ${EXPORT_FORMATS.join(', ')}`)
    .option('--id-field <name>', 'for a CSV: the column holding record ids')
    .option('--json', 'print the records as JSON')
    .action((files: string[], opts: { format?: string; idField?: string; json?: boolean }) => {
      const run = readExports(files, { format: parseFormatOption(opts.format), idField: opts.idField });
      reportProblems(run);
      if (opts.json) process.stdout.write(`${JSON.stringify({ records: run.records.map(recordJson), errors: run.errors }, null, 2)}\n`);
      else {
        const bySource = new Map<string, number>();
        for (const r of run.records) bySource.set(r.source, (bySource.get(r.source) ?? 0) + 1);
        for (const [source, n] of bySource) process.stdout.write(`${source}: ${n} records\n`);
      }
      failIfIncomplete(run);
    });
}
