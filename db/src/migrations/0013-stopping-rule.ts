import type { Db } from '../connection.ts';

// Schema v13: the review's stopping rule for priority screening (issue 15,
// docs/priority-screening.md), kept with the other screening settings so that it is the
// review's choice, recorded in its methods text and the same for every reviewer. JSON,
// validated by the contract's schema on the way in: {"kind": "buffer", "buffer": N} or
// {"kind": "hypergeometric", "recall": τ, "confidence": c}. Existing reviews get the rule the
// workbench offered until now (Callaghan–Müller-Hansen, 95% recall at 95% confidence).

export const version = 13;
export const name = 'stopping-rule';

export function migrate(db: Db): void {
  db.exec(`
    ALTER TABLE screening_settings ADD COLUMN stopping_rule TEXT NOT NULL
      DEFAULT '{"kind":"hypergeometric","recall":0.95,"confidence":0.95}'
      CHECK (json_type(stopping_rule) = 'object');
  `);
}
