import fs from 'node:fs';
import { CliError } from './cli-error.ts';

// Reading a command's input. Writing its output is write-output.ts, apart so that commands
// that only read (`grove meta`) do not load the atomic writer and node:crypto with it.

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file argument, or stdin for `-`. */
export async function readTextArg(file: string): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read: ${(err as Error).message}`, 2);
  }
}

export function parseJsonText(source: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${source} is not valid JSON: ${(err as Error).message}`, 2);
  }
}
