import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServerUrl } from '../../../db/src/team/server-url.ts';
import { lookupPassword } from '../../../db/src/team/password.ts';
import { TeamServerError } from '../../../db/src/team/team-error.ts';
import { tempDir } from '../../support/temp.ts';

// Team-server URLs (postgres://ROLE@HOST:PORT/DATABASE, never with a password) and where
// the password comes from instead: PGPASSWORD, else a ~/.pgpass line, as libpq reads them.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('parseServerUrl', () => {
  it('reads role, host, port, database and sslmode', () => {
    expect(parseServerUrl('postgres://alice@db.example.org:6543/reviews?sslmode=verify-full&sslrootcert=/etc/ca.pem')).toMatchObject({
      role: 'alice',
      host: 'db.example.org',
      port: 6543,
      database: 'reviews',
      sslMode: 'verify-full',
      sslRootCert: '/etc/ca.pem',
    });
    expect(parseServerUrl('postgresql://bob@10.0.0.5/team')).toMatchObject({ port: 5432, sslMode: 'disable' });
    expect(parseServerUrl('postgres://bob@localhost/team?host=/var/run/postgresql').host).toBe('/var/run/postgresql');
  });

  it('refuses a password in the URL, naming where it belongs instead', () => {
    const attempt = () => parseServerUrl('postgres://alice:secret@db/team');
    expect(attempt).toThrow(TeamServerError);
    expect(attempt).toThrow(/carries a password.*PGPASSWORD.*~\/\.pgpass/);
  });

  it.each([
    ['http://alice@db/team', /starts with "http:"/],
    ['postgres://db/team', /names no role/],
    ['postgres://alice@db/', /names no database/],
    ['postgres://alice@db/team?sslmode=prefer', /sslmode=prefer/],
    ['postgres://alice@db/team?options=x', /parameter "options"/],
    ['not a url', /is not a URL/],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => parseServerUrl(text)).toThrow(message);
  });
});

describe('lookupPassword', () => {
  const address = parseServerUrl('postgres://alice@db.example.org:6543/reviews');
  function pgpass(text: string, mode = 0o600): string {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'pgpass');
    fs.writeFileSync(file, text);
    fs.chmodSync(file, mode);
    return file;
  }

  it('takes PGPASSWORD first', () => {
    expect(lookupPassword(address, { PGPASSWORD: 'from-env', PGPASSFILE: pgpass('*:*:*:*:from-file\n') }).password).toBe('from-env');
  });

  it('takes the first matching line of the password file, with wildcards and escapes', () => {
    const file = pgpass(
      ['# comment', 'db.example.org:6543:reviews:bob:not-alice', 'db.example.org:*:reviews:alice:pa\\:ss\\\\word', '*:*:*:*:fallback'].join(
        '\n',
      ),
    );
    expect(lookupPassword(address, { PGPASSFILE: file }).password).toBe('pa:ss\\word');
  });

  it('says why there is none: no file, no matching line, a file others can read', () => {
    expect(lookupPassword(address, { PGPASSFILE: '/nonexistent/pgpass' }).why).toMatch(/PGPASSWORD is not set and there is no/);
    const other = pgpass('otherhost:*:*:*:x\n');
    expect(lookupPassword(address, { PGPASSFILE: other })).toEqual({
      password: null,
      why: `PGPASSWORD is not set and no line of ${other} matches db.example.org:6543:reviews:alice`,
    });
    if (process.platform !== 'win32') {
      const open = pgpass('*:*:*:*:x\n', 0o644);
      expect(lookupPassword(address, { PGPASSFILE: open })).toMatchObject({
        password: null,
        why: expect.stringMatching(/readable by others/),
      });
    }
  });
});
