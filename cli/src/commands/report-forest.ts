import { writeFileAtomic, writeFilesAtomic } from '../../../db/src/fs/atomic-write.ts';
import { inProcessClient, type OutlineComparison } from '@grove/shared';
import { forestPlotSvg } from '@grove/shared/forest/index';
import { createBackend } from '../../../db/src/backend.ts';
import { analyseAll, readModelToAnalyse, type AnalysedOutcome } from '../../../db/src/service/outcome-model.ts';
import { readForestContext } from './report-forest-context.ts';
import { CliError } from '../cli-error.ts';

// grove report --list and --forest: every outcome of the one analysis model, listed with its
// id and RevMan number, and its forest plot as SVG, PNG or PDF (one file, or with `all` one
// file per outcome named by its id, which is safe in a file name).

export const FOREST_FORMATS = ['svg', 'png', 'pdf'] as const;
export type ForestFormat = (typeof FOREST_FORMATS)[number];

/** The --list --json rows. */
export interface ListedOutcome {
  id: string;
  number: string;
  comparison: string;
  name: string;
  dataType: string;
  studies: number;
}

export function listedOutcomes(outline: readonly OutlineComparison[]): ListedOutcome[] {
  return outline.flatMap((c) =>
    c.outcomes.map((o) => ({ id: o.id, number: o.number, comparison: c.name, name: o.name, dataType: o.dataType, studies: o.studies })),
  );
}

type Renderer = (svg: string) => Promise<Uint8Array>;

/** PNG and PDF come from the headless renderer (same fonts and metrics as the SVG), loaded only when asked for. */
async function binaryRenderer(format: 'png' | 'pdf'): Promise<Renderer> {
  if (format === 'png') {
    const { svgToPng } = await import('../render/svg-to-png.ts');
    return (svg) => svgToPng(svg);
  }
  const { svgToPdf } = await import('../render/svg-to-pdf.ts');
  return (svg) => svgToPdf(svg);
}

export async function listOutcomes(file: string, json: boolean): Promise<void> {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file, { forReading: true });
  try {
    const client = inProcessClient(backend);
    const outline = await client.call('outcomes.outline', {});
    const listed = listedOutcomes(outline);
    if (json) {
      process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
      return;
    }
    const summaries = new Map((await client.call('analyses.list', {})).map((a) => [a.id, a]));
    for (const o of listed) {
      const a = summaries.get(o.id);
      const k = o.studies;
      process.stdout.write(
        `${o.id}\t${o.number} ${o.name}: ${k} ${k === 1 ? 'study' : 'studies'}, ${a ? a.analysis.synthesis : 'no data'}\n`,
      );
    }
    if (listed.length === 0) process.stderr.write('No outcome has data yet.\n');
  } finally {
    backend.closeFile();
  }
}

/** The analysed outcome an id names: its RevMan-shaped id, or "<planned outcome>@<category>". */
function findAnalysed(analysed: readonly AnalysedOutcome[], id: string): AnalysedOutcome | undefined {
  if (!id.includes('@')) return analysed.find((a) => a.record.id === id);
  const [outcomeId, categoryId] = id.split('@');
  return analysed.find(
    (a) =>
      a.record.source.kind === 'planned' && a.record.source.plannedOutcomeId === outcomeId && a.record.source.categoryId === categoryId,
  );
}

/** Why an outcome gets no forest plot. */
function noPlotReason(a: AnalysedOutcome): string {
  if (a.analysis.skipped) return a.analysis.skipped;
  return a.analysis.rows.length === 0 && a.analysis.contributions.length === 0 ? 'no data rows' : 'no usable data';
}

export async function writeForest(
  file: string,
  id: string,
  format: string,
  output: string | undefined,
  options: { rob?: boolean } = {},
): Promise<void> {
  if (!(FOREST_FORMATS as readonly string[]).includes(format))
    throw new CliError(`A forest plot is written as ${FOREST_FORMATS.join(', ')}, not "${format}".`, 2);
  const f = format as ForestFormat;
  if (id === 'all' && (!output || output === '-')) throw new CliError('--forest all writes one file per outcome: add -o DIRECTORY.', 2);
  if (f !== 'svg' && id !== 'all' && (!output || output === '-'))
    throw new CliError(`A ${f.toUpperCase()} file needs a name: add -o OUT.${f}.`, 2);
  const render: Renderer | null = f === 'svg' ? null : await binaryRenderer(f);
  const backend = createBackend({ host: 'in-process' });
  const review = backend.openFile(file, { forReading: true });
  try {
    // One read of the model and one analysis per outcome, as the workbench serves them.
    const analysed = analyseAll(readModelToAnalyse(review.db));
    const context = await readForestContext(review.db, backend, options.rob === true);
    const svgOf = (a: AnalysedOutcome): string | null => {
      const plot = context.plotOf(a);
      return plot ? forestPlotSvg(plot.input, { ...plot.options, xmlDeclaration: true }) : null;
    };
    if (id === 'all') {
      const dir = output!;
      const files: Array<[string, string | Uint8Array]> = [];
      for (const a of analysed) {
        const svg = svgOf(a);
        if (!svg) {
          process.stderr.write(`${a.record.id} (${a.record.number} ${a.record.name}): no forest plot: ${noPlotReason(a)}\n`);
          continue;
        }
        files.push([`${a.record.id}.${f}`, render ? await render(svg) : svg]);
      }
      // Each file atomically, the folder made durable once.
      await writeFilesAtomic(dir, files);
      const written = files.length;
      process.stderr.write(`Wrote ${written} forest plot${written === 1 ? '' : 's'} of ${analysed.length} outcomes to ${dir}.\n`);
      return;
    }
    const a = findAnalysed(analysed, id);
    if (!a) throw new CliError(`There is no analysis "${id}". Run grove report ${file} --list to see the ids.`, 2);
    const svg = svgOf(a);
    if (!svg) throw new CliError(`The analysis "${id}" has no usable data.`, 1);
    const out = render ? await render(svg) : svg;
    if (output && output !== '-') writeFileAtomic(output, out);
    else process.stdout.write(out);
  } finally {
    backend.closeFile();
  }
}
