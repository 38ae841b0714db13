import type { Command } from 'commander';
import type { BibRecord } from '@grove/shared/records/index';
import { dedupeRecords } from '@grove/shared/records/dedup/index';
import { CliError } from '../cli-error.ts';
import { failIfIncomplete, parseFormatOption, readExports, reportProblems } from './records.ts';

// `grove dedupe EXPORT... --json [--id-field NAME]` (issue 13): reads exports without a review
// and prints the automatic merges and the pairs left for a reviewer, by record id (as in
// `grove records`). `grove dedupe FILE.grove` stores them in a review; that needs the records
// tables of a later migration and says so.

export interface DedupeJson {
  records: number;
  clusters: string[][];
  queue: Array<[string, string]>;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function dedupeJson(records: BibRecord[]): DedupeJson {
  const result = dedupeRecords(records);
  const clusters = result.clusters.map((c) => c.map((i) => records[i]!.id).sort(byString)).sort((x, y) => byString(x[0]!, y[0]!));
  const seen = new Set<string>();
  const queue: Array<[string, string]> = [];
  for (const p of result.queue) {
    const pair = [records[p.a]!.id, records[p.b]!.id].sort(byString) as [string, string];
    const k = pair.join('\u0000');
    if (seen.has(k)) continue;
    seen.add(k);
    queue.push(pair);
  }
  queue.sort((x, y) => byString(x[0], y[0]) || byString(x[1], y[1]));
  return { records: records.length, clusters, queue };
}

export function registerDedupe(program: Command): void {
  program
    .command('dedupe')
    .description('find duplicate records in database exports: automatic merges and a queue of pairs for a reviewer')
    .argument('<files...>', 'export files (or one review file, FILE.grove)')
    .option('--format <format>', 'force the exports\u2019 format')
    .option('--id-field <name>', 'for a CSV: the column holding record ids')
    .option('--json', 'print {records, clusters, queue} as JSON')
    .action((files: string[], opts: { format?: string; idField?: string; json?: boolean }) => {
      if (files.some((f) => f.endsWith('.grove'))) {
        throw new CliError(
          'deduplicating the records stored in a review is not available yet: reviews do not hold imported records until the records migration lands. Run `grove dedupe EXPORT... --json` on the export files.',
          2,
        );
      }
      const run = readExports(files, { format: parseFormatOption(opts.format), idField: opts.idField });
      reportProblems(run);
      if (run.refused) failIfIncomplete(run);
      const out = dedupeJson(run.records);
      if (opts.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      else
        process.stdout.write(
          `${out.records} records: ${out.clusters.length} automatic merges (${out.clusters.reduce((s, c) => s + c.length - 1, 0)} duplicates removed), ${out.queue.length} pairs for review\n`,
        );
      failIfIncomplete(run);
    });
}
