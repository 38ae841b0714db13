// The compiled `grove` command: cli/src/main.ts bundled by esbuild into cli/dist/<build>/,
// with a record of the sources it was built from. Compiling TypeScript on every call (tsx)
// cost about a second per command; the bundle starts in a fraction of that. It is built at
// `npm install` (the prepare script) or, in a fresh clone or after a source edit, on the
// first run, and rebuilt whenever a source it was built from has changed (size or mtime),
// so an edit is never run stale. Commands are split into chunks loaded on demand, so
// `grove meta` never loads SQLite, the RevMan reader or the Word writer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** The entry file of the current build, or null when there is none or a source changed since. */
export function currentBuild() {
  const pointer = readPointer();
  if (!pointer || !Array.isArray(pointer.inputs) || typeof pointer.dir !== 'string') return null;
  // Every command runs this check on hundreds of sources: plain concatenation (the paths are
  // esbuild's, relative with '/') and no exception for a missing file keep it to a few
  // milliseconds, where path.join and try/catch cost tens on a loaded machine.
  const prefix = `${ROOT}${path.sep}`;
  for (const [rel, mtimeMs, size] of pointer.inputs) {
    const stat = fs.statSync(prefix + rel, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs !== mtimeMs || stat.size !== size) return null;
  }
  const entry = path.join(DIST, pointer.dir, 'main.mjs');
  return fs.existsSync(entry) ? entry : null;
}

/** Bundles the CLI (needs esbuild, a dev dependency). Returns the entry file. */
export async function buildCli() {
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
  const inputs = Object.keys(result.metafile.inputs)
    // Dependencies change only with an install, which runs the prepare script's rebuild.
    .filter((rel) => !rel.includes('node_modules'))
    .map((rel) => {
      const stat = fs.statSync(path.join(ROOT, rel));
      return [rel, stat.mtimeMs, stat.size];
    });
  const temp = `${POINTER}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ dir, builtAt: new Date().toISOString(), inputs })}\n`);
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
  return path.join(outdir, 'main.mjs');
}

/** The `main` function of the compiled CLI, building it first when missing or stale; null when it cannot be built. */
export async function loadCompiledMain() {
  let entry = currentBuild();
  if (!entry) {
    try {
      entry = await buildCli();
    } catch (err) {
      if (process.env.GROVE_DEBUG_BUILD) process.stderr.write(`grove: could not compile the CLI: ${err}\n`);
      return null;
    }
  }
  const mod = await import(pathToFileURL(entry).href);
  return mod.main;
}
