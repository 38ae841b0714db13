import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { startHttpHost } from '../http/server.ts';

// grove serve [FILE]: the workbench in a browser, on this machine only.

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the workbench and its API on 127.0.0.1 and print the URL to open (with a per-run token).')
    .argument('[file]', 'the review to open (default: the example review in your Grove data folder)')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--read-only', 'open the review read-only (for example while another Grove is editing it)')
    .action(async (file: string | undefined, opts: { port: string; readOnly?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError(`--port must be a number from 0 to 65535, not "${opts.port}".`, 2);
      await serveUntilStopped(file, port, opts.readOnly ?? false);
    });
}

export async function serveUntilStopped(file: string | undefined, port: number, readOnly = false): Promise<void> {
  const host = await startHttpHost({ file, port, readOnly });
  for (const w of host.warnings) process.stderr.write(`Warning: ${w}\n`);
  if (host.readOnly) process.stderr.write(`Read-only: ${host.readOnly}\n`);
  if (!host.rendererBuilt) process.stderr.write('The workbench is not built yet: run `npm run build:renderer`. The API is served.\n');
  process.stdout.write(`Grove is serving ${host.file}\nOpen ${host.url}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      void host.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
