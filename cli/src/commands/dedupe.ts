import type { Command } from 'commander';
import type { BibRecord } from '@grove/shared/records/index';
import { dedupeRecords } from '@grove/shared/records/dedup/index';
import { CliError } from '../cli-error.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { dedupeReview } from '../../../db/src/records/dedupe-review.ts';
import { terminalProgress } from '../terminal-progress.ts';
import { mergeClusters, openQueue } from '../../../db/src/records/review-queue.ts';
import { failIfIncomplete, parseFormatOption, readExports, reportProblems } from './records.ts';

// `grove dedupe EXPORT... --json [--id-field NAME]` (issue 13): reads exports without a review
// and prints the automatic merges and the pairs left for a reviewer, by record id (as in
// `grove records`). `grove dedupe FILE.grove` deduplicates the records stored in a review and
// stores the automatic merges and the queue there (added to what it holds: decisions already
// made stay, and running it again changes nothing). Which mode runs is decided by the extension.

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
        if (files.length !== 1) throw new CliError('grove dedupe takes one review file (FILE.grove), or export files without a review.', 2);
        dedupeStoredReview(files[0]!, opts.json ?? false);
        return;
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

/** The review's state after a run, by stored record id: its merge groups and the pairs still open. */
export interface ReviewDedupeJson extends DedupeJson {
  /** What this run added. */
  added: { merged: number; queued: number };
}

function dedupeStoredReview(file: string, json: boolean): void {
  const review = openReviewFile(file, { app: 'grove dedupe' });
  try {
    const actor = { reviewerId: null, reviewerName: 'grove dedupe', now: new Date().toISOString() };
    const progress = terminalProgress();
    let run;
    try {
      run = dedupeReview(review.db, actor, progress.listener);
    } finally {
      progress.end();
    }
    const clusters = mergeClusters(review.db)
      .map((c) => [...c].sort(byString))
      .sort((x, y) => byString(x[0]!, y[0]!));
    const { undecided, skipped } = openQueue(review.db);
    const queue = [...undecided, ...skipped]
      .map((p) => [p.a, p.b] as [string, string])
      .sort((x, y) => byString(x[0], y[0]) || byString(x[1], y[1]));
    const out: ReviewDedupeJson = { records: run.records, clusters, queue, added: { merged: run.merged, queued: run.queued } };
    if (json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else
      process.stdout.write(
        `${run.records} records: ${run.merged} merged automatically and ${run.queued} pairs queued by this run; ` +
          `${clusters.reduce((s, c) => s + c.length - 1, 0)} duplicates removed in all, ${queue.length} pairs for review\n`,
      );
  } finally {
    review.close();
  }
}
