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

/** The whole command as a pure function of the input text. */
export function runMeta(inputText: string): MetaRun {
  let json: unknown;
  try {
    json = JSON.parse(inputText) as unknown;
  } catch (err) {
    return { stdout: '', stderr: `grove meta: input is not valid JSON: ${(err as Error).message}\n`, exitCode: 2 };
  }
  if (Array.isArray(json)) {
    const runs = json.map(runOne);
    const bad = runs.flatMap((r, i) => r.errors.map((e) => `analyses[${i}].${e}`));
    return {
      stdout: `${JSON.stringify(
        runs.map((r) => r.entry),
        null,
        2,
      )}\n`,
      stderr: bad.length ? `grove meta: ${bad.length} error(s):\n${bad.map((b) => `  ${b}`).join('\n')}\n` : '',
      exitCode: bad.length ? 2 : 0,
    };
  }
  const r = runOne(json);
  if (r.errors.length) {
    return { stdout: '', stderr: `grove meta: invalid analysis:\n${r.errors.map((e) => `  ${e}`).join('\n')}\n`, exitCode: 2 };
  }
  return { stdout: `${JSON.stringify(r.entry, null, 2)}\n`, stderr: '', exitCode: 0 };
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
      const run = runMeta(text);
      if (run.stdout) process.stdout.write(run.stdout);
      if (run.exitCode !== 0) throw new CliError(run.stderr.replace(/^grove /, '').trimEnd(), 2);
    });
}
