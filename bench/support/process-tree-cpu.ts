import fs from 'node:fs';

// CPU time of a server that forks a process per connection (PostgreSQL's postmaster and its
// backends), ms: the parent's own user + system time, its reaped children's (cutime and
// cstime: backends that have exited), and its live children's. Read before and after a
// piece of work, the difference is what the server spent on it (plus whatever else it did
// meanwhile: autovacuum, the checkpointer). NaN where /proc is not there or not readable.

const TICKS_PER_SECOND = 100;

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at "state" (field 3).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

const field = (fields: string[], n: number) => Number(fields[n - 3]);

export function processTreeCpu(parentPid: number): number {
  const parent = statFields(parentPid);
  if (!parent) return NaN;
  // utime 14, stime 15, cutime 16, cstime 17.
  let ticks = field(parent, 14) + field(parent, 15) + field(parent, 16) + field(parent, 17);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = statFields(Number(entry));
    // ppid is field 4.
    if (child && field(child, 4) === parentPid) ticks += field(child, 14) + field(child, 15);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The parent process of `pid` (PostgreSQL: a backend's postmaster); null when unknown. */
export function parentPid(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? field(fields, 4) : null;
}
