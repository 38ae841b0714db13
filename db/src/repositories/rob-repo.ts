import type { RobSettings } from '@grove/shared';
import { DEFAULT_ROB1_OVERALL_RULE } from '@grove/shared/rob/rob1-overall';
import {
  emptyRob1Assessment,
  type Rob1Assessment,
  type Rob1DomainEntry,
  type Rob1GroupableDomainEntry,
} from '@grove/shared/rob/rob1-assessment';
import { ROB1_DOMAIN_IDS, isRob1GroupableDomain, type Rob1DomainId } from '@grove/shared/rob/rob1-domains';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

// Risk of bias as stored: one row per (study, domain, outcome group, reviewer slot).
// '' as the outcome group is a study-level judgement. Assembled into the shared/
// Rob1Assessment shape for the API.

type DbRow = Record<string, string | number | null>;

export function readRobSettings(db: Db): RobSettings {
  const r = cached(db, 'SELECT * FROM rob_settings WHERE singleton = 1').get() as DbRow;
  return {
    tool: String(r.tool) as RobSettings['tool'],
    overallRule: {
      keyDomains: JSON.parse(String(r.key_domains)) as RobSettings['overallRule']['keyDomains'],
      fallback: String(r.fallback) as RobSettings['overallRule']['fallback'],
    },
    outcomeGroups: JSON.parse(String(r.outcome_groups)) as RobSettings['outcomeGroups'],
    secondReviewerFraction: Number(r.second_reviewer_fraction),
    sampleSeed: Number(r.sample_seed),
  };
}

export function robSettingsRow(s: RobSettings): Row {
  return {
    tool: s.tool,
    key_domains: JSON.stringify(s.overallRule.keyDomains),
    fallback: s.overallRule.fallback,
    outcome_groups: JSON.stringify(s.outcomeGroups),
    second_reviewer_fraction: s.secondReviewerFraction,
    sample_seed: s.sampleSeed,
  };
}

/** Overwrites the settings row without an audit entry: for a review being created or imported. */
export function writeRobSettings(db: Db, s: RobSettings): void {
  const row = robSettingsRow(s);
  const cols = Object.keys(row);
  db.prepare(`UPDATE rob_settings SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE singleton = 1`).run(...cols.map((c) => row[c] ?? null));
}

/** A new review's settings: RoB 1 with no review-specific key domains (every domain decides). */
export const DEFAULT_ROB_SETTINGS: RobSettings = {
  tool: 'rob1',
  overallRule: { keyDomains: [...DEFAULT_ROB1_OVERALL_RULE.keyDomains], fallback: DEFAULT_ROB1_OVERALL_RULE.fallback },
  outcomeGroups: [],
  secondReviewerFraction: 0.1,
  sampleSeed: 1,
};

export interface Rob1Row {
  id: string;
  study_id: string;
  domain: Rob1DomainId;
  outcome_group: string;
  slot: string;
  judgement: 'low' | 'high' | 'unclear' | null;
  support: string;
  updated_at: string;
}

export function rob1Rows(db: Db, slot: string, studyId?: string): Rob1Row[] {
  return (
    studyId === undefined
      ? cached(db, 'SELECT * FROM rob1_judgement WHERE slot = ? ORDER BY study_id, domain, outcome_group').all(slot)
      : cached(db, 'SELECT * FROM rob1_judgement WHERE slot = ? AND study_id = ? ORDER BY domain, outcome_group').all(slot, studyId)
  ) as Rob1Row[];
}

/** Builds the assessment of one study from its rows. */
export function assembleRob1(rows: readonly Rob1Row[]): Rob1Assessment {
  const a = emptyRob1Assessment() as Record<Rob1DomainId, Rob1GroupableDomainEntry>;
  for (const domain of ROB1_DOMAIN_IDS) {
    const mine = rows.filter((r) => r.domain === domain);
    const grouped = mine.filter((r) => r.outcome_group !== '');
    if (grouped.length > 0 && isRob1GroupableDomain(domain)) {
      a[domain] = {
        level: 'outcome-group',
        groups: grouped.map((r) => ({ outcomeGroup: r.outcome_group, judgement: r.judgement, support: r.support })),
      };
    } else {
      const study = mine.find((r) => r.outcome_group === '');
      if (study) a[domain] = { level: 'study', judgement: study.judgement, support: study.support } satisfies Rob1DomainEntry;
    }
  }
  return a as Rob1Assessment;
}

/** The rows one domain entry stands for. */
export function entryRows(entry: Rob1GroupableDomainEntry): { outcomeGroup: string; judgement: Rob1Row['judgement']; support: string }[] {
  if (entry.level === 'study') return [{ outcomeGroup: '', judgement: entry.judgement, support: entry.support }];
  return entry.groups.map((g) => ({ outcomeGroup: g.outcomeGroup, judgement: g.judgement, support: g.support }));
}
