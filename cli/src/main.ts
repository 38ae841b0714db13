import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { CliError } from './cli-error.ts';

// The `grove` command line. Every command has --help; errors are one line on stderr
// and a non-zero exit code (2 for bad usage or input, 1 otherwise).
//
// Each command's module is loaded only when that command runs (the whole list for help
// or an unknown command), so `grove meta` does not load SQLite, the RevMan reader or the
// Word writer: start-up time is most of a short command's time.

type Register = (program: Command) => void;

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

/** The program with the commands `argv` needs: the one it names, or all of them (help, an unknown command). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('grove')
    .description('Grove: an offline workbench for systematic reviews and meta-analysis.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const named = argv[2];
  const loaders = named && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
  const registers = new Set(await Promise.all(loaders.map((load) => load())));
  // In the order of the help listing, whichever were loaded.
  for (const register of registers) register(program);
  program.commands.forEach((c) => c.exitOverride());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are printed by commander and are not failures.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`grove: ${err.message}\n`);
      return err.exitCode;
    }
    // ReviewFileError and ReviewDocumentError carry messages that name the file; a bad
    // document is bad input (2). Matched by name so that this module loads neither.
    process.stderr.write(`grove: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof Error && err.name === 'ReviewDocumentError' ? 2 : 1;
  }
}
