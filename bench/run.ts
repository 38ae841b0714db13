import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// `npm run bench`: runs every bench/*.bench.ts in turn and prints each figure with
// its target and the ratio to it (below 1.00 meets the target). Exit code 1 when a
// figure misses its target, so a regression is visible in a script too.

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** Upper bound the figure should stay under. */
  target?: number;
  note?: string;
}

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: Array<BenchFigure & { suite: string }> = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<BenchFigure[]> };
  process.stdout.write(`running ${file}…\n`);
  for (const figure of await mod.default()) rows.push({ ...figure, suite: file.replace('.bench.ts', '') });
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const width = Math.max(...rows.map((r) => `${r.suite}: ${r.name}`.length), 10);
let missed = 0;
process.stdout.write(`\n${'benchmark'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padStart(10)}  ratio\n`);
for (const r of rows) {
  const ratio = r.target ? r.value / r.target : undefined;
  if (ratio !== undefined && ratio > 1) missed++;
  process.stdout.write(
    `${`${r.suite}: ${r.name}`.padEnd(width)}  ${`${fmt(r.value)} ${r.unit}`.padStart(10)}  ${r.target ? `< ${fmt(r.target)} ${r.unit}`.padStart(10) : ''.padStart(10)}  ${
      ratio !== undefined ? `${ratio.toFixed(2)}${ratio > 1 ? '  MISSED' : ''}` : ''
    }${r.note ? `  (${r.note})` : ''}\n`,
  );
}
process.exitCode = missed > 0 ? 1 : 0;
