import { TeamServerError } from './team-error.ts';

// A team server is named by a URL, postgres://ROLE@HOST:PORT/DATABASE (libpq's form), with
// optional `sslmode` (disable, require, verify-ca, verify-full), `sslrootcert` and `host`
// (a socket directory) parameters. The password never travels in the URL: it would be
// kept in shell histories and in the review's sync state. libpq's own sources supply it
// instead (PGPASSWORD or ~/.pgpass, see password.ts).

export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

export interface ServerAddress {
  readonly role: string;
  /** A host name or address, or a socket directory (starting with /). */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly sslMode: SslMode;
  readonly sslRootCert: string | null;
  /** The URL as given, which holds no password: safe to print and to store. */
  readonly url: string;
}

const SSL_MODES: readonly SslMode[] = ['disable', 'require', 'verify-ca', 'verify-full'];

export function parseServerUrl(text: string): ServerAddress {
  const bad = (why: string) =>
    new TeamServerError('refused', `The server URL "${text}" ${why}; write it as postgres://ROLE@HOST:PORT/DATABASE.`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw bad('is not a URL');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw bad(`starts with "${u.protocol}"`);
  if (u.password !== '')
    throw new TeamServerError(
      'refused',
      `The server URL carries a password: Grove never takes one on the command line or keeps one in a review. Remove it from the URL and set PGPASSWORD, or put it in ~/.pgpass (host:port:database:role:password, mode 0600).`,
    );
  const role = decodeURIComponent(u.username);
  if (role === '') throw bad('names no role (the ROLE@ part)');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) throw bad('names no database (the /DATABASE part)');
  const known = new Set(['sslmode', 'sslrootcert', 'host']);
  for (const key of u.searchParams.keys())
    if (!known.has(key)) throw bad(`has a parameter "${key}" Grove does not use (only sslmode, sslrootcert, host)`);
  const mode = u.searchParams.get('sslmode') ?? 'disable';
  if (!SSL_MODES.includes(mode as SslMode)) throw bad(`has sslmode=${mode}; use one of ${SSL_MODES.join(', ')}`);
  const socketHost = u.searchParams.get('host');
  const host = socketHost ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw bad('names no host');
  const port = u.port === '' ? 5432 : Number(u.port);
  return {
    role,
    host,
    port,
    database,
    sslMode: mode as SslMode,
    sslRootCert: u.searchParams.get('sslrootcert'),
    url: text,
  };
}

/** How messages name the server: the URL without any parameter. */
export function describeServer(a: ServerAddress): string {
  return `postgres://${a.role}@${a.host.startsWith('/') ? `[${a.host}]` : a.host}:${a.port}/${a.database}`;
}
