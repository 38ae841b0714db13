import type { Command } from 'commander';
import { analyze, parseAnalysisInput, type AnalysisResult } from '../../../shared/src/stats/index.ts';
import { CliError } from '../cli-error.ts';
import { readTextArg } from '../io.ts';

// `grove meta [FILE]`: reads one analysis (or an array of analyses) as JSON from FILE or
// stdin and prints the result(s) as JSON (issue 3). Bad input names the row and field and
// exits with code 2; in an array, a bad analysis becomes an error entry in its place and the
// others are still computed (exit code 2 then too, so scripts notice).

export interface MetaRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

type Entry = AnalysisResult | { error: string; errors: string[] };

function runOne(json: unknown): { entry: Entry; errors: string[] } {
  const parsed = parseAnalysisInput(json);
  if (!parsed.ok) return { entry: { error: parsed.errors.join('; '), errors: parsed.errors }, errors: parsed.errors };
  try {
    return { entry: analyze(parsed.input), errors: [] };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { entry: { error: message, errors: [message] }, errors: [message] };
  }
}

/** Printed text is handed on in pieces of about this many characters. */
const PIECE = 1 << 16;

/**
 * The whole command as a function of the input text, printing through `print` as it goes:
 * for an array, each analysis is printed, and its result and input dropped, before the next
 * is computed. Building all results and then one JSON text of them (1.5 MB for 450 analyses)
 * held all of it in memory at once, which cost a 450-analysis run about a third of its page
 * faults and its largest garbage collections (issue 11). The text is byte for byte
 * JSON.stringify(results, null, 2): each result is stringified as the one element of an
 * array, which indents it as it is indented in the whole array.
 */
export function streamMeta(inputText: string, print: (text: string) => void): Omit<MetaRun, 'stdout'> {
  let json: unknown;
  try {
    json = JSON.parse(inputText) as unknown;
  } catch (err) {
    return { stderr: `grove meta: input is not valid JSON: ${(err as Error).message}\n`, exitCode: 2 };
  }
  if (Array.isArray(json)) {
    const inputs: unknown[] = json;
    const bad: string[] = [];
    let pending = inputs.length === 0 ? '[]' : '[\n';
    for (let i = 0; i < inputs.length; i++) {
      const r = runOne(inputs[i]);
      inputs[i] = undefined;
      for (const e of r.errors) bad.push(`analyses[${i}].${e}`);
      // "[\n  {…}\n]": the element with its indentation inside an array.
      const element = JSON.stringify([r.entry], null, 2);
      pending += (i === 0 ? '' : ',\n') + element.slice(2, -2);
      if (pending.length >= PIECE) {
        print(pending);
        pending = '';
      }
    }
    print(`${pending}${inputs.length === 0 ? '' : '\n]'}\n`);
    return {
      stderr: bad.length ? `grove meta: ${bad.length} error(s):\n${bad.map((b) => `  ${b}`).join('\n')}\n` : '',
      exitCode: bad.length ? 2 : 0,
    };
  }
  const r = runOne(json);
  if (r.errors.length) {
    return { stderr: `grove meta: invalid analysis:\n${r.errors.map((e) => `  ${e}`).join('\n')}\n`, exitCode: 2 };
  }
  print(`${JSON.stringify(r.entry, null, 2)}\n`);
  return { stderr: '', exitCode: 0 };
}

/** The whole command as a pure function of the input text. */
export function runMeta(inputText: string): MetaRun {
  let stdout = '';
  const run = streamMeta(inputText, (text) => {
    stdout += text;
  });
  return { stdout, ...run };
}

export function registerMeta(program: Command): void {
  program
    .command('meta')
    .description(
      'Run a meta-analysis: reads an analysis (or an array of analyses) as JSON and prints the results as JSON. ' +
        'Defaults follow RevMan 5; set "preset": "cochrane2025" for REML + HKSJ + prediction interval.',
    )
    .argument('[file]', 'JSON file with the analysis; stdin when omitted or "-"', '-')
    .action(async (file: string) => {
      const text = await readTextArg(file);
      const run = streamMeta(text, (piece) => process.stdout.write(piece));
      if (run.exitCode !== 0) throw new CliError(run.stderr.replace(/^grove /, '').trimEnd(), 2);
    });
}
