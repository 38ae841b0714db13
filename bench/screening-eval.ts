// Evaluation of the screening models (issue 15): on every labelled set in
// $GROVE_CORPUS/screening (default ../shared/corpus/screening), mean WSS@95 and RRF@10 over
// five seeds for each model, measured exactly as `grove screen simulate` reports them.
//   node cli/bin/run-ts.js bench/screening-eval.ts [--seeds 5] [--models nb-tfidf,svm-presumed] [--sets ADHD,...]
// Prints one line per run as it finishes, then the table of means. Slow (minutes): run it
// in the background; it is not part of `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseLabelledCsv } from '../shared/src/screening/labelled-csv.ts';
import { relevantRecordsFound, workSavedOverSampling } from '../shared/src/screening/metrics.ts';
import { MODEL_NAMES, ScreeningFeatures, type ModelName } from '../shared/src/screening/models.ts';
import { simulateScreening } from '../shared/src/screening/simulate.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '5' },
    models: { type: 'string', default: 'nb-tfidf,svm-tfidf,svm-presumed' },
    sets: { type: 'string' },
  },
});
const corpus = path.resolve(process.env.GROVE_CORPUS ?? path.join(import.meta.dirname, '../../shared/corpus'), 'screening');
if (!fs.existsSync(corpus)) {
  process.stderr.write(`no screening corpus at ${corpus} (set GROVE_CORPUS)\n`);
  process.exit(2);
}
const models = values.models.split(',') as ModelName[];
for (const m of models) if (!MODEL_NAMES.includes(m)) throw new Error(`unknown model ${m}; known: ${MODEL_NAMES.join(', ')}`);
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
const files = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith('.csv'))
  .filter((f) => !values.sets || values.sets.split(',').includes(f.replace(/\.csv$/, '')))
  .sort();

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const table: string[] = [];
for (const file of files) {
  const set = parseLabelledCsv(fs.readFileSync(path.join(corpus, file), 'utf8'), file, {
    labelField: 'label_included',
    idField: 'record_id',
  });
  const features = new ScreeningFeatures(set.records);
  const relevant = set.labels.filter((l) => l === 1).length;
  for (const model of models) {
    const wss: number[] = [];
    const rrf: number[] = [];
    const seconds: number[] = [];
    for (const seed of seeds) {
      const started = performance.now();
      const { found } = simulateScreening(features, set.labels, { seed, batch: 1, model });
      seconds.push((performance.now() - started) / 1000);
      wss.push(workSavedOverSampling(found));
      rrf.push(relevantRecordsFound(found));
      process.stdout.write(
        `${file} ${model} seed ${seed}: WSS@95 ${wss.at(-1)!.toFixed(1)} RRF@10 ${rrf.at(-1)!.toFixed(1)} (${seconds.at(-1)!.toFixed(1)} s)\n`,
      );
    }
    table.push(
      `| ${file.replace(/\.csv$/, '')} | ${set.ids.length} | ${relevant} | ${model} | ${mean(wss).toFixed(1)} | ${mean(rrf).toFixed(1)} | ${mean(seconds).toFixed(1)} |`,
    );
  }
}
process.stdout.write(
  `\n| set | records | includes | model | WSS@95 | RRF@10 | seconds |\n|---|---|---|---|---|---|---|\n${table.join('\n')}\n`,
);
