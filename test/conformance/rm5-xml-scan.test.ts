import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRm5Bytes } from '../../shared/src/rm5/decode.ts';
import { scanXmlTree } from '../../shared/src/rm5/xml-scan.ts';
import { parseXmlTree } from '../../shared/src/rm5/xml-tree.ts';
import { parseRm5Document, parseRm5Review } from '../../shared/src/rm5/parse.ts';
import { generate } from '../../bench/rm5.bench.ts';
import { findCorpus } from './support/corpus.ts';

// The one-pass reader that makes `grove rm5 analyze` fast (shared/src/rm5/xml-scan.ts)
// takes every real RevMan file of the corpus itself (no fallback) and gives exactly
// fast-xml-parser's tree and the same typed review, as does the generated 4 MB review.

const corpus = findCorpus();
const dir = corpus ? path.join(corpus, 'rm5') : null;
const files = dir && fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.rm5')) : [];

describe.skipIf(files.length === 0)('the one-pass .rm5 reader on the corpus', () => {
  it.each(files)('%s: same tree and typed review as fast-xml-parser', (name) => {
    const xml = decodeRm5Bytes(new Uint8Array(fs.readFileSync(path.join(dir as string, name))));
    const fast = scanXmlTree(xml);
    expect(fast, 'the reader falls back for a real RevMan file').not.toBeNull();
    expect(fast).toEqual(parseXmlTree(xml));
    expect(parseRm5Review(xml)).toEqual(parseRm5Document(xml).review);
  });

  it('the generated 4 MB review of the benchmark too', () => {
    const source = path.join(dir as string, 'antibiotics-for-sore-throat.rm5');
    if (!fs.existsSync(source)) return;
    const { bytes } = generate(parseXmlTree(decodeRm5Bytes(new Uint8Array(fs.readFileSync(source)))));
    const xml = decodeRm5Bytes(bytes);
    const fast = scanXmlTree(xml);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(parseXmlTree(xml));
  });
});
