// The compiled `grove` command: cli/src/main.ts bundled by esbuild into cli/dist/<build>/,
// with a record of the sources it was built from. Compiling TypeScript on every call (tsx)
// cost about a second per command; the bundle starts in a fraction of that. It is built at
// `npm install` (the prepare script) or, in a fresh clone or after a source edit, on the
// first run, and rebuilt whenever a source it was built from has changed (size or mtime),
// so an edit is never run stale. Commands are split into chunks loaded on demand, so
// `grove meta` never loads SQLite, the RevMan reader or the Word writer.
//
// `grove meta` is also built as one CommonJS script of its own (cli/src/meta-main.ts) and
// run with V8's code cache: Node 20 has no code cache for ES modules (no
// module.enableCompileCache before Node 22), and compiling the statistics, zod and
// commander again on every call cost it tens of milliseconds. The cache is written beside
// the script by the first run of a build and belongs to that build, so it can never
// outlive a source edit; V8 refuses one made by another Node version, and it is then
// rewritten.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'cli', 'dist');
const POINTER = path.join(DIST, 'current.json');
/** Old builds are removed once no running process can still be loading chunks from them. */
const OLD_BUILD_MS = 60 * 60 * 1000;

function readPointer() {
  try {
    return JSON.parse(fs.readFileSync(POINTER, 'utf8'));
  } catch {
    return null;
  }
}

/** Commands built as a CommonJS script of their own and run with the code cache: command → [source, script]. */
const SCRIPT_COMMANDS = { meta: ['cli/src/meta-main.ts', 'meta.cjs'] };

/**
 * The current build for `command` — its folder and its script when the command is one of
 * SCRIPT_COMMANDS — or null when there is none or a source it was built from changed since.
 * A script command checks only the sources of its own script (a third of them for `grove
 * meta`): a change elsewhere cannot make what it runs stale, and the next other command
 * rebuilds.
 */
export function currentBuild(command) {
  const pointer = readPointer();
  if (!pointer || !Array.isArray(pointer.inputs) || typeof pointer.dir !== 'string') return null;
  const script = command !== undefined && pointer.scripts && Object.hasOwn(pointer.scripts, command) ? pointer.scripts[command] : null;
  const inputs = script ? script.inputs.map((i) => pointer.inputs[i]) : pointer.inputs;
  // Every command runs this check on hundreds of sources: plain concatenation (the paths are
  // esbuild's, relative with '/') and no exception for a missing file keep it to a few
  // milliseconds, where path.join and try/catch cost tens on a loaded machine.
  const prefix = `${ROOT}${path.sep}`;
  for (const input of inputs) {
    if (!input) return null;
    const [rel, mtimeMs, size] = input;
    const stat = fs.statSync(prefix + rel, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs !== mtimeMs || stat.size !== size) return null;
  }
  const dir = path.join(DIST, pointer.dir);
  const entry = path.join(dir, script ? script.file : 'main.mjs');
  return fs.existsSync(entry) ? { entry, script: script !== null } : null;
}

/**
 * An esbuild plugin for the script commands: @stdlib's gammaincinv requires `debug` when it
 * loads — and `debug` loads node:tty, node:net and the streams, about a tenth of a short
 * `grove meta` process's start-up — for warnings it logs only when a computation overflows.
 * Here @stdlib gets a `debug` that loads the real one on the first message it logs, so the
 * messages, and DEBUG=…, behave as before.
 */
