import fs from 'node:fs';
import pg from 'pg';
import { TeamServerError } from './team-error.ts';
import { describeServer, type ServerAddress } from './server-url.ts';
import { lookupPassword } from './password.ts';

// One connection to a team server, with PostgreSQL's and the network's failures turned
// into the two that matter to a user: the server cannot be reached now (offline, down,
// starting: try again later, nothing is lost) or it refused (login, permission, a
// missing database: something must change first).

export type ServerClient = pg.Client;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'ENOENT',
]);
// PostgreSQL's codes for a server that is there but cannot serve now.
const BUSY_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08006', '08001', '08004']);

function ssl(a: ServerAddress): pg.ClientConfig['ssl'] {
  if (a.sslMode === 'disable') return false;
  if (a.sslMode === 'require') return { rejectUnauthorized: false };
  const ca = a.sslRootCert ? fs.readFileSync(a.sslRootCert, 'utf8') : undefined;
  return a.sslMode === 'verify-ca'
    ? { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined }
    : { ca, rejectUnauthorized: true };
}

/** A user's message for an error of pg or of the network while talking to the server at `a`. */
export function asTeamServerError(err: unknown, a: ServerAddress, doing: string): TeamServerError {
  if (err instanceof TeamServerError) return err;
  const e = err as { code?: string; message?: string };
  const where = describeServer(a);
  const message = e.message ?? String(err);
  if ((e.code && (NETWORK_CODES.has(e.code) || BUSY_CODES.has(e.code))) || /terminated|timeout|timed out|ECONN|socket/i.test(message))
    return new TeamServerError('unreachable', `Cannot reach the team server ${where} while ${doing} (${message}).`);
  if (e.code === '28P01' || e.code === '28000')
    return new TeamServerError('refused', `The team server ${where} refused the login of role ${a.role} (${message}).`);
  if (e.code === '3D000') return new TeamServerError('refused', `The team server has no database ${a.database} (${message}).`);
  if (e.code === '42501')
    return new TeamServerError('refused', `The team server ${where} refused role ${a.role} while ${doing}: ${message}.`);
  return new TeamServerError('refused', `The team server ${where} failed while ${doing}: ${message}.`);
}

export async function connectToServer(a: ServerAddress, env: NodeJS.ProcessEnv = process.env): Promise<ServerClient> {
  let missing = '';
  const client = new pg.Client({
    host: a.host,
    port: a.port,
    user: a.role,
    database: a.database,
    ssl: ssl(a),
    connectionTimeoutMillis: Number(env.GROVE_SERVER_TIMEOUT_MS ?? 15_000),
    application_name: 'grove',
    // Asked only when the server wants a password.
    password: () => {
      const found = lookupPassword(a, env);
      if (found.password === null) {
        missing = found.why;
        throw new TeamServerError(
          'refused',
          `The team server ${describeServer(a)} asks role ${a.role} for a password, and there is none: ${found.why}. Set PGPASSWORD or add a line to ~/.pgpass.`,
        );
      }
      return found.password;
    },
  });
  // A connection lost between queries surfaces on the next query; keep the process alive meanwhile.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    if (missing) throw err;
    throw asTeamServerError(err, a, 'connecting');
  }
  return client;
}
