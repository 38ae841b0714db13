// Conformance: recompute every outcome, subgroup and data row of the real RevMan 5 files in
// the shared corpus and compare with RevMan's stored results at relative 1e-9 (issue 3).
// χ² P values are held to the same 1e-9: the RevMan 5 preset reproduces RevMan's own χ²
// routine (shared/src/stats/chi-square-revman.ts), so the support module's "documented
// accuracy" excuse for them no longer applies. P_Q is required. P_CHI2 is reported
// separately, twice: (1) RevMan's routine applied to RevMan's stored CHI2 and DF must give
// the stored P_CHI2 (every one, 1e-9); (2) through Grove's recomputed Q, where a P_CHI2
// may miss only if (1) holds, CHI2 matched and |ΔP| ≤ 1e-12: tiny tails (P = 1 − lower)
// turn the 1–4 ulp differences of a recomputed Q into more than 1e-9 of P.
// Skips cleanly when the corpus is absent (fresh clone without ../shared).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRm5Bytes, parseRm5 } from '../../shared/src/rm5/index.ts';
import { findCorpus } from './support/corpus.ts';
import {
  compareOutcome,
  explainedPChi2,
  informationalChecks,
  isExcused,
  requiredChecks,
  routineChecks,
  tallyChecks,
  type Check,
} from '../../shared/src/rm5/compare.ts';

const corpus = findCorpus();
const rm5Dir = corpus ? join(corpus, 'rm5') : null;
const files = rm5Dir
  ? readdirSync(rm5Dir)
      .filter((f) => f.endsWith('.rm5'))
      .sort()
  : [];

if (!corpus) {
  console.log('[stats-rm5] SKIPPED: no corpus (set GROVE_CORPUS or provide ../shared/corpus)');
}

const isFailure = (c: Check): boolean => !c.ok && !isExcused(c);
const tally = tallyChecks;
const required = requiredChecks;
const informational = informationalChecks;

describe.skipIf(!corpus)('RevMan 5 conformance (.rm5 corpus)', () => {
  const all: Check[] = [];
  const allRoutine: Check[] = [];
  const byFile: Array<{ file: string; checks: Check[]; skipped: string[] }> = [];

  for (const file of files) {
    it(file, () => {
      const review = parseRm5(decodeRm5Bytes(readFileSync(join(rm5Dir as string, file))));
      const checks: Check[] = [];
      const skipped: string[] = [];
      for (const cmp of review.comparisons) {
        for (const outcome of cmp.outcomes) {
          const r = compareOutcome(review, outcome);
          if (r.skipped) skipped.push(`${outcome.id}: ${r.skipped}`);
          checks.push(...r.checks);
        }
      }
      const routine = routineChecks(checks);
      all.push(...checks);
      allRoutine.push(...routine);
      byFile.push({ file, checks, skipped });
      const t = tally(required(checks));
      console.log(
        `[stats-rm5] ${file}: ${t.matched}/${t.total} matched at relative 1e-9${t.excused ? ` (${t.excused} unmatched but within RevMan's documented accuracy)` : ''}${skipped.length ? `; skipped ${skipped.join('; ')}` : ''}`,
      );
      for (const f of [...checks, ...routine].filter((c) => !c.ok)) {
        const label = isExcused(f)
          ? 'UNMATCHED (excused)'
          : explainedPChi2(f, checks, routine)
            ? 'P_CHI2 via recomputed Q (routine exact on stored CHI2)'
            : 'MISMATCH';
        console.log(
          `  ${label} ${f.outcome} ${f.where} ${f.field}: RevMan ${f.expected}, ours ${f.actual}, rel ${(Math.abs((f.actual ?? NaN) - f.expected) / Math.abs(f.expected)).toExponential(2)}`,
        );
      }
      const failures = [...checks, ...routine].filter((c) => isFailure(c) && !explainedPChi2(c, checks, routine));
      expect(checks.length).toBeGreaterThan(0);
      expect(failures.map((f) => `${f.outcome} ${f.where} ${f.field}: RevMan ${f.expected}, ours ${f.actual}`)).toEqual([]);
    });
  }

  it('summary', () => {
    const t = tally(required(all));
    const fields = new Map<string, Check[]>();
    for (const c of required(all)) {
      const key = `${c.level}.${c.field}`;
      fields.set(key, [...(fields.get(key) ?? []), c]);
    }
    console.log(`[stats-rm5] TOTAL: ${t.matched}/${t.total} matched at relative ${1e-9}${t.excused ? `, ${t.excused} excused` : ''}`);
    for (const [key, cs] of [...fields.entries()].sort()) {
      const ft = tally(cs);
      console.log(`[stats-rm5]   ${key}: ${ft.matched}/${ft.total}${ft.excused ? ` (${ft.excused} excused)` : ''}`);
    }
    const rt = tally(allRoutine);
    const info = tally(informational(all));
    const worstMissP = Math.max(
      0,
      ...informational(all)
        .filter((c) => !c.ok)
        .map((c) => c.expected),
    );
    console.log(
      `[stats-rm5] P_CHI2 (reported separately): RevMan's routine on stored CHI2 ${rt.matched}/${rt.total}; through recomputed Q ${info.matched}/${info.total} at relative 1e-9${info.matched < info.total ? ` (misses all have P ≤ ${worstMissP.toExponential(2)}; CHI2 within 1e-9)` : ''}`,
    );
    expect(t.total).toBeGreaterThan(0);
    expect(all.filter((c) => c.field === 'P_Q' && !c.ok)).toEqual([]);
    expect(rt.total).toBeGreaterThan(0);
    expect(allRoutine.filter((c) => !c.ok)).toEqual([]);
  });
});

describe.skipIf(!!corpus)('RevMan 5 conformance (.rm5 corpus) — skipped', () => {
  it.skip('corpus not found: set GROVE_CORPUS or provide ../shared/corpus', () => {});
});
