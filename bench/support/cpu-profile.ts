import fs from 'node:fs';

// Where a process's CPU goes, from a V8 CPU profile (`node --cpu-prof`): each sample is given
// to the innermost frame that names a phase, and phases are reported as shares of the busy
// samples. Samples are counted rather than timed: on a loaded machine a sample's time delta
// includes the time the process waited for a core.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface Phase {
  name: string;
  /** Function names (or loader frames) that mark the phase. */
  frames: readonly string[];
}

export function phaseShares(profileFile: string, phases: readonly Phase[]): { name: string; share: number }[] {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOf = new Map<string, string>();
  for (const p of phases) for (const f of p.frames) phaseOf.set(f, p.name);
  const counts = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const leaf = byId.get(id)?.callFrame.functionName ?? '';
    if (leaf === '(idle)' || leaf === '(root)') continue;
    busy++;
    let name = leaf === '(garbage collector)' ? 'garbage collection' : null;
    for (let cur: number | undefined = id; name === null && cur !== undefined; cur = parent.get(cur))
      name = phaseOf.get(byId.get(cur)?.callFrame.functionName ?? '') ?? null;
    counts.set(name ?? 'other', (counts.get(name ?? 'other') ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => ({ name, share: busy ? n / busy : 0 })).sort((a, b) => b.share - a.share);
}
