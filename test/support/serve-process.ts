import { spawn, type ChildProcess } from 'node:child_process';
import { GROVE_BIN, REPO_ROOT } from './temp.ts';

/** A `grove serve` child process, started and waited for until it prints its URL. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly token: string;
  stderr(): string;
  /** Calls one API method and returns its envelope. */
  call(method: string, args?: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>;
  stop(): Promise<void>;
}

export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [GROVE_BIN, 'serve', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`grove serve did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`grove serve exited with ${code}: ${err}`), { stderr: err, code }));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  return {
    child,
    url,
    port: Number(parsed.port),
    token,
    stderr: () => err,
    call: async (method, args = {}) => {
      const res = await fetch(new URL('/rpc', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-grove-token': token },
        body: JSON.stringify({ method, args }),
      });
      return (await res.json()) as never;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
