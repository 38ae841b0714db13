import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerAddress } from './server-url.ts';

// The password of a team-server login, from where libpq takes it: PGPASSWORD, else the
// password file (PGPASSFILE, default ~/.pgpass: host:port:database:role:password lines,
// `*` matching anything, `\` escaping `:` and `\`). Like libpq, a password file others
// can read is ignored, and the reason is given. Looked up here rather than by pg, whose
// missing-password path throws outside the connection's promise.

export interface PasswordLookup {
  readonly password: string | null;
  /** Why none was found, for the message when the server asks for one. */
  readonly why: string;
}

function splitFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) current += line[++i];
    else if (c === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else current += c;
  }
  fields.push(current);
  return fields;
}

export function passwordFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PGPASSFILE ?? path.join(os.homedir(), '.pgpass');
}

export function lookupPassword(a: ServerAddress, env: NodeJS.ProcessEnv = process.env): PasswordLookup {
  if (env.PGPASSWORD !== undefined && env.PGPASSWORD !== '') return { password: env.PGPASSWORD, why: '' };
  const file = passwordFilePath(env);
  let text: string;
  try {
    const st = fs.statSync(file);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
      return { password: null, why: `${file} is readable by others and is ignored (chmod 600 ${file})` };
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { password: null, why: `PGPASSWORD is not set and there is no ${file}` };
  }
  // libpq matches a socket connection as host "localhost".
  const host = a.host.startsWith('/') ? 'localhost' : a.host;
  const want = [host, String(a.port), a.database, a.role];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = splitFields(line);
    if (fields.length !== 5) continue;
    if (want.every((w, i) => fields[i] === '*' || fields[i] === w)) return { password: fields[4]!, why: '' };
  }
  return { password: null, why: `PGPASSWORD is not set and no line of ${file} matches ${want.join(':')}` };
}
