import type { DualSample, ScreeningSettings, ScreeningSettingsPatch, ScreeningStage, StageSettings } from '@grove/shared';

// The screening settings form as the user types it, and the patch it sends: percentages
// as typed ("10"), checked here with the reason shown beside the field, and the backend's
// own schema checks them again.

export type SampleKind = DualSample['kind'];

export interface StageDraft {
  readonly mode: StageSettings['mode'];
  readonly sample: SampleKind;
  /** Percent of records: the fraction (random, or of the excluded) or the first N %. */
  readonly percent: string;
  readonly seed: string;
}

export interface ReasonDraft {
  /** The stored reason's id; absent for a reason added here. */
  readonly id?: string;
  readonly label: string;
}

export interface SettingsDraft {
  readonly stages: Readonly<Record<ScreeningStage, StageDraft>>;
  readonly include: string;
  readonly exclude: string;
  readonly reasons: readonly ReasonDraft[];
}

export const SAMPLE_LABELS: Readonly<Record<SampleKind, string>> = {
  all: 'Every record, in duplicate',
  'random-fraction': 'A random sample (percent, seed)',
  'first-percent': 'The first N % of records',
  'included-plus-excluded-fraction': 'Every inclusion plus a random % of exclusions',
};

function stageDraft(s: StageSettings): StageDraft {
  if (s.mode === 'single') return { mode: 'single', sample: 'all', percent: '10', seed: '1' };
  const sample = s.sample;
  switch (sample.kind) {
    case 'all':
      return { mode: 'dual', sample: 'all', percent: '10', seed: '1' };
    case 'first-percent':
      return { mode: 'dual', sample: sample.kind, percent: String(sample.percent), seed: '1' };
    default:
      return { mode: 'dual', sample: sample.kind, percent: String(Math.round(sample.fraction * 1e6) / 1e4), seed: String(sample.seed) };
  }
}

export function draftOf(s: ScreeningSettings): SettingsDraft {
  return {
    stages: { 'title-abstract': stageDraft(s.stages['title-abstract']), 'full-text': stageDraft(s.stages['full-text']) },
    include: s.highlight.include.join('\n'),
    exclude: s.highlight.exclude.join('\n'),
    reasons: s.exclusionReasons.map((r) => ({ id: r.id, label: r.label })),
  };
}

export type Problems = Readonly<Record<string, string>>;

function stageSettings(d: StageDraft, field: string, problems: Record<string, string>): StageSettings | null {
  if (d.mode === 'single') return { mode: 'single' };
  if (d.sample === 'all') return { mode: 'dual', sample: { kind: 'all' } };
  const percent = Number(d.percent.trim().replace(',', '.'));
  if (d.percent.trim() === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
    problems[`${field}.percent`] = 'a percentage more than 0 and at most 100';
    return null;
  }
  if (d.sample === 'first-percent') return { mode: 'dual', sample: { kind: 'first-percent', percent } };
  const seed = Number(d.seed.trim());
  if (!/^\d+$/.test(d.seed.trim()) || seed > 2 ** 31 - 1) {
    problems[`${field}.seed`] = 'a whole number from 0 to 2147483647';
    return null;
  }
  return { mode: 'dual', sample: { kind: d.sample, fraction: percent / 100, seed } };
}

const terms = (text: string) => [...new Set(text.split('\n').map((t) => t.trim()).filter((t) => t !== ''))];

/** The patch of the whole form, or what is wrong with it, field by field. */
export function patchOf(d: SettingsDraft): { ok: true; patch: ScreeningSettingsPatch } | { ok: false; problems: Problems } {
  const problems: Record<string, string> = {};
  const ta = stageSettings(d.stages['title-abstract'], 'title-abstract', problems);
  const ft = stageSettings(d.stages['full-text'], 'full-text', problems);
  const reasons = d.reasons.map((r) => ({ ...(r.id ? { id: r.id } : {}), label: r.label.trim() }));
  reasons.forEach((r, i) => {
    if (r.label === '') problems[`reasons.${i}`] = 'a reason needs a label (or remove it)';
  });
  const seen = new Map<string, number>();
  reasons.forEach((r, i) => {
    const k = r.label.toLowerCase();
    if (k !== '' && seen.has(k)) problems[`reasons.${i}`] = `the same as reason ${seen.get(k)! + 1}`;
    else seen.set(k, i);
  });
  if (!ta || !ft || Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    patch: {
      stages: { 'title-abstract': ta, 'full-text': ft },
      highlight: { include: terms(d.include), exclude: terms(d.exclude) },
      exclusionReasons: reasons,
    },
  };
}
