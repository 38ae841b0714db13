import * as z from 'zod';

// GRADE certainty of a body of evidence (reference grade-sof.md §3): start at High for
// randomised trials (Low for non-randomised), rate down for five domains, up for three,
// clamp to Very low…High. GRADE calls this a judgement, not arithmetic, so the computed
// level is a proposal the reviewer may override with a reason (§3.4 [rec]).

export const CERTAINTY_LEVELS = ['very-low', 'low', 'moderate', 'high'] as const;
export type CertaintyLevel = (typeof CERTAINTY_LEVELS)[number];

export const DOWNGRADE_DOMAINS = ['riskOfBias', 'inconsistency', 'indirectness', 'imprecision', 'publicationBias'] as const;
export type DowngradeDomain = (typeof DOWNGRADE_DOMAINS)[number];
export const UPGRADE_DOMAINS = ['largeEffect', 'doseResponse', 'residualConfounding'] as const;
export type UpgradeDomain = (typeof UPGRADE_DOMAINS)[number];

export const DOMAIN_LABELS: Readonly<Record<DowngradeDomain | UpgradeDomain, string>> = {
  riskOfBias: 'risk of bias',
  inconsistency: 'inconsistency',
  indirectness: 'indirectness',
  imprecision: 'imprecision',
  publicationBias: 'publication bias',
  largeEffect: 'large magnitude of effect',
  doseResponse: 'dose–response gradient',
  residualConfounding: 'plausible residual confounding',
};

/** Most levels a domain may move the rating (imprecision: up to three, Core GRADE 2025). */
export const MAX_LEVELS: Readonly<Record<DowngradeDomain | UpgradeDomain, number>> = {
  riskOfBias: 2,
  inconsistency: 2,
  indirectness: 2,
  imprecision: 3,
  publicationBias: 2,
  largeEffect: 2,
  doseResponse: 1,
  residualConfounding: 1,
};

const rating = z.object({ levels: z.int().min(0).max(3), reason: z.string().max(2000) });

export const gradeAssessmentSchema = z
  .object({
    design: z.enum(['randomised', 'non-randomised']),
    down: z.object({
      riskOfBias: rating,
      inconsistency: rating,
      indirectness: rating,
      imprecision: rating,
      publicationBias: rating,
    }),
    up: z.object({ largeEffect: rating, doseResponse: rating, residualConfounding: rating }),
    /** The reviewer's level when it differs from the computed one, with why. */
    override: z
      .object({ level: z.enum(CERTAINTY_LEVELS), reason: z.string().trim().min(1, 'say why the computed level is overridden') })
      .nullable(),
    importance: z.enum(['critical', 'important', 'not-important']),
    comment: z.string().max(2000),
  })
  .superRefine((a, ctx) => {
    for (const d of DOWNGRADE_DOMAINS) {
      const r = a.down[d];
      if (r.levels > MAX_LEVELS[d])
        ctx.addIssue({ code: 'custom', path: ['down', d, 'levels'], message: `at most ${MAX_LEVELS[d]} levels for ${DOMAIN_LABELS[d]}` });
      if (r.levels > 0 && !r.reason.trim())
        ctx.addIssue({ code: 'custom', path: ['down', d, 'reason'], message: `every rating down needs a reason (GRADE footnote)` });
    }
    for (const d of UPGRADE_DOMAINS) {
      const r = a.up[d];
      if (r.levels > MAX_LEVELS[d])
        ctx.addIssue({ code: 'custom', path: ['up', d, 'levels'], message: `at most ${MAX_LEVELS[d]} levels for ${DOMAIN_LABELS[d]}` });
      if (r.levels > 0 && !r.reason.trim())
        ctx.addIssue({ code: 'custom', path: ['up', d, 'reason'], message: `every rating up needs a reason (GRADE footnote)` });
    }
  });
export type GradeAssessment = z.infer<typeof gradeAssessmentSchema>;

export function emptyGradeAssessment(design: GradeAssessment['design'] = 'randomised'): GradeAssessment {
  const none = () => ({ levels: 0, reason: '' });
  return {
    design,
    down: { riskOfBias: none(), inconsistency: none(), indirectness: none(), imprecision: none(), publicationBias: none() },
    up: { largeEffect: none(), doseResponse: none(), residualConfounding: none() },
    override: null,
    importance: 'critical',
    comment: '',
  };
}

/** §3.4: score = start − down + up, clamped to 1–4. */
export function computedCertainty(a: GradeAssessment): CertaintyLevel {
  const start = a.design === 'randomised' ? 4 : 2;
  const down = DOWNGRADE_DOMAINS.reduce((s, d) => s + a.down[d].levels, 0);
  const up = UPGRADE_DOMAINS.reduce((s, d) => s + a.up[d].levels, 0);
  const score = Math.min(4, Math.max(1, start - down + up));
  return CERTAINTY_LEVELS[score - 1]!;
}

export function finalCertainty(a: GradeAssessment): CertaintyLevel {
  return a.override?.level ?? computedCertainty(a);
}

/** §4.1–4.2: GRADEpro's symbols (U+2A01, U+25EF) and upper-case label. */
export function certaintyDisplay(level: CertaintyLevel, style: 'gradepro' | 'cochrane' = 'gradepro'): string {
  const filled = CERTAINTY_LEVELS.indexOf(level) + 1;
  const [on, off] = style === 'gradepro' ? ['⨁', '◯'] : ['⊕', '⊝'];
  return `${on.repeat(filled)}${off.repeat(4 - filled)} ${level.replace('-', ' ').toUpperCase()}`;
}

/** §5: one footnote per domain rated down or up, naming domain, levels and reason. */
export function certaintyFootnotes(a: GradeAssessment): string[] {
  const words = ['', 'one level', 'two levels', 'three levels'];
  const notes: string[] = [];
  for (const d of DOWNGRADE_DOMAINS) {
    const r = a.down[d];
    if (r.levels > 0) notes.push(`Downgraded ${words[r.levels]} for ${DOMAIN_LABELS[d]}: ${r.reason.trim().replace(/\.$/, '')}.`);
  }
  for (const d of UPGRADE_DOMAINS) {
    const r = a.up[d];
    if (r.levels > 0) notes.push(`Upgraded ${words[r.levels]} for ${DOMAIN_LABELS[d]}: ${r.reason.trim().replace(/\.$/, '')}.`);
  }
  if (a.override)
    notes.push(
      `Certainty judged ${a.override.level.replace('-', ' ')} rather than the computed ${computedCertainty(a).replace('-', ' ')}: ${a.override.reason.trim().replace(/\.$/, '')}.`,
    );
  return notes;
}
