import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { CliError } from './cli-error.ts';

// The `grove` program and how a run ends: errors are one line on stderr and a non-zero exit
// code (2 for bad usage or input, 1 otherwise). Shared by the whole command line (main.ts)
// and by `grove meta`'s own bundle (meta-main.ts), so both behave alike.

export type Register = (program: Command) => void;

/** The program with the given commands registered, in that order. */
export function newProgram(registers: Iterable<Register>): Command {
  const program = new Command('grove')
    .description('Grove: an offline workbench for systematic reviews and meta-analysis.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of registers) register(program);
  program.commands.forEach((c) => c.exitOverride());
  return program;
}

/** Runs the command line with the commands `load` gives; resolves to the exit code. */
export async function runProgram(argv: string[], load: () => Promise<Iterable<Register>>): Promise<number> {
  try {
    const program = newProgram(await load());
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
