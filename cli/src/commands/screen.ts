import type { Command } from 'commander';
import { parseLabelledCsv, LabelledSetError } from '../../../shared/src/screening/labelled-csv.ts';
import { relevantRecordsFound, workSavedOverSampling } from '../../../shared/src/screening/metrics.ts';
import { DEFAULT_MODEL, MODEL_NAMES, type ModelName } from '../../../shared/src/screening/models.ts';
import { simulateScreening } from '../../../shared/src/screening/simulate.ts';
import {
  DEFAULT_BUFFER_RULE,
  DEFAULT_HYPERGEOMETRIC_RULE,
  methodsText,
  stoppingPoint,
  type StoppingRule,
} from '../../../shared/src/screening/stopping-rules.ts';
import { CliError } from '../cli-error.ts';
import { readTextArg } from '../io.ts';
import { screenStatus, statusText } from './screen-status.ts';

// `grove screen simulate LABELLED.csv --label-field NAME --id-field NAME [--seed N] [--batch N] --json`
// (issue 15): replays priority screening on a labelled set the way ASReview's simulation
// does and reports the order and how much work it saved. The JSON keys are the ones the
// issue names; `--stopping` adds where each stopping rule would have stopped.
// `grove screen status FILE.grove [--json]` (issue 14): per stage, the records, each
// reviewer's decisions, conflicts, resolutions and agreement (screen-status.ts).

export interface SimulateOptions {
  labelField: string;
  idField: string;
  seed: string;
  batch: string;
  model: string;
  json?: boolean;
  stopping?: boolean;
}

function wholeNumber(value: string, option: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new CliError(`${option} must be a whole number of at least ${min} (got "${value}").`, 2);
  return n;
}

export interface SimulateReport {
  records: number;
  relevant: number;
  order: string[];
  wss95: number;
  rrf10: number;
  seconds: number;
  stopping?: Array<{ rule: StoppingRule; methods: string; screened: number | null; recall: number }>;
}

/** The whole command as a function of the file's text (the CLI adds reading and printing). */
export function simulateFromCsv(text: string, fileName: string, options: SimulateOptions): SimulateReport {
  const seed = wholeNumber(options.seed, '--seed', 0);
  const batch = wholeNumber(options.batch, '--batch', 1);
  if (!(MODEL_NAMES as readonly string[]).includes(options.model)) {
    throw new CliError(`--model must be one of ${MODEL_NAMES.join(', ')} (got "${options.model}").`, 2);
  }
  let set;
  try {
    set = parseLabelledCsv(text, fileName, options);
  } catch (err) {
    if (err instanceof LabelledSetError) throw new CliError(err.message, 2);
    throw err;
  }
  const relevant = set.labels.filter((l) => l === 1).length;
  if (relevant === 0 || relevant === set.labels.length) {
    throw new CliError(
      `${fileName}: column "${options.labelField}" needs at least one 1 and one 0 to simulate screening (it has ${relevant} of ${set.labels.length}).`,
      2,
    );
  }
  const started = performance.now();
  const { order, found } = simulateScreening(set.records, set.labels, { seed, batch, model: options.model as ModelName });
  const seconds = (performance.now() - started) / 1000;
  const report: SimulateReport = {
    records: set.ids.length,
    relevant,
    order: order.map((r) => set.ids[r]!),
    wss95: workSavedOverSampling(found, 0.95),
    rrf10: relevantRecordsFound(found, 0.1),
    seconds: Math.round(seconds * 1000) / 1000,
  };
  if (options.stopping) {
    report.stopping = [DEFAULT_BUFFER_RULE, DEFAULT_HYPERGEOMETRIC_RULE].map((rule) => ({
      rule,
      methods: methodsText(rule),
      ...stoppingPoint(rule, found),
    }));
  }
  return report;
}

function humanReport(file: string, r: SimulateReport): string {
  const lines = [
    `${file}: ${r.records} records, ${r.relevant} relevant; simulated in ${r.seconds.toFixed(1)} s`,
    `WSS@95 ${r.wss95.toFixed(1)}%  RRF@10 ${r.rrf10.toFixed(1)}%`,
  ];
  for (const s of r.stopping ?? []) {
    lines.push(
      s.screened === null
        ? `${s.rule.kind} rule: never stopped`
        : `${s.rule.kind} rule: stops after ${s.screened} records, recall ${s.recall.toFixed(1)}%`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerScreen(program: Command): void {
  const screen = program.command('screen').description('Screening: the state of a review’s screening, and priority screening tools.');
  screen
    .command('status')
    .description('Per stage: records, each reviewer’s decisions, conflicts open and resolved, and agreement (Cohen’s κ with its 95% CI).')
    .argument('<review>', 'review file (FILE.grove)')
    .option('--json', 'print {stages: [{stage, records, decisions, conflicts, resolved, agreement, kappa, kappaCi}]} as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const status = await screenStatus(file);
      process.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : statusText(status));
    });
  screen
    .command('simulate')
    .description(
      'Replay screening on a labelled CSV (columns title and abstract, a 1/0 label column and an id column): ' +
        'one random relevant and one random irrelevant record first, then always the top-ranked record, retraining after every --batch decisions.',
    )
    .argument('<labelled>', 'CSV file with the labelled records')
    .requiredOption('--label-field <name>', 'column holding the 1/0 label')
    .requiredOption('--id-field <name>', 'column holding the record id')
    .option('--seed <n>', 'seed for the prior records and the model', '0')
    .option('--batch <n>', 'decisions between retrains', '1')
    .option('--model <name>', `relevance model: ${MODEL_NAMES.join(', ')}`, DEFAULT_MODEL)
    .option('--stopping', 'also report where each stopping rule would have stopped')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: SimulateOptions) => {
      const report = simulateFromCsv(await readTextArg(file), file, options);
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : humanReport(file, report));
    });
  screen.commands.forEach((c) => c.exitOverride());
}
