// The compiled `grove` command (cli/bin/compiled-cli.js, issue 11): `grove meta` runs as a
// CommonJS script of its own with V8's code cache, and behaves exactly as the TypeScript
// sources do; a build is current only while every source of what a command runs is
// unchanged, so an edited source is never run stale.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GROVE_BIN, REPO_ROOT, tempDir } from '../support/temp.ts';

const work = tempDir('grove-compiled-cli-');
afterAll(() => work.cleanup());

function grove(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [GROVE_BIN, ...args], { cwd: work.dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('grove meta as a compiled script with a code cache', () => {
  const inputs: Record<string, unknown> = {
    'one.json': {
      dataType: 'dichotomous',
      effectMeasure: 'RR',
      model: 'random',
      rows: [
        { study: 'A', events1: 5, total1: 50, events2: 10, total2: 50 },
        { study: 'B', events1: 3, total1: 40, events2: 8, total2: 40 },
      ],
    },
    'bad.json': { dataType: 'continuous', rows: [{ study: 'A', mean1: 1, sd1: -1, total1: 1, mean2: 1, sd2: 1, total2: 5 }] },
    'mixed.json': [{ dataType: 'generic', rows: [{ study: 'A', estimate: 0.3, se: 0.1 }] }, { dataType: 'other' }],
  };
  for (const [name, json] of Object.entries(inputs)) fs.writeFileSync(path.join(work.dir, name), JSON.stringify(json));

  it('prints what the TypeScript sources print, with the same exit code, before and after its cache exists', { timeout: 180_000 }, () => {
    const cases = [
      ['meta', 'one.json'],
      ['meta', 'bad.json'],
      ['meta', 'mixed.json'],
      ['meta', 'missing.json'],
      ['meta', '--help'],
    ];
    const bySources = cases.map((args) => grove(args, { GROVE_TSX: '1' }));
    expect(bySources.map((r) => r.status)).toEqual([0, 2, 2, 2, 0]);
    for (let round = 0; round < 2; round++) {
      cases.forEach((args, i) => expect(grove(args), `${args.join(' ')} (run ${round + 1})`).toEqual(bySources[i]));
    }
    const pointer = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cli', 'dist', 'current.json'), 'utf8')) as {
      dir: string;
      scripts: { meta: { file: string } };
    };
    expect(fs.existsSync(path.join(REPO_ROOT, 'cli', 'dist', pointer.dir, `${pointer.scripts.meta.file}.cache`))).toBe(true);
  });
});

describe('what the grove meta script loads', () => {
  it('leaves the `debug` package, which @stdlib requires for rare warnings, and node:tty with it, unloaded', () => {
    fs.writeFileSync(
      path.join(work.dir, 'reml.json'),
      JSON.stringify({ dataType: 'generic', preset: 'cochrane2025', rows: [0.1, 0.4, 0.2].map((estimate, i) => ({ study: `S${i}`, estimate, se: 0.1 })) }),
    );
    // Standard output to a file: a terminal or a pipe as standard output would load node:tty or node:net itself.
    const out = fs.openSync(path.join(work.dir, 'reml-out.json'), 'w');
    const script = `import { loadCompiledMain } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'cli', 'bin', 'compiled-cli.js')).href)};
const argv = [process.argv[0], 'grove', 'meta', 'reml.json'];
const code = await (await loadCompiledMain(argv))(argv);
const tty = process.moduleLoadList.includes('NativeModule tty');
process.stderr.write(JSON.stringify({ code, tty }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work.dir, encoding: 'utf8', stdio: ['ignore', out, 'pipe'] });
    fs.closeSync(out);
    expect(JSON.parse(r.stderr)).toEqual({ code: 0, tty: false });
    // The run used the t quantile, whose module requires `debug`.
    const result = JSON.parse(fs.readFileSync(path.join(work.dir, 'reml-out.json'), 'utf8')) as { overall: { predictionLower: number } };
    expect(Number.isFinite(result.overall.predictionLower)).toBe(true);
  });
});

describe('whether a build is current', () => {
  // A copy of compiled-cli.js in a repository of its own: two sources, one of which the meta
  // script was built from.
  const root = path.join(work.dir, 'repo');
  const dist = path.join(root, 'cli', 'dist');
  const build = path.join(dist, 'build-test');
  fs.mkdirSync(path.join(root, 'cli', 'bin'), { recursive: true });
  fs.mkdirSync(build, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'cli', 'bin', 'compiled-cli.js'), path.join(root, 'cli', 'bin', 'compiled-cli.js'));
  const source = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    const stat = fs.statSync(path.join(root, rel));
    return [rel, stat.mtimeMs, stat.size] as const;
  };
  const stats = source('shared/src/stats.ts', 'export const x = 1;\n');
  const other = source('db/src/other.ts', 'export const y = 2;\n');
  fs.writeFileSync(path.join(build, 'main.mjs'), 'export const main = async () => 0;\n');
  fs.writeFileSync(path.join(build, 'meta.cjs'), 'exports.main = async (argv) => (argv[3] === "fail" ? 3 : 0);\n');
  fs.writeFileSync(
    path.join(dist, 'current.json'),
    JSON.stringify({ dir: 'build-test', inputs: [stats, other], scripts: { meta: { file: 'meta.cjs', inputs: [0] } } }),
  );

  type CompiledCli = {
    currentBuild(command?: string): { entry: string; script: boolean } | null;
    loadCompiledMain(argv: string[]): Promise<((argv: string[]) => Promise<number>) | null>;
  };
  const load = async (): Promise<CompiledCli> =>
    (await import(pathToFileURL(path.join(root, 'cli', 'bin', 'compiled-cli.js')).href)) as CompiledCli;

  /** One process running the copy's `grove meta ARG` (a process of its own: V8 keeps compiled scripts per process). */
  const runMeta = (arg: string): number | null => {
    const url = pathToFileURL(path.join(root, 'cli', 'bin', 'compiled-cli.js')).href;
    const argv = JSON.stringify(['node', 'grove', 'meta', arg]);
    const code = `import { loadCompiledMain } from ${JSON.stringify(url)}; const main = await loadCompiledMain(${argv}); process.exitCode = await main(${argv});`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).status;
  };

  it('runs meta from its script, writes the code cache after a successful run, and rewrites a cache V8 refuses', async () => {
    const cli = await load();
    expect(cli.currentBuild('meta')).toEqual({ entry: path.join(build, 'meta.cjs'), script: true });
    expect(cli.currentBuild('info')).toEqual({ entry: path.join(build, 'main.mjs'), script: false });
    const cache = path.join(build, 'meta.cjs.cache');
    // A failed run does not make the cache.
    expect(runMeta('fail')).toBe(3);
    expect(fs.existsSync(cache)).toBe(false);
    expect(runMeta('ok')).toBe(0);
    expect(fs.statSync(cache).size).toBeGreaterThan(0);
    fs.writeFileSync(cache, 'not a code cache');
    expect(runMeta('ok')).toBe(0);
    expect(fs.readFileSync(cache, 'latin1')).not.toBe('not a code cache');
  });

  it('is stale for a command as soon as a source of what it runs changes', async () => {
    const cli = await load();
    // A source the meta script does not contain: meta stays current, the full CLI does not.
    fs.writeFileSync(path.join(root, other[0]), 'export const y = 3;\n');
    expect(cli.currentBuild('meta')).not.toBeNull();
    expect(cli.currentBuild('info')).toBeNull();
    expect(cli.currentBuild()).toBeNull();
    // One of the meta script's sources, same size, new mtime: stale.
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, stats[0]), later, later);
    expect(cli.currentBuild('meta')).toBeNull();
    // A source removed: stale.
    fs.rmSync(path.join(root, stats[0]));
    expect(cli.currentBuild('meta')).toBeNull();
  });
});
