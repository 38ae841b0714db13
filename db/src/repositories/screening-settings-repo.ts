import { dualSampleSchema, stoppingRuleSchema, type ScreeningStage, type StageSettings, type StoppingRuleArg } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

// The screening settings as stored: one screening_stage row per stage (mode and sample),
// the highlight terms and the priority-screening stopping rule (one row; migrations 0009 and
// 0013) and the full-text exclusion reasons (migration 0009).

export function readStageSettings(db: Db, stage: ScreeningStage): StageSettings {
  const row = cached(db, 'SELECT mode, sample FROM screening_stage WHERE stage = ?').get(stage) as
    { mode: string; sample: string | null } | undefined;
  if (!row || row.mode === 'single' || row.sample === null) return { mode: 'single' };
  // Validated on the way in; a file edited outside Grove gets a message naming the row.
  const sample = dualSampleSchema.safeParse(JSON.parse(row.sample));
  if (!sample.success) throw new Error(`screening_stage ${stage}: the stored sample is not valid (${sample.error.issues[0]?.message})`);
  return { mode: 'dual', sample: sample.data };
}

export function stageSettingsRow(settings: StageSettings): Row {
  return settings.mode === 'single' ? { mode: 'single', sample: null } : { mode: 'dual', sample: JSON.stringify(settings.sample) };
}

export interface HighlightTerms {
  include: string[];
  exclude: string[];
}

export function readHighlightTerms(db: Db): HighlightTerms {
  const row = cached(db, 'SELECT include_terms, exclude_terms FROM screening_settings WHERE singleton = 1').get() as
    { include_terms: string; exclude_terms: string } | undefined;
  if (!row) return { include: [], exclude: [] };
  return { include: JSON.parse(row.include_terms) as string[], exclude: JSON.parse(row.exclude_terms) as string[] };
}

export function highlightRow(terms: HighlightTerms): Row {
  return { include_terms: JSON.stringify(terms.include), exclude_terms: JSON.stringify(terms.exclude) };
}

export function readStoppingRule(db: Db): StoppingRuleArg {
  const row = cached(db, 'SELECT stopping_rule FROM screening_settings WHERE singleton = 1').get() as { stopping_rule: string } | undefined;
  if (!row) throw new Error('screening_settings: the settings row is missing');
  // Validated on the way in; a file edited outside Grove gets a message naming the column.
  const rule = stoppingRuleSchema.safeParse(JSON.parse(row.stopping_rule));
  if (!rule.success) throw new Error(`screening_settings.stopping_rule: the stored rule is not valid (${rule.error.issues[0]?.message})`);
  return rule.data;
}

/** The column as written: the keys in one order, so an unchanged rule is not recorded as a change. */
export function stoppingRuleRow(rule: StoppingRuleArg): Row {
  const canonical =
    rule.kind === 'buffer'
      ? { kind: rule.kind, buffer: rule.buffer }
      : { kind: rule.kind, recall: rule.recall, confidence: rule.confidence };
  return { stopping_rule: JSON.stringify(canonical) };
}

export interface StoredReason {
  id: string;
  position: number;
  label: string;
}

export function readReasons(db: Db): StoredReason[] {
  return cached(db, 'SELECT id, position, label FROM screening_reason ORDER BY position, id').all() as StoredReason[];
}

/** Whether any decision gives the reason (a reason in use cannot be removed). */
export function reasonInUse(db: Db, id: string): boolean {
  return cached(db, 'SELECT 1 FROM screening_decision WHERE reason_id = ? LIMIT 1').get(id) !== undefined;
}
