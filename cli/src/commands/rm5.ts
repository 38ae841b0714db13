import type { Command } from 'commander';
import {
  analyzeRm5Review,
  explainedPChi2,
  informationalChecks,
  isExcused,
  relativeError,
  requiredChecks,
  routineChecks,
  tallyChecks,
  REL_TOL,
  type Check,
  type Rm5OutcomeAnalysis,
} from '@grove/shared/rm5/index';
import { loadRm5File, loadRm5ReviewFile, Rm5FileError, type LoadedRm5 } from '../../../db/src/rm5/load-rm5.ts';
import { CliError } from '../cli-error.ts';

// `grove rm5 analyze FILE.rm5 [--json] [--compare]` (issue 6): recompute every outcome,
// subgroup and row of a RevMan 5 file with its own settings, and with --compare say how far
// each number is from the one RevMan stored in the file. Bad input exits with code 2 and a
// message naming the file and the element/line; --compare exits with 1 when a required
// number is off by more than relative 1e-9, so scripts notice.

export function loadOrExplain(file: string): LoadedRm5 {
  try {
    return loadRm5File(file);
  } catch (err) {
    if (err instanceof Rm5FileError) throw new CliError(err.message, 2);
    throw err;
  }
}

interface ComparedCheck {
  level: Check['level'];
  where: string;
  field: string;
  revman: number;
  grove: number | null;
  relError: number | null;
  ok: boolean;
  excused?: string;
  /** Reported apart from the required checks (P_CHI2 through Grove's recomputed Q). */
  informational?: true;
  /** Why an informational miss is explained. */
  explained?: string;
}

export interface Rm5CompareSummary {
  tolerance: number;
  matched: number;
  total: number;
  excused: number;
  /** P_CHI2: RevMan's χ² routine on RevMan's stored CHI2 and DF, and through Grove's own Q. */
  pChi2: {
    routineOnStoredChi2: { matched: number; total: number };
    throughRecomputedQ: { matched: number; total: number; explained: number };
  };
  skipped: string[];
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The typed review only: analysing needs no tree (loadRm5ReviewFile). */
function loadReviewOrExplain(file: string): ReturnType<typeof loadRm5ReviewFile> {
  try {
    return loadRm5ReviewFile(file);
  } catch (err) {
    if (err instanceof Rm5FileError) throw new CliError(err.message, 2);
    throw err;
  }
}

export function runRm5Analyze(file: string, options: { compare?: boolean }) {
  const loaded = loadReviewOrExplain(file);
  if (!options.compare) return { file, outcomes: analyzeRm5Review(loaded.review).outcomes };
  const { outcomes, checks } = analyzeRm5Review(loaded.review, { compare: true });
  const all: Check[] = [];
  const allRoutine: Check[] = [];
  let explained = 0;
  const withComparison = outcomes.map((o: Rm5OutcomeAnalysis) => {
    const cs = checks.get(o.id) ?? [];
    const routine = routineChecks(cs);
    all.push(...cs);
    allRoutine.push(...routine);
    const req = tallyChecks(requiredChecks(cs));
    const shaped: ComparedCheck[] = cs.map((c) => {
      const why =
        !c.ok && explainedPChi2(c, cs, routine)
          ? 'RevMan’s χ² routine is exact on the stored CHI2; our Q differs by ulps, |ΔP| ≤ 1e-12'
          : undefined;
      if (why) explained++;
      return {
        level: c.level,
        where: c.where,
        field: c.field,
        revman: c.expected,
        grove: c.actual,
        relError: finiteOrNull(relativeError(c)),
        ok: c.ok,
        ...(c.excused && !c.ok ? { excused: c.excused } : {}),
        ...(c.informational ? { informational: true as const } : {}),
        ...(why ? { explained: why } : {}),
      };
    });
    return { ...o, comparison: { matched: req.matched, total: req.total, excused: req.excused, checks: shaped } };
  });
  const t = tallyChecks(requiredChecks(all));
  const info = tallyChecks(informationalChecks(all));
  const rt = tallyChecks(allRoutine);
  const summary: Rm5CompareSummary = {
    tolerance: REL_TOL,
    matched: t.matched,
    total: t.total,
    excused: t.excused,
    pChi2: {
      routineOnStoredChi2: { matched: rt.matched, total: rt.total },
      throughRecomputedQ: { matched: info.matched, total: info.total, explained },
    },
    skipped: outcomes.filter((o) => o.skipped).map((o) => `${o.id}: ${o.skipped}`),
  };
  const failures = requiredChecks(all).filter((c) => !c.ok && !isExcused(c)).length;
  return { file, outcomes: withComparison, summary, failures };
}

const fmt = (x: number | null): string => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toPrecision(6));

function textReport(run: ReturnType<typeof runRm5Analyze>): string {
  const lines: string[] = [];
  for (const o of run.outcomes) {
    lines.push(
      `${o.id} ${o.name} [${o.dataType} ${o.effectMeasure ?? ''} ${o.method ?? ''} ${o.model}]${o.skipped ? ` skipped: ${o.skipped}` : ''}`,
    );
    const ov = o.overall;
    if (ov?.estimable)
      lines.push(
        `  overall ${fmt(ov.estimate)} [${fmt(ov.ciLower)}, ${fmt(ov.ciUpper)}]  Z=${fmt(ov.z)} P=${fmt(ov.p)}  Chi²=${fmt(ov.q)} df=${ov.df} I²=${fmt(ov.i2)}%`,
      );
    if ('comparison' in o) {
      const c = o.comparison;
      lines.push(`  matched ${c.matched}/${c.total} at relative ${REL_TOL}`);
      for (const k of c.checks.filter((x) => !x.ok)) {
        lines.push(
          `    ${k.informational ? (k.explained ? 'P_CHI2 (explained)' : 'P_CHI2') : k.excused ? 'excused' : 'MISMATCH'} ${k.where} ${k.field}: RevMan ${k.revman}, Grove ${k.grove}, rel ${fmt(k.relError)}`,
        );
      }
    }
  }
  if ('summary' in run && run.summary) {
    const s = run.summary;
    lines.push(`TOTAL ${s.matched}/${s.total} matched at relative ${s.tolerance}${s.excused ? ` (${s.excused} excused)` : ''}`);
    lines.push(
      `P_CHI2: RevMan's routine on the stored CHI2 ${s.pChi2.routineOnStoredChi2.matched}/${s.pChi2.routineOnStoredChi2.total}; through Grove's Q ${s.pChi2.throughRecomputedQ.matched}/${s.pChi2.throughRecomputedQ.total} (${s.pChi2.throughRecomputedQ.explained} explained misses)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerRm5(program: Command): void {
  const rm5 = program.command('rm5').description('RevMan 5 files: recompute and check their analyses.');
  rm5
    .command('analyze')
    .description(
      'Recompute every outcome, subgroup and data row of an .rm5 file with its own settings. --compare says how far each number is from the one RevMan stored (relative 1e-9).',
    )
    .argument('<file>', 'a RevMan 5 file (.rm5)')
    .option('--json', 'print JSON (the shapes of `grove meta`)')
    .option('--compare', 'compare with the results RevMan stored in the file; exit code 1 on a mismatch')
    .action((file: string, opts: { json?: boolean; compare?: boolean }) => {
      const run = runRm5Analyze(file, { compare: opts.compare ?? false });
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(run, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`
          : textReport(run),
      );
      if ('failures' in run && run.failures)
        throw new CliError(`${file}: ${run.failures} number(s) differ from RevMan's by more than relative ${REL_TOL}.`, 1);
    });
}
