#!/usr/bin/env node
// Bundles the Electron main process and preload into electron/dist/ (npm run build:electron).
//
//   electron/main.ts    -> electron/dist/main.cjs     (with db/ and @grove/shared inlined)
//   electron/preload.ts -> electron/dist/preload.cjs  (sandboxed: may require only 'electron')
//   db/src/screening/ranking-worker.ts -> electron/dist/ranking-worker.cjs  (the ranking's
//                          worker thread, found beside main.cjs; unpacked from the asar)
//   db/src/merge/merge-worker.ts -> electron/dist/merge-worker.cjs  (File › Merge's worker, likewise)
//
// `electron` is provided by the runtime and `better-sqlite3` is a native module loaded
// from node_modules (with an Electron-ABI binary passed as `nativeBinding`), so both
// stay external. Everything else is bundled, which is why the packaged app ships no
// node_modules besides better-sqlite3.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'electron', 'dist');
const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: production ? false : 'linked',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS has no import.meta: modules that look for their own file (the ranking worker's
  // entry) see undefined and use __dirname instead.
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'), 'import.meta.url': 'undefined' },
};

async function main() {
  fs.mkdirSync(outdir, { recursive: true });
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'main.ts')],
      outfile: path.join(outdir, 'main.cjs'),
      external: ['electron', 'better-sqlite3'],
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'db', 'src', 'screening', 'ranking-worker.ts')],
      outfile: path.join(outdir, 'ranking-worker.cjs'),
      external: ['better-sqlite3'],
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'db', 'src', 'merge', 'merge-worker.ts')],
      outfile: path.join(outdir, 'merge-worker.cjs'),
      external: ['better-sqlite3'],
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'preload.ts')],
      outfile: path.join(outdir, 'preload.cjs'),
      external: ['electron'],
      metafile: true,
    }),
  ]);

  // A sandboxed preload cannot require anything but 'electron': fail the build, not the
  // app at runtime, if a Node built-in or another module slipped into it.
  const preloadImports = Object.values(results[3].metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const forbidden = preloadImports.filter((p) => p !== 'electron');
  if (forbidden.length > 0) throw new Error(`electron/preload.ts must import only 'electron' at runtime; it imports ${forbidden.join(', ')}`);

  for (const file of ['main.cjs', 'ranking-worker.cjs', 'merge-worker.cjs', 'preload.cjs']) {
    const size = fs.statSync(path.join(outdir, file)).size;
    console.log(`electron/dist/${file}  ${(size / 1024).toFixed(1)} KiB`);
  }
}

main().catch((err) => {
  console.error(`bundle-electron: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
