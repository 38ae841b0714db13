import path from 'node:path';
import type { Command } from 'commander';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { MergeRefusedError, mergeReviewFiles, type MergeReport } from '../../../db/src/merge/merge-files.ts';
import { describeReport } from '../../../db/src/merge/merge-report-text.ts';
import { ReviewFileError } from '../../../db/src/connection.ts';
import { CliError } from '../cli-error.ts';
import { terminalProgress } from '../terminal-progress.ts';

// grove fork | merge: co-reviewers' copies of a review and bringing them back together
// (docs/merging.md).

export function registerMerge(program: Command): void {
  program
    .command('fork')
    .description('Make a co-reviewer’s copy of a review, with its own site id, to merge back later with `grove merge`.')
    .argument('<file>', 'the review file')
    .requiredOption('--reviewer <name>', 'the co-reviewer the copy is for (added to the review when missing)')
    .requiredOption('-o, --output <copy>', 'the copy to write')
    .action((file: string, opts: { reviewer: string; output: string }) => {
      try {
        const r = forkReview(file, opts.output, opts.reviewer);
        process.stderr.write(
          `Wrote ${r.copy} for ${opts.reviewer.trim()}${r.reviewerAdded ? ' (added as a reviewer)' : ''}; merge it back with \`grove merge ${path.basename(file)} ${path.basename(r.copy)}\`.\n`,
        );
      } catch (err) {
        if (err instanceof ReviewFileError && /already exists|Name the co-reviewer/.test(err.message)) throw new CliError(err.message, 2);
        throw err;
      }
    });

  program
    .command('merge')
    .description('Bring into TARGET every change of OTHER (a copy of the same review) that TARGET has not seen, as one undoable change.')
    .argument('<target>', 'the review file to merge into (backed up first)')
    .argument('<other>', 'a copy of the same review, e.g. a co-reviewer’s `grove fork` copy (only read)')
    .option('--json', 'print {"applied", "skipped", "conflicts": [...]} as JSON')
    .action((target: string, other: string, opts: { json?: boolean }) => {
      let report: MergeReport;
      // On a terminal, the merge's progress on standard error; piped, nothing (--json stays clean).
      const progress = terminalProgress();
      try {
        report = mergeReviewFiles(target, other, progress.listener ? { onProgress: progress.listener } : {});
      } catch (err) {
        if (err instanceof MergeRefusedError) throw new CliError(err.message, 2);
        throw err;
      } finally {
        progress.end();
      }
      if (opts.json) {
        const json = {
          applied: report.applied,
          skipped: report.skipped,
          conflicts: report.conflicts.map((c) => ({
            table: c.table,
            key: c.key,
            field: c.field,
            base: c.base,
            local: c.local,
            incoming: c.incoming,
            reviewer: c.reviewer,
          })),
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        process.stderr.write(describeReport(path.resolve(other), report));
      } else process.stdout.write(describeReport(path.resolve(other), report));
    });
}
