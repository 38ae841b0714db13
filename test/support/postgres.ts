import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

// A private PostgreSQL server for the team-server tests and benchmark (issue 16 step 2):
// `initdb` and `pg_ctl` from Debian's postgresql package, in a temporary folder, on a free
// TCP port of 127.0.0.1 and a private socket directory, so it never meets another
// server on the machine (or another engineer's test). PostgreSQL refuses to run as root,
// so under root (as CI runs) the server runs as the `postgres` user.
//
// Logins over TCP use scram-sha-256 passwords, as a review group's server would; the
// superuser that sets the server up connects over the private socket (trust, local only).
// When PostgreSQL is not installed, `startPostgres` returns the reason instead, and the
// suites skip with it (a fresh clone's `npm test` still passes).

export const POSTGRES_SUPERUSER = 'grove_admin';

export interface PostgresServer {
  readonly port: number;
  readonly socketDir: string;
  /** postgres://ROLE@127.0.0.1:PORT/DB (no password: tests pass it in PGPASSWORD). */
  url(role: string, database: string): string;
  /** Runs SQL as the superuser over the private socket. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  /** A login role with a scram-sha-256 password (and CREATEDB when `createDb`). */
  createRole(name: string, password: string, options?: { createDb?: boolean }): Promise<void>;
  /** A database owned by `owner`. */
  createDatabase(name: string, owner: string): Promise<void>;
  stop(): void;
}

export type PostgresStart = { ok: true; server: PostgresServer } | { ok: false; reason: string };

/** The folder with initdb, pg_ctl and postgres: GROVE_PG_BIN, else Debian's newest. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.GROVE_PG_BIN;
  if (fromEnv) return fs.existsSync(path.join(fromEnv, 'initdb')) ? fromEnv : null;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** uid and gid of the `postgres` user, read from /etc/passwd (Node has no getpwnam). */
function postgresUser(): { uid: number; gid: number } | null {
  let passwd = '';
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    return null;
  }
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function startPostgres(): Promise<PostgresStart> {
  const bin = findPostgresBin();
  if (!bin)
    return {
      ok: false,
      reason: process.env.GROVE_PG_BIN
        ? `GROVE_PG_BIN=${process.env.GROVE_PG_BIN} has no initdb`
        : 'PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin; apt-get install postgresql, or set GROVE_PG_BIN)',
    };
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;
  if (asRoot && !owner) return { ok: false, reason: 'running as root and there is no `postgres` user to run PostgreSQL as' };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-pg-'));
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  fs.mkdirSync(socketDir);
  if (owner) {
    fs.chownSync(dir, owner.uid, owner.gid);
    fs.chownSync(socketDir, owner.uid, owner.gid);
  }
  const run = (cmd: string, args: string[], options: SpawnSyncOptions = {}) => {
    const r = spawnSync(path.join(bin, cmd), args, {
      encoding: 'utf8',
      timeout: 120_000,
      cwd: dir,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      ...options,
    });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${String(r.stderr || r.stdout || r.error?.message)}`);
  };

  let started = false;
  const stop = () => {
    process.removeListener('exit', stop);
    if (started) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      POSTGRES_SUPERUSER,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--no-instructions',
      '--no-sync',
    ]);
    let port = 0;
    for (let attempt = 0; attempt < 5 && !started; attempt++) {
      port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${socketDir}`,
        "-c listen_addresses='127.0.0.1'",
        '-c password_encryption=scram-sha-256',
        // A test server: durability is not what is tested here, speed is welcome.
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=40',
        '-c shared_buffers=32MB',
      ].join(' ');
      try {
        run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
        started = true;
      } catch (err) {
        if (attempt === 4) throw err;
      }
    }
    // A test run that dies without its teardown still stops its server.
    process.once('exit', stop);
    const server: PostgresServer = {
      port,
      socketDir,
      url: (role, database) => `postgres://${encodeURIComponent(role)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
      async admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = 'postgres') {
        const client = new pg.Client({ host: socketDir, port, user: POSTGRES_SUPERUSER, database });
        await client.connect();
        try {
          return (await client.query<T>(sql, params)).rows;
        } finally {
          await client.end();
        }
      },
      async createRole(name, password, options = {}) {
        // The password is sent as a literal (CREATE ROLE takes no parameters) and hashed by
        // the server with scram-sha-256.
        const literal = `'${password.replace(/'/g, "''")}'`;
        await server.admin(`CREATE ROLE ${quoteIdent(name)} LOGIN ${options.createDb ? 'CREATEDB' : ''} PASSWORD ${literal}`);
      },
      async createDatabase(name, ownerRole) {
        await server.admin(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(ownerRole)}`);
      },
      stop,
    };
    return { ok: true, server };
  } catch (err) {
    stop();
    return { ok: false, reason: `PostgreSQL did not start: ${(err as Error).message}` };
  }
}
