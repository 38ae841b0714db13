import * as z from 'zod';
import { idSchema } from './ids.ts';
import { DIRECTIONS } from './study-data.ts';

// The scales a planned outcome is measured on (issue 12 item 2). Whether an analysis pools
// mean differences (MD) or standardised mean differences (SMD) depends on whether its
// studies used one scale or several, so a study's "measure or scale" is chosen from the
// outcome's list, never taken silently from free text: a new spelling is proposed as a
// match to a scale already listed, or confirmed as a new scale by the reviewer.
//
// Two measures name the same scale when their keys are equal (trimmed, lower case): the
// rule analyses have always used to decide MD vs SMD, kept as it was so that existing
// files keep their numbers. Everything looser (brackets, punctuation, typos) is only ever
// a proposal for the reviewer to accept.

export const outcomeScaleFieldsSchema = z.object({
  name: z.string().trim().min(1, 'a scale needs a name, e.g. "Beck Depression Inventory"').max(300),
  direction: z.enum(DIRECTIONS),
  /** e.g. "points (0–63)", "visits"; empty when not recorded. */
  unit: z.string().trim().max(100),
});
export type OutcomeScaleFields = z.infer<typeof outcomeScaleFieldsSchema>;
export const outcomeScaleSchema = outcomeScaleFieldsSchema.extend({ id: idSchema, outcomeId: idSchema });
export type OutcomeScale = z.infer<typeof outcomeScaleSchema>;

/** The identity of a scale's name: what the MD vs SMD rule compares. */
export function scaleKey(name: string): string {
  return name.trim().toLowerCase();
}

/** A looser form for proposals only: no bracketed parts, punctuation or repeated spaces. */
function looseKey(name: string): string {
  return scaleKey(name.normalize('NFKC'))
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

export type ScaleMatch<S extends { name: string }> =
  { kind: 'same'; scale: S } | { kind: 'similar'; scale: S; reason: string } | { kind: 'new' };

/**
 * What a typed measure is among an outcome's scales: the same scale (its key), one it is
 * probably meant to be (shown to the reviewer as a proposal, with why), or a new one.
 */
export function matchScale<S extends { name: string }>(typed: string, scales: readonly S[]): ScaleMatch<S> {
  const key = scaleKey(typed);
  const same = scales.find((s) => scaleKey(s.name) === key);
  if (same) return { kind: 'same', scale: same };
  const loose = looseKey(typed);
  if (!loose) return { kind: 'new' };
  let best: { scale: S; reason: string; score: number } | null = null;
  for (const s of scales) {
    const other = looseKey(s.name);
    if (!other) continue;
    let candidate: { reason: string; score: number } | null = null;
    if (other === loose) candidate = { reason: 'the same name apart from brackets, punctuation or spacing', score: 0 };
    else if (loose.startsWith(`${other} `) || other.startsWith(`${loose} `))
      candidate = { reason: 'one name begins with the other', score: 1 };
    else {
      const d = distance(loose, other);
      // One letter in six, so that short names (acronyms: HAD, HADS) are never matched loosely.
      const allowed = Math.floor(Math.min(loose.length, other.length) / 6);
      if (d > 0 && d <= allowed) candidate = { reason: `a spelling ${d} ${d === 1 ? 'letter' : 'letters'} apart`, score: 1 + d };
    }
    if (candidate && (!best || candidate.score < best.score)) best = { scale: s, ...candidate };
  }
  return best ? { kind: 'similar', scale: best.scale, reason: best.reason } : { kind: 'new' };
}

/**
 * The scales an outcome's studies already use, for files written before scales were kept:
 * one per key, named as first written, with the direction most of its studies gave it
 * (ties: higher is better, as the analyses align them).
 */
export function scalesFromMeasures(
  measures: readonly { outcomeId: string; measure: string; direction: (typeof DIRECTIONS)[number] }[],
): { outcomeId: string; name: string; direction: (typeof DIRECTIONS)[number] }[] {
  const groups = new Map<string, { outcomeId: string; name: string; higher: number; lower: number }>();
  for (const m of measures) {
    const k = `${m.outcomeId}\u0000${scaleKey(m.measure)}`;
    const g = groups.get(k) ?? { outcomeId: m.outcomeId, name: m.measure.trim(), higher: 0, lower: 0 };
    if (m.direction === 'higher-better') g.higher++;
    else g.lower++;
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => ({
    outcomeId: g.outcomeId,
    name: g.name,
    direction: g.higher >= g.lower ? 'higher-better' : 'lower-better',
  }));
}

/** Why an analysis of continuous data pools MD or SMD: the scales its studies used. */
export interface MeasureBasis {
  measure: 'MD' | 'SMD';
  scales: { name: string; studies: string[] }[];
  /** e.g. "SMD because studies use 2 scales: X (A, B), Y (C)". */
  text: string;
}

export function measureBasis(studies: readonly { label: string; measure: string }[]): MeasureBasis {
  const byKey = new Map<string, { name: string; studies: string[] }>();
  for (const s of studies) {
    const k = scaleKey(s.measure);
    const g = byKey.get(k) ?? { name: s.measure.trim(), studies: [] };
    g.studies.push(s.label);
    byKey.set(k, g);
  }
  const scales = [...byKey.values()];
  if (scales.length <= 1) {
    const only = scales[0];
    return {
      measure: 'MD',
      scales,
      text: only
        ? `MD because ${only.studies.length === 1 ? 'the only study uses' : `all ${only.studies.length} studies use`} one scale: ${only.name}`
        : 'MD: no study has data yet',
    };
  }
  return {
    measure: 'SMD',
    scales,
    text: `SMD because studies use ${scales.length} scales: ${scales.map((g) => `${g.name} (${g.studies.join(', ')})`).join(', ')}`,
  };
}
