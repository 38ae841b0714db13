// Benchmark (issue 3): recompute a synthetic review of 150 outcomes × 30 studies with
// subgroups under both presets ("RevMan 5" and "Cochrane 2025"); target < 100 ms in total.
import { analyze, parseAnalysisInput, type AnalysisInput } from '../shared/src/stats/index.ts';

/** Small deterministic PRNG (mulberry32) so every run analyses the same review. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES = 150;
const STUDIES = 30;
const SUBGROUPS = ['A', 'B', 'C'];

function syntheticOutcomes(): object[] {
  const r = rng(20250101);
  const out: object[] = [];
  for (let o = 0; o < OUTCOMES; o++) {
    const kind = o % 5; // RR, OR, RD, MD, SMD
    const rows: object[] = [];
    for (let s = 0; s < STUDIES; s++) {
      const subgroup = SUBGROUPS[s % SUBGROUPS.length];
      const n1 = 20 + Math.floor(r() * 300);
      const n2 = 20 + Math.floor(r() * 300);
      if (kind <= 2) {
        const p = 0.05 + r() * 0.4;
        rows.push({
          study: `S${s}`,
          subgroup,
          events1: Math.floor(n1 * p * (0.6 + r() * 0.6)),
          total1: n1,
          events2: Math.floor(n2 * p),
          total2: n2,
        });
      } else {
        rows.push({
          study: `S${s}`,
          subgroup,
          mean1: 10 + r() * 5,
          sd1: 2 + r() * 3,
          total1: n1,
          mean2: 11 + r() * 5,
          sd2: 2 + r() * 3,
          total2: n2,
        });
      }
    }
    const dataType = kind <= 2 ? 'dichotomous' : 'continuous';
    const effectMeasure = ['RR', 'OR', 'RD', 'MD', 'SMD'][kind];
    out.push({ dataType, effectMeasure, rows });
  }
  return out;
}

function prepare(preset: 'revman5' | 'cochrane2025', random: boolean): AnalysisInput[] {
  return syntheticOutcomes().map((o) => {
    const p = parseAnalysisInput({ ...o, preset, ...(preset === 'revman5' && random ? { model: 'random' } : {}) });
    if (!p.ok) throw new Error(p.errors.join('; '));
    return p.input;
  });
}

function timeOnce(inputs: AnalysisInput[][]): number {
  const t0 = performance.now();
  let sink = 0;
  for (const set of inputs) for (const input of set) sink += analyze(input).subgroups.length;
  const t = performance.now() - t0;
  if (sink === 0) throw new Error('nothing computed');
  return t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export default async function run(): Promise<Array<{ name: string; value: number; unit: string; target?: number; note?: string }>> {
  // Validation is outside the timed region: the benchmark measures recomputation.
  const revman5 = prepare('revman5', false);
  const revman5Random = prepare('revman5', true);
  const cochrane = prepare('cochrane2025', false);
  for (let i = 0; i < 5; i++) timeOnce([revman5, cochrane, revman5Random]); // warm-up
  const runs = 15;
  const both: number[] = [];
  const rm: number[] = [];
  const rmRandom: number[] = [];
  const ch: number[] = [];
  for (let i = 0; i < runs; i++) {
    both.push(timeOnce([revman5, cochrane]));
    rm.push(timeOnce([revman5]));
    rmRandom.push(timeOnce([revman5Random]));
    ch.push(timeOnce([cochrane]));
  }
  const note = `${OUTCOMES} outcomes × ${STUDIES} studies in ${SUBGROUPS.length} subgroups (RR/OR/RD/MD/SMD); median of ${runs} runs after warm-up`;
  return [
    { name: 'stats: recompute review, both presets', value: median(both), unit: 'ms', target: 100, note },
    { name: 'stats: recompute review, RevMan 5 (fixed MH/IV)', value: median(rm), unit: 'ms', note },
    { name: 'stats: recompute review, RevMan 5 random (DL)', value: median(rmRandom), unit: 'ms', note },
    { name: 'stats: recompute review, Cochrane 2025 (REML+HKSJ+PI+Q-profile)', value: median(ch), unit: 'ms', note },
  ];
}
