import { metaforScript } from '@grove/shared/report/metafor-script';
import pkg from '../../../package.json' with { type: 'json' };
import { writeFileAtomic } from '../../../db/src/fs/atomic-write.ts';
import { createBackend } from '../../../db/src/backend.ts';
import { analyseAll, readModelToAnalyse } from '../../../db/src/service/outcome-model.ts';
import { CliError } from '../cli-error.ts';

// grove report FILE --script ID: the metafor R script that reproduces one outcome's analysis
// with the settings it is analysed with (issue 17). Journals ask reviewers for it; the script
// says where RevMan's methods have no metafor equivalent and computes those RevMan's way.

export async function writeScript(file: string, id: string, output: string | undefined, extras: { glmm: boolean } = { glmm: false }): Promise<void> {
  const backend = createBackend({ host: 'in-process' });
  const review = backend.openFile(file, { forReading: true });
  try {
    const analysed = analyseAll(readModelToAnalyse(review.db));
    const a = analysed.find((x) => x.record.id === id);
    if (!a) throw new CliError(`There is no outcome "${id}". Run grove report ${file} --list to see the ids.`, 2);
    const own = a.analysis.input;
    if (!own) throw new CliError(`The outcome "${id}" (${a.record.number} ${a.record.name}) has no data to analyse.`, 1);
    let input = own;
    if (extras.glmm) {
      if (input.dataType !== 'dichotomous' || (input.effectMeasure !== 'OR' && input.effectMeasure !== 'PETO_OR')) {
        throw new CliError(`--glmm: the GLMM estimates an odds ratio; the outcome "${id}" is ${input.dataType} data with ${input.effectMeasure}.`, 2);
      }
      input = { ...input, extensions: { ...input.extensions, glmm: { quadraturePoints: 7 } } };
    }
    const script = metaforScript(input, { title: `${a.record.number} ${a.record.name}`, generator: `Grove ${pkg.version}` });
    if (output && output !== '-') writeFileAtomic(output, script);
    else process.stdout.write(script);
  } finally {
    backend.closeFile();
  }
}
