import { registerMeta } from './commands/meta.ts';
import { runProgram } from './program.ts';

// `grove meta` on its own: the program main.ts builds for `grove meta`, as an entry of its
// own. The compiled CLI bundles it into one CommonJS script that it runs with V8's code
// cache (cli/bin/compiled-cli.js), so that recomputing analyses does not first spend
// tens of milliseconds compiling the statistics and commander.

export function main(argv: string[]): Promise<number> {
  return runProgram(argv, () => Promise.resolve([registerMeta]));
}
