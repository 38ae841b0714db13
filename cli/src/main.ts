import type { Command } from 'commander';
import { newProgram, runProgram, type Register } from './program.ts';

// The `grove` command line. Every command has --help; errors are one line on stderr
// and a non-zero exit code (2 for bad usage or input, 1 otherwise; program.ts).
//
// Each command's module is loaded only when that command runs (the whole list for help
// or an unknown command), so `grove meta` does not load SQLite, the RevMan reader or the
// Word writer: start-up time is most of a short command's time.

const COMMANDS: Record<string, () => Promise<Register>> = {
  new: () => import('./commands/review-commands.ts').then((m) => m.registerReviewCommands),
  info: () => import('./commands/review-commands.ts').then((m) => m.registerReviewCommands),
  export: () => import('./commands/review-commands.ts').then((m) => m.registerReviewCommands),
  example: () => import('./commands/review-commands.ts').then((m) => m.registerReviewCommands),
  serve: () => import('./commands/serve.ts').then((m) => m.registerServe),
  start: () => import('./commands/start.ts').then((m) => m.registerStart),
  meta: () => import('./commands/meta.ts').then((m) => m.registerMeta),
  report: () => import('./commands/report.ts').then((m) => m.registerReport),
  rm5: () => import('./commands/rm5.ts').then((m) => m.registerRm5),
  records: () => import('./commands/records.ts').then((m) => m.registerRecords),
  dedupe: () => import('./commands/dedupe.ts').then((m) => m.registerDedupe),
  import: () => import('./commands/import.ts').then((m) => m.registerImport),
  screen: () => import('./commands/screen.ts').then((m) => m.registerScreen),
  fork: () => import('./commands/merge.ts').then((m) => m.registerMerge),
  merge: () => import('./commands/merge.ts').then((m) => m.registerMerge),
  team: () => import('./commands/team.ts').then((m) => m.registerTeam),
  sync: () => import('./commands/team.ts').then((m) => m.registerTeam),
};

/** The commands `argv` needs: the one it names, or all of them (help, an unknown command), in the order of the help listing. */
async function commandsFor(argv: readonly string[]): Promise<Set<Register>> {
  const named = argv[2];
  const loaders = named && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
  return new Set(await Promise.all(loaders.map((load) => load())));
}

/** The program with the commands `argv` needs. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  return newProgram(await commandsFor(argv));
}

export function main(argv: string[]): Promise<number> {
  return runProgram(argv, () => commandsFor(argv));
}
