// Conformance: every analysis of the corpus's RevMan 5 files is recognised by `grove meta`'s
// validation without zod (shared/src/stats/input-fast-path.ts, issue 11) and resolves to
// the AnalysisInput the schema gives, key for key. Skips cleanly without the corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRm5Bytes, parseRm5, rm5OutcomeToAnalysisInput } from '../../shared/src/rm5/index.ts';
import { analysisInputSchema, parseAnalysisInput } from '../../shared/src/stats/index.ts';
import { wellFormedRequest } from '../../shared/src/stats/input-fast-path.ts';
import { findCorpus } from './support/corpus.ts';

const corpus = findCorpus();
const rm5Dir = corpus ? join(corpus, 'rm5') : null;
if (!rm5Dir) console.log('[meta-fast-path] SKIPPED: no corpus (set GROVE_CORPUS or provide ../shared/corpus)');
const files = rm5Dir
  ? readdirSync(rm5Dir)
      .filter((f) => f.endsWith('.rm5'))
      .sort()
  : [];

describe.skipIf(files.length === 0)('grove meta input of the corpus analyses', () => {
  it.each(files)('%s: every analysis takes the fast path and equals the schema’s result', (file) => {
    const review = parseRm5(decodeRm5Bytes(new Uint8Array(readFileSync(join(rm5Dir!, file)))));
    let n = 0;
    for (const cmp of review.comparisons)
      for (const outcome of cmp.outcomes) {
        const conv = rm5OutcomeToAnalysisInput(outcome, review.studies);
        if (!conv.ok || conv.input.rows.length === 0) continue;
        // As `grove meta` reads it: JSON text.
        const json = JSON.parse(JSON.stringify(conv.input)) as unknown;
        expect(wellFormedRequest(json), `${file} ${outcome.name}`).not.toBeNull();
        const schema = analysisInputSchema().safeParse(json);
        expect(schema.success).toBe(true);
        const fast = parseAnalysisInput(json);
        expect(fast).toStrictEqual({ ok: true, input: schema.data });
        expect(JSON.stringify(fast)).toBe(JSON.stringify({ ok: true, input: schema.data }));
        n++;
      }
    expect(n).toBeGreaterThan(0);
  });
});
