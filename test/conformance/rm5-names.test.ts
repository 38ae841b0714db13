// Names keep their markup through import → export for every corpus .rm5 (issue 10): each
// NAME, group and graph label and IV EFFECT_MEASURE of a comparison, outcome, subgroup,
// risk-of-bias item and outcome group is written back with exactly the inner XML RevMan
// wrote. Prints how many names carry markup. Skips cleanly without the corpus.
import { readdirSync, readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRm5Bytes } from '../../shared/src/rm5/decode.ts';
import { childElements, el, parseXmlTree, writeXmlDocument, type XmlElement } from '../../shared/src/rm5/xml-tree.ts';
import { importRm5 } from '../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../db/src/rm5/load-rm5.ts';
import { rm5Text } from '../../db/src/rm5/export-rm5.ts';
import { namesWithMarkup } from '../support/rm5-names.ts';
import { tempDir } from '../support/temp.ts';
import { findCorpus } from './support/corpus.ts';

const corpus = findCorpus();
const rm5Dir = corpus ? join(corpus, 'rm5') : null;
const files = rm5Dir
  ? readdirSync(rm5Dir)
      .filter((f) => f.endsWith('.rm5'))
      .sort()
  : [];
const { dir, cleanup } = tempDir('grove-rm5-names-');
afterAll(cleanup);

/** The file with markup added to every name (the corpus names have none): `<I>…</I>` around the text and a `<SUB>2</SUB>` after it. */
function withMarkedNames(xml: string): string {
  const root = parseXmlTree(xml);
  const names = new Set(['NAME', 'GROUP_LABEL_1', 'GROUP_LABEL_2', 'GRAPH_LABEL_1', 'GRAPH_LABEL_2', 'EFFECT_MEASURE']);
  const owners = /^(COMPARISON|[A-Z]+_OUTCOME|[A-Z]+_SUBGROUP|QUALITY_ITEM|QUALITY_ITEM_DATA_ENTRY_GROUP)$/;
  const walk = (e: XmlElement): void => {
    for (const c of childElements(e)) {
      if (owners.test(e.name) && names.has(c.name)) c.children = [el('I', {}, c.children), el('SUB', {}, ['2'])];
      else walk(c);
    }
  };
  walk(root);
  return writeXmlDocument(root);
}

let n = 0;
describe.skipIf(!corpus)('RM5 names keep their markup on the corpus', () => {
  for (const [variant, prepare] of [
    ['as found', (x: string) => x],
    ['with markup added to every name', withMarkedNames],
  ] as const)
    for (const file of files) {
      it(`${file} (${variant}): every name is exported with the markup it was imported with`, () => {
        const original = prepare(decodeRm5Bytes(readFileSync(join(rm5Dir as string, file))));
        const { review } = importRm5(parseRm5Text(file, original), path.join(dir, `n${n++}.grove`));
        const exported = rm5Text(review.db);
        review.close();
        const before = namesWithMarkup(parseXmlTree(original));
        const after = namesWithMarkup(parseXmlTree(exported));
        const marked = [...before.values()].filter((x) => /<[A-Z]/.test(x)).length;
        console.log(`[rm5-names] ${file} (${variant}): ${before.size} names, ${marked} with markup`);
        if (variant !== 'as found') expect(marked).toBe(before.size);
        expect(before.size).toBeGreaterThan(0);
        expect(after).toEqual(before);
      });
    }
});

describe.skipIf(!!corpus)('RM5 names on the corpus — skipped', () => {
  it.skip('corpus not found: set GROVE_CORPUS or provide ../shared/corpus', () => {});
});
