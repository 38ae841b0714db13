#!/usr/bin/env node
// `npm run build:cli` and the prepare script: compile the `grove` command ahead of its first
// run. Never fails an install: without esbuild the command compiles itself with tsx.
import { buildCli } from './compiled-cli.js';

try {
  const { entry } = await buildCli();
  console.log(`grove: compiled CLI in ${entry}`);
} catch (err) {
  console.warn(`grove: the CLI was not compiled (${err instanceof Error ? err.message : String(err)}); it will run through tsx.`);
}
