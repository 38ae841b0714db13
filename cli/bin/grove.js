#!/usr/bin/env node
// The `grove` command. Grove is written in TypeScript: the command runs a compiled bundle
// (cli/bin/compiled-cli.js), built on first use and rebuilt when a source changes, so a
// fresh clone runs with no build step. Without esbuild (or with GROVE_TSX=1) it compiles
// on the fly with tsx instead, which is slower to start.
import { loadCompiledMain } from './compiled-cli.js';

let main = process.env.GROVE_TSX === '1' ? null : await loadCompiledMain();
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv);
