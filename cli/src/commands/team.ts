import path from 'node:path';
import type { Command } from 'commander';
import { TeamServerError } from '../../../db/src/team/team-error.ts';
import { addTeamMember, initTeamServer } from '../../../db/src/team/team-admin.ts';
import { syncReview, type SyncReport } from '../../../db/src/team/sync-review.ts';
import { CliError } from '../cli-error.ts';
import { terminalProgress } from '../terminal-progress.ts';

// grove team init | team add-member | sync: a review group's PostgreSQL server
// (docs/team-server.md). Exit codes: 2 when the server (or the URL) refuses, 3 when the
// server cannot be reached (offline: nothing lost, sync again later).

export const EXIT_UNREACHABLE = 3;

async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof TeamServerError) throw new CliError(err.message, err.failure === 'unreachable' ? EXIT_UNREACHABLE : 2);
    throw err;
  }
}

function describeSync(file: string, r: SyncReport): string {
  const lines: string[] = [];
  if (r.registered)
    lines.push(`Registered review ${r.reviewId} on ${r.server}; you own it (add colleagues with \`grove team add-member\`).`);
  for (const x of r.reidentified)
    lines.push(
      `${file} was copied outside Grove (site ${x.site}); its own changes from #${x.fromSeq} on are now known as site ${x.as}, so both copies' work is kept.`,
    );
  lines.push(
    `Synced ${file} with ${r.server}: ${r.pulled} change(s) received (${r.applied} row(s) applied, ${r.skipped} already held, ${r.conflicts.length} conflict(s)), ${r.pushed} sent; server position ${r.serverSeq}.`,
  );
  for (const p of r.byReviewer) lines.push(`  ${p.reviewer || '(no reviewer)'}: ${p.applied} applied, ${p.conflicts} conflict(s)`);
  for (const c of r.conflicts)
    lines.push(
      `  conflict ${c.table} ${c.key} ${c.field}: kept ${JSON.stringify(c.local)}, ${c.reviewer} wrote ${JSON.stringify(c.incoming)} (was ${JSON.stringify(c.base)})`,
    );
  if (r.conflicts.length > 0) lines.push('  The conflicts wait in the review’s conflict queue.');
  if (r.backup) lines.push(`  The review as it was before: ${r.backup}`);
  return `${lines.join('\n')}\n`;
}

export function registerTeam(program: Command): void {
  const team = program.command('team').description('Set up a review group’s PostgreSQL server and admit members (docs/team-server.md).');
  team
    .command('init')
    .description('Create the Grove team schema on a PostgreSQL database (run once, as a role that may create tables).')
    .requiredOption('--server <url>', 'postgres://ROLE@HOST:PORT/DATABASE (password from PGPASSWORD or ~/.pgpass)')
    .action(async (opts: { server: string }) => {
      const r = await asCli(() => initTeamServer(opts.server));
      process.stdout.write(
        r.created
          ? `Created the Grove team schema on ${r.server} (server ${r.id}).\n`
          : `${r.server} already has the Grove team schema (server ${r.id}); nothing was changed.\n`,
      );
    });
  team
    .command('add-member')
    .description('Admit a PostgreSQL role to a review on the server (only the review’s owner may).')
    .requiredOption('--server <url>', 'postgres://ROLE@HOST:PORT/DATABASE, ROLE being the review’s owner')
    .requiredOption('--review <id>', 'the review id (printed by its first `grove sync`), or its .grove file')
    .requiredOption('--role <name>', 'the colleague’s PostgreSQL login role')
    .action(async (opts: { server: string; review: string; role: string }) => {
      const r = await asCli(() => addTeamMember(opts.server, opts.review, opts.role));
      process.stdout.write(
        `${r.added ? `Added ${r.role} to` : `${r.role} was already a member of`} review ${r.reviewId}; members: ${r.members.join(', ')}.\n`,
      );
    });

  program
    .command('sync')
    .description('Exchange a review’s changes with the team server: send what it lacks, bring in the rest as one undoable change.')
    .argument('<file>', 'the review file (backed up before changes come in)')
    .requiredOption('--server <url>', 'postgres://ROLE@HOST:PORT/DATABASE (password from PGPASSWORD or ~/.pgpass)')
    .option('--json', 'print {"pushed", "pulled", "applied", "skipped", "conflicts": [...]} as JSON')
    .action(async (file: string, opts: { server: string; json?: boolean }) => {
      // On a terminal, the sync's progress on standard error; piped, nothing (--json stays clean).
      const progress = terminalProgress();
      const r = await asCli(() => syncReview(file, opts.server, progress.listener ? { onProgress: progress.listener } : {})).finally(() =>
        progress.end(),
      );
      const text = describeSync(path.resolve(file), r);
      if (opts.json) {
        const json = {
          pushed: r.pushed,
          pulled: r.pulled,
          applied: r.applied,
          skipped: r.skipped,
          conflicts: r.conflicts.map((c) => ({
            table: c.table,
            key: c.key,
            field: c.field,
            base: c.base,
            local: c.local,
            incoming: c.incoming,
            reviewer: c.reviewer,
          })),
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        process.stderr.write(text);
      } else process.stdout.write(text);
    });
}
