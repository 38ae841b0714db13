import type { ApiIssue } from '../api/errors.ts';

// What must be unique in a review document, checked before anything is written, so that
// a duplicate is reported with its path and id instead of the database's "UNIQUE constraint
// failed" (issue 11). Every list of records with a string `id` keeps its ids unique across
// all lists at the same place (every study's reports share one id space), and the lists
// below are also keyed by other fields, as the review file keys them.

const COMPOSITE_KEYS: Record<string, readonly string[][]> = {
  'characteristics.*': [['studyId', 'fieldId', 'slot']],
  'studyData.results.*': [['studyOutcomeId', 'timepointId', 'armId']],
  'revman.studies.*': [['studyId'], ['rm5Id']],
  'revman.robItems.*': [['rm5Id']],
  'revman.robEntries.*': [['itemId', 'studyId', 'groupRm5Id']],
  'revman.parts.*': [['key']],
  'grade.*': [['analysisId']],
  'screening.decisions.*': [['recordId', 'stage', 'slot']],
  'screening.notRetrieved.*': [['recordId']],
  'fullTexts.blobs.*': [['sha256']],
  'studyLinkRejections.*': [['recordA', 'recordB']],
};

/** Duplicate ids and keys in a review document, each naming the path, the id and where it was first used. */
export function duplicateKeyIssues(doc: unknown): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const firstSeen = new Map<string, string>();
  const note = (pattern: string, what: string, value: string, at: string) => {
    const key = `${pattern}\u0000${what}\u0000${value}`;
    const first = firstSeen.get(key);
    if (first === undefined) firstSeen.set(key, at);
    else issues.push({ path: at, message: `duplicate ${what} ${value} (also at ${first})` });
  };
  const walk = (value: unknown, path: string[], pattern: string[]) => {
    if (Array.isArray(value)) {
      const p = [...pattern, '*'].join('.');
      value.forEach((item, i) => {
        const at = [...path, String(i)];
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
          const rec = item as Record<string, unknown>;
          if (typeof rec.id === 'string') note(p, 'id', rec.id, [...at, 'id'].join('.'));
          for (const fields of COMPOSITE_KEYS[p] ?? []) {
            const parts = fields.map((f) => rec[f]);
            if (parts.every((x) => typeof x === 'string' || typeof x === 'number'))
              note(p, fields.join(' + '), parts.map(String).join(' + '), at.join('.'));
          }
        }
        walk(item, at, [...pattern, '*']);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], [...pattern, k]);
    }
  };
  walk(doc, [], []);
  return issues;
}
