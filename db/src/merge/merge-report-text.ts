import type { MergeReport } from './merge-files.ts';

// A merge report in words, as `grove merge` prints it and File › Merge a reviewer's copy…
// shows it: what came in per reviewer, what conflicted, where the backup is.

export function describeReport(other: string, r: MergeReport): string {
  const lines: string[] = [];
  if (r.events === 0) lines.push(`Nothing new in ${other}: the target has already seen all its changes.`);
  else {
    lines.push(
      `Merged ${r.events} change(s) from ${other}: ${r.applied} row(s) applied, ${r.skipped} already held, ${r.conflicts.length} conflict(s).`,
    );
    for (const p of r.byReviewer) lines.push(`  ${p.reviewer || '(no reviewer)'}: ${p.applied} applied, ${p.conflicts} conflict(s)`);
    for (const c of r.conflicts)
      lines.push(
        `  conflict ${c.table} ${c.key} ${c.field}: kept ${JSON.stringify(c.local)}, ${c.reviewer} wrote ${JSON.stringify(c.incoming)} (was ${JSON.stringify(c.base)})`,
      );
    if (r.conflicts.length > 0) lines.push('  The conflicts wait in the review’s conflict queue.');
    if (r.backup) lines.push(`  The target as it was before: ${r.backup}`);
  }
  for (const x of r.reidentified)
    lines.push(
      `  ${other} was copied outside Grove (site ${x.site}); its changes from #${x.fromSeq} on are known as site ${x.as}. Use \`grove fork\` for co-reviewers’ copies.`,
    );
  return `${lines.join('\n')}\n`;
}
