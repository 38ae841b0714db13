import fs from 'node:fs';
import type { Command } from 'commander';
import { searchDetailsSchema, zodIssues } from '@grove/shared';
import type { ImportSummary } from '@grove/shared';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { importSearchFile, RecordsImportError } from '../../../db/src/records/import-search.ts';
import { terminalProgress } from '../terminal-progress.ts';
import { CliError } from '../cli-error.ts';
import { parseFormatOption } from './records.ts';

// `grove import FILE.grove EXPORT... --source NAME --searched YYYY-MM-DD [--interface NAME]
// [--strategy FILE] [--hits N]` (issue 13): each export becomes one search in the review's
// search log, in one transaction of its own. A file that is refused imports nothing and is
// named with its line; the others are still imported. Takes the review's write lock like
// every writer. Exit 0 when every record of every file was read, 1 when some were skipped,
// 2 when a file was refused (or the arguments are wrong).

interface ImportOptions {
  source?: string;
  searched?: string;
  interface?: string;
  strategy?: string;
  hits?: string;
  kind?: string;
  format?: string;
  idField?: string;
}

/** `--hits` gives one number, or with several files one number per file ("120,340"). */
function hitsPerFile(value: string | undefined, files: number): (number | null)[] {
  if (value === undefined) return Array<number | null>(files).fill(null);
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) throw new CliError(`--hits must be a whole number of records (got "${value}").`, 2);
  if (parts.length !== files)
    throw new CliError(
      `--hits gives the hits of each file: ${files} file(s) need ${files} number(s), separated by commas (got "${value}").`,
      2,
    );
  return parts.map(Number);
}

function describe(s: ImportSummary, source: string): string {
  const reported = s.hitsReported === null ? '' : `, ${s.hitsReported} reported by the database`;
  const lines = [`${s.fileName} (${s.format}) → search "${source}": ${s.recordsParsed} records imported${reported}`];
  if (s.hitsReported !== null && s.hitsReported !== s.recordsParsed + s.skipped.length)
    lines.push(`  note: the database reported ${s.hitsReported} but the file holds ${s.recordsParsed + s.skipped.length}`);
  for (const p of s.skipped) lines.push(`  skipped: ${s.fileName}, line ${p.line}: ${p.message}`);
  for (const p of s.warnings) lines.push(`  warning: ${s.fileName}, line ${p.line}: ${p.message}`);
  return `${lines.join('\n')}\n`;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import database exports into a review: one search-log entry per file, its records kept with their raw text')
    .argument('<review>', 'the review file (.grove)')
    .argument('<exports...>', 'export files (RIS, PubMed/MEDLINE, Web of Science, EndNote XML, BibTeX, CSV)')
    .requiredOption('--source <name>', 'the database or source searched (MEDLINE, Embase, trial registers, …)')
    .requiredOption('--searched <date>', 'the date the search was run, YYYY-MM-DD')
    .option('--interface <name>', 'the interface or platform (Ovid, EBSCOhost, …)', '')
    .option('--strategy <file>', 'a text file holding the search strategy as run')
    .option('--hits <n>', 'the number of records the database reported (one per file, comma-separated)')
    .option('--kind <kind>', 'database (databases and registers) or other (other methods)', 'database')
    .option('--format <format>', 'force the exports’ format')
    .option('--id-field <name>', 'for a CSV: the column holding record ids')
    .action((file: string, exports: string[], opts: ImportOptions) => {
      if (!file.endsWith('.grove')) throw new CliError(`${file} is not a review file (.grove): grove import REVIEW.grove EXPORT...`, 2);
      for (const e of exports) if (!fs.existsSync(e)) throw new CliError(`${e} does not exist.`, 2);
      let strategy = '';
      if (opts.strategy) {
        if (!fs.existsSync(opts.strategy)) throw new CliError(`${opts.strategy} (--strategy) does not exist.`, 2);
        strategy = fs.readFileSync(opts.strategy, 'utf8');
      }
      const hits = hitsPerFile(opts.hits, exports.length);
      const details = exports.map((_, i) => {
        const parsed = searchDetailsSchema.safeParse({
          source: opts.source,
          kind: opts.kind,
          interface: opts.interface,
          searchedOn: opts.searched,
          strategy,
          hitsReported: hits[i],
        });
        if (!parsed.success) {
          const issue = zodIssues(parsed.error)[0]!;
          const option =
            { searchedOn: '--searched', source: '--source', kind: '--kind', interface: '--interface' }[issue.path] ?? issue.path;
          throw new CliError(`${option}: ${issue.message}.`, 2);
        }
        return parsed.data;
      });
      const format = parseFormatOption(opts.format);
      const review = openReviewFile(file, { app: 'grove import' });
      let refused = 0;
      let skipped = 0;
      try {
        const actor = { reviewerId: null, reviewerName: 'grove import', now: new Date().toISOString() };
        exports.forEach((exportFile, i) => {
          try {
            const progress = terminalProgress();
            let summary;
            try {
              summary = importSearchFile(review.db, actor, exportFile, details[i]!, {
                format,
                idField: opts.idField,
                onProgress: progress.listener,
              });
            } finally {
              progress.end();
            }
            skipped += summary.skipped.length;
            process.stdout.write(describe(summary, details[i]!.source));
          } catch (err) {
            if (!(err instanceof RecordsImportError)) throw err;
            refused++;
            process.stderr.write(`grove: ${err.message}\n`);
          }
        });
      } finally {
        review.close();
      }
      if (refused > 0) throw new CliError(`${refused} file(s) were refused and imported nothing; see above.`, 2);
      if (skipped > 0)
        throw new CliError(`${skipped} record(s) could not be read and were skipped; they are listed above and in the search log.`, 1);
    });
}
