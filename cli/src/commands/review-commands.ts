import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { EXAMPLES, createExampleReview, type ExampleName } from '../../../db/src/example/create-example.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFile, inspectReviewFile, openReviewFile } from '../../../db/src/review-file.ts';
import { LATEST_SCHEMA_VERSION } from '../../../db/src/migrations/index.ts';
import { CliError } from '../cli-error.ts';
import { describeImportReport, importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { importRevmanPackageFile } from '../../../db/src/rm5/import-revman-package.ts';
import { Rm5FileError } from '../../../db/src/rm5/load-rm5.ts';
import { writeRm5File } from '../../../db/src/rm5/export-rm5.ts';
import { writeRevmanWebDir, writeRm5CsvFile } from '../../../db/src/rm5/export-revman-web.ts';
import { loadOrExplain } from './rm5.ts';
import { recordsRis } from '../../../db/src/records/export-ris.ts';
import { parseJsonText, readTextArg } from '../io.ts';
import { writeOutput } from '../write-output.ts';

// grove new | info | export | example: the review file from a terminal.

export function registerReviewCommands(program: Command): void {
  program
    .command('new')
    .description('Create a new review file, empty or from a review document (the output of `grove export --json`).')
    .argument('<file>', 'the review file to create, e.g. my-review.grove')
    .option('--title <title>', 'title of the new review', 'Untitled review')
    .option(
      '--from <document>',
      'build the review from this JSON document (- for stdin), RevMan 5 file (.rm5) or RevMan Web data package (.zip)',
    )
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string, opts: { title: string; from?: string; force?: boolean }) => {
      refuseExisting(file, opts.force);
      if (opts.from && /\.rm5$/i.test(opts.from)) {
        // A RevMan 5 file: checked, imported in one transaction, and reported.
        const { review, report } = importRm5(loadOrExplain(opts.from), file, { overwrite: opts.force ?? false });
        review.close();
        process.stderr.write(describeImportReport(report));
      } else if (opts.from && /\.zip$/i.test(opts.from)) {
        // A RevMan Web data package: mapped like an .rm5 file, one transaction, reported.
        let imported: ReturnType<typeof importRevmanPackageFile>;
        try {
          imported = importRevmanPackageFile(opts.from, file, { overwrite: opts.force ?? false });
        } catch (err) {
          if (err instanceof Rm5FileError) throw new CliError(err.message, 2);
          throw err;
        }
        imported.review.close();
        process.stderr.write(describeImportReport(imported.report));
      } else if (opts.from) {
        const text = await readTextArg(opts.from);
        const source = opts.from === '-' ? 'standard input' : opts.from;
        createReviewFromDocument(file, source, parseJsonText(source, text), { overwrite: opts.force ?? false }).close();
      } else {
        createReviewFile(file, { title: opts.title, overwrite: opts.force ?? false, app: 'grove new' }).close();
      }
      process.stderr.write(`Created ${path.resolve(file)}\n`);
    });

  program
    .command('info')
    .description('Show what a review file holds: schema version and counts.')
    .argument('<file>', 'a review file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      // Inspection never writes: an older file is described, not upgraded.
      const { version } = inspectReviewFile(file);
      if (version < LATEST_SCHEMA_VERSION) {
        const note = `It will be upgraded to v${LATEST_SCHEMA_VERSION}, after a backup, when it is opened for editing.`;
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ file: path.resolve(file), schemaVersion: version, upgradeNeeded: LATEST_SCHEMA_VERSION, note }, null, 2)}\n`,
          );
        else process.stdout.write(`${path.resolve(file)}\n  schema version  ${version} (older)\n  ${note}\n`);
        return;
      }
      const backend = createBackend({ host: 'in-process' });
      const review = backend.openFile(file, { readOnly: true });
      try {
        for (const w of review.warnings) process.stderr.write(`Warning: ${w}\n`);
        const s = await inProcessClient(backend).call('review.summary', {});
        const info = {
          file: review.path,
          title: s.title,
          schemaVersion: s.schemaVersion,
          studies: s.counts.studies,
          reports: s.counts.reports,
          reviewers: s.counts.reviewers,
          updatedAt: s.updatedAt,
        };
        if (opts.json) process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
        else {
          process.stdout.write(
            `${info.title}\n  file            ${info.file}\n  schema version  ${info.schemaVersion}\n  studies         ${info.studies}\n  reports         ${info.reports}\n  reviewers       ${info.reviewers}\n  last change     ${info.updatedAt}\n`,
          );
        }
      } finally {
        backend.closeFile();
      }
    });

  program
    .command('export')
    .description('Export a review. --json writes the whole review as one JSON document (docs/review-json.md).')
    .argument('<file>', 'a review file')
    .option('--json', 'export as a Grove review document (JSON)')
    .option('--rm5 <out>', 'export as a RevMan 5 file (.rm5)')
    .option('--revman-web <dir>', 'write the references (RIS) and the study data (RevMan Web data-extraction CSVs) into this directory')
    .option('--rm5-csv <out>', 'export the analyses as RevMan 5’s analysis CSV')
    .option('--ris', 'export the records left after deduplication as RIS')
    .option('-o, --output <out>', 'write to this file instead of standard output')
    .action((file: string, opts: { json?: boolean; ris?: boolean; rm5?: string; revmanWeb?: string; rm5Csv?: string; output?: string }) => {
      if (!opts.json && !opts.ris && !opts.rm5 && !opts.revmanWeb && !opts.rm5Csv)
        throw new CliError('Choose an export format: --json, --ris, --rm5 OUT.rm5, --revman-web DIR or --rm5-csv OUT.csv.', 2);
      if (opts.json && opts.ris) throw new CliError('--json and --ris both write to -o (or standard output): choose one.', 2);
      // A reader: a current file is read from one snapshot without the write lock, so it can
      // be exported while the workbench edits it.
      const review = openReviewFile(file, { forReading: true, app: 'grove export' });
      try {
        if (opts.rm5) {
          writeRm5File(review.db, opts.rm5);
          process.stderr.write(`Wrote ${path.resolve(opts.rm5)}\n`);
        }
        if (opts.revmanWeb) {
          for (const f of writeRevmanWebDir(review.db, opts.revmanWeb)) process.stderr.write(`Wrote ${path.resolve(f)}\n`);
        }
        if (opts.rm5Csv) {
          writeRm5CsvFile(review.db, opts.rm5Csv);
          process.stderr.write(`Wrote ${path.resolve(opts.rm5Csv)}\n`);
        }
        if (opts.ris) {
          const { text, count } = recordsRis(review.db);
          writeOutput(text, opts.output);
          if (opts.output && opts.output !== '-') process.stderr.write(`Wrote ${count} records to ${path.resolve(opts.output)}\n`);
          return;
        }
        if (!opts.json) return;
        writeOutput(`${JSON.stringify(exportReview(review.db), null, 2)}\n`, opts.output);
      } finally {
        review.close();
      }
    });

  program
    .command('example')
    .description(
      'Write a bundled example review to a file: peer-support (the default; group peer support, BMC Psychiatry 2021) or fleiss1993 (five trials with outcome data, for trying the analyses).',
    )
    .argument('<file>', 'the review file to create')
    .option('--dataset <name>', `which example: ${EXAMPLES.join(' or ')}`, 'peer-support')
    .option('--force', 'overwrite FILE if it exists')
    .action((file: string, opts: { force?: boolean; dataset: string }) => {
      if (!(EXAMPLES as readonly string[]).includes(opts.dataset))
        throw new CliError(`--dataset must be ${EXAMPLES.join(' or ')}, not "${opts.dataset}".`, 2);
      refuseExisting(file, opts.force);
      createExampleReview(file, { overwrite: opts.force ?? false, example: opts.dataset as ExampleName }).close();
      process.stderr.write(`Created the example review in ${path.resolve(file)}\n`);
    });
}

function refuseExisting(file: string, force: boolean | undefined): void {
  if (!force && fs.existsSync(file)) throw new CliError(`${path.resolve(file)} already exists; use --force to overwrite it.`, 2);
}
