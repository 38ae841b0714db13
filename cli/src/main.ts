import { Command, CommanderError } from 'commander';
import { ReviewFileError } from '../../db/src/connection.ts';
import { ReviewDocumentError } from '../../db/src/document/import-review.ts';
import { APP_VERSION } from '../../db/src/version.ts';
import { CliError } from './cli-error.ts';
import { registerReviewCommands } from './commands/review-commands.ts';
import { registerServe } from './commands/serve.ts';
import { registerMeta } from './commands/meta.ts';
import { registerStart } from './commands/start.ts';
import { registerReport } from './commands/report.ts';
import { registerRm5 } from './commands/rm5.ts';
import { registerScreen } from './commands/screen.ts';

// The `grove` command line. Every command has --help; errors are one line on stderr
// and a non-zero exit code (2 for bad usage or input, 1 otherwise).

export function buildProgram(): Command {
  const program = new Command('grove')
    .description('Grove: an offline workbench for systematic reviews and meta-analysis.')
    .version(APP_VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerReviewCommands(program);
  registerServe(program);
  registerStart(program);
  registerMeta(program);
  registerReport(program);
  registerRm5(program);
  registerScreen(program);
  program.commands.forEach((c) => c.exitOverride());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
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
    if (err instanceof ReviewFileError || err instanceof ReviewDocumentError) {
      process.stderr.write(`grove: ${err.message}\n`);
      return err instanceof ReviewDocumentError ? 2 : 1;
    }
    process.stderr.write(`grove: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