const lazyDebug = {
  name: 'lazy-debug',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, async (args) => {
      if (args.pluginData === 'lazy-debug' || !args.importer.includes(`${path.sep}@stdlib${path.sep}`)) return undefined;
      const real = await b.resolve('debug', { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'lazy-debug' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-debug' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-debug' }, (args) => ({
      contents: `let create;
module.exports = (namespace) => {
  let log;
  return (...message) => (log ??= (create ??= require(${JSON.stringify(args.path)}))(namespace))(...message);
};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/** Bundles the CLI (needs esbuild, a dev dependency). Returns the build for `command`, as currentBuild does. */
export async function buildCli(command) {
  const { build } = await import('esbuild');
  // Loaded here, not at the top: node:crypto costs every command's start-up ~15 ms of CPU.
  const { randomBytes } = await import('node:crypto');
  const dir = `build-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const outdir = path.join(DIST, dir);
  const result = await build({
    absWorkingDir: ROOT,
    // Each worker thread (the ranking's, the merge's) is an entry of its own, found beside the chunks (db/src/screening/worker-entry.ts).
    entryPoints: {
      main: path.join(ROOT, 'cli', 'src', 'main.ts'),
      'ranking-worker': path.join(ROOT, 'db', 'src', 'screening', 'ranking-worker.ts'),
      'merge-worker': path.join(ROOT, 'db', 'src', 'merge', 'merge-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    minify: true,
    // Function and class names stay as written: error messages and stack traces name them.
    keepNames: true,
    logLevel: 'warning',
    metafile: true,
    // Packages are bundled too: resolving the hundreds of small files of @stdlib, zod and
    // docx at run time cost more than the command itself. Native and on-demand modules
    // stay external, and so do packages that read their own files at run time (resvg's
    // platform binary, pdfkit's font metrics). Bundled CommonJS code may call require(): give it one.
    external: ['better-sqlite3', 'electron', 'tsx', 'esbuild', '@resvg/resvg-js', 'pdfkit', 'svg-to-pdfkit'],
    banner: {
      js: "import { createRequire as __groveCreateRequire } from 'node:module'; const require = __groveCreateRequire(import.meta.url);",
    },
  });
  // Each script command: one file, no chunks, CommonJS, so that node:vm can run it with a code cache.
  const scriptInputs = {};
  const inputFiles = new Set(Object.keys(result.metafile.inputs));
  for (const [command, [source, script]] of Object.entries(SCRIPT_COMMANDS)) {
    const built = await build({
      absWorkingDir: ROOT,
      entryPoints: [path.join(ROOT, source)],
      outfile: path.join(outdir, script),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      minify: true,
      keepNames: true,
      logLevel: 'warning',
      metafile: true,
      external: ['better-sqlite3', 'electron', 'tsx', 'esbuild', '@resvg/resvg-js', 'pdfkit', 'svg-to-pdfkit'],
      plugins: [lazyDebug],
    });
    for (const rel of Object.keys(built.metafile.inputs)) inputFiles.add(rel);
    scriptInputs[command] = { file: script, sources: new Set(Object.keys(built.metafile.inputs)) };
  }
  // Dependencies change only with an install, which runs the prepare script's rebuild. This
  // file is the recipe of the build: a change to it (another script command) rebuilds too.
  const RECIPE = 'cli/bin/compiled-cli.js';
  const sources = [...inputFiles, RECIPE].filter((rel) => !rel.includes('node_modules'));
  for (const { sources: own } of Object.values(scriptInputs)) own.add(RECIPE);
  const scripts = {};
  for (const [command, { file, sources: own }] of Object.entries(scriptInputs))
    scripts[command] = { file, inputs: sources.flatMap((rel, i) => (own.has(rel) ? [i] : [])) };
  const inputs = sources.map((rel) => {
    const stat = fs.statSync(path.join(ROOT, rel));
    return [rel, stat.mtimeMs, stat.size];
  });
  const temp = `${POINTER}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ dir, builtAt: new Date().toISOString(), inputs, scripts })}\n`);
  fs.renameSync(temp, POINTER);
  for (const old of fs.readdirSync(DIST)) {
    const p = path.join(DIST, old);
    if (old === dir || !old.startsWith('build-')) continue;
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > OLD_BUILD_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // another process removed it
    }
  }
  const script = command !== undefined && Object.hasOwn(scripts, command) ? scripts[command] : null;
  return { entry: path.join(outdir, script ? script.file : 'main.mjs'), script: script !== null };
}

/**
 * The `main` of a script command, run through node:vm with the code cache beside it. The
 * cache is made after the command has run, so that it holds the functions the command
 * compiled on the way, not only the top level.
 */
function scriptMain(file) {
  // V8 optimises a function with TurboFan once it has run a budget of bytecode (67,584 by
  // default). A `grove meta` run is short: its functions reached that budget and were
  // compiled again on background threads, for code that then ran a few milliseconds —
  // about a fifth of its CPU time on 450 analyses (issue 11). Sixteen times the budget
  // leaves them to the baseline code, while a long fit (GLMM, REML on many analyses) still
  // gets optimised: 450 cochrane2025 analyses with GLMM took the same time either way, and
  // ten times longer with optimisation off. Set before the script is compiled, so that its
  // functions, and the code cache's flag hash, take it.
  v8.setFlagsFromString(`--interrupt-budget=${16 * 67584}`);
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The wrapper Node gives every CommonJS module.
  const source = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return async (argv) => {
    const code = await module.exports.main(argv);
    // Made from a run that did the command's work, not from help or a refusal, which compile little of it.
    const representative = code === 0 && !argv.includes('--help') && !argv.includes('-h');
    if (representative && (cachedData === undefined || script.cachedDataRejected)) {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temp, script.createCachedData());
        fs.renameSync(temp, cacheFile);
      } catch {
        // A read-only install runs without the cache.
        fs.rmSync(temp, { force: true });
      }
    }
    return code;
  };
}

/** The `main` function of the compiled CLI for `argv`, building it first when missing or stale; null when it cannot be built. */
export async function loadCompiledMain(argv = process.argv) {
  const command = argv[2];
  let build = currentBuild(command);
  if (!build) {
    try {
      build = await buildCli(command);
    } catch (err) {
      if (process.env.GROVE_DEBUG_BUILD) process.stderr.write(`grove: could not compile the CLI: ${err}\n`);
      return null;
    }
  }
  if (build.script) return scriptMain(build.entry);
  const mod = await import(pathToFileURL(build.entry).href);
  return mod.main;
}
