import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { scanXmlTree } from '../../../shared/src/rm5/xml-scan.ts';
import { parseXmlTree } from '../../../shared/src/rm5/xml-tree.ts';
import { parseRm5Document, parseRm5Review } from '../../../shared/src/rm5/parse.ts';
import { REPO_ROOT } from '../../support/temp.ts';

// The one-pass .rm5 reader (issue 11: `grove rm5 analyze` < 700 ms) must give exactly the
// tree of the validator + fast-xml-parser path whenever it answers, and must not answer
// for anything that path would refuse (it returns null and the caller takes that path).

const FIXTURE = fs.readFileSync(path.join(REPO_ROOT, 'test/stats/fixtures/oe-variance.rm5'), 'latin1');

/** What the slow path makes of the text: the tree, or null when the validator refuses it. */
function slow(xml: string) {
  return XMLValidator.validate(xml) === true ? parseXmlTree(xml) : null;
}

describe('scanXmlTree', () => {
  it('gives the same tree as fast-xml-parser on a RevMan file', () => {
    const tree = scanXmlTree(FIXTURE);
    expect(tree).not.toBeNull();
    expect(tree).toEqual(parseXmlTree(FIXTURE));
  });

  it.each([
    ['entities and references', '<a x="a&amp;b&#10;c" z="&lt;">t &amp; &#233; &#x41; &lt;&gt;&quot;&apos; é</a>'],
    ['white space kept between elements', '<?xml version="1.0"?>\n<a>\n<b x="1" y=\'2\'/>\n  <c></c><d> </d><e>\n</e></a>\n'],
    ['mixed rich text', '<P>a <B>b</B> c<I/></P>'],
    ['CR LF read as LF', '<a x="1"\r\n   y="2"\r\n>t\r\nu\rv</a>'],
    ['spaces around = and before >', '<a x = "1" >t</a >'],
  ])('matches fast-xml-parser: %s', (_label, xml) => {
    expect(scanXmlTree(xml)).toEqual(parseXmlTree(xml));
  });

  it.each([
    ['truncated', FIXTURE.slice(0, FIXTURE.length / 2)],
    ['a mismatched end tag', '<a><b></c></a>'],
    ['text after the root', '<a/>tail'],
    ['two roots', '<a/><b/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['attributes without space between them', '<a x="1"y="2"/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['< in an attribute', '<a x="<"/>'],
    ['an unterminated reference', '<a>&amp</a>'],
  ])('refuses %s (the slow path names the line)', (_label, xml) => {
    expect(scanXmlTree(xml)).toBeNull();
  });

  it.each([
    ['a comment', '<a>x<!-- c -->y</a>'],
    ['CDATA', '<a><![CDATA[x<y]]></a>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['an HTML entity', '<a>&nbsp;</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['a raw control character', '<a>\u0001</a>'],
    ['a byte-order mark', '\uFEFF<a/>'],
  ])('leaves %s to fast-xml-parser', (_label, xml) => {
    expect(scanXmlTree(xml)).toBeNull();
  });

  it('never accepts what the validator refuses, and agrees with the parser on what it accepts (mutated RevMan files)', () => {
    let accepted = 0;
    const chars = ['<', '>', '/', '"', "'", '&', ';', '=', ' ', '\n', 'A', '#', '!', '?', '\r'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(FIXTURE.length), fc.nat(3), fc.constantFrom(...chars)), { minLength: 1, maxLength: 3 }),
        (edits) => {
          let xml = FIXTURE;
          for (const [at, del, ch] of edits) xml = xml.slice(0, at) + ch + xml.slice(at + del);
          const fast = scanXmlTree(xml);
          if (fast === null) return;
          accepted++;
          expect(fast).toEqual(slow(xml));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
    // Many mutations land in text or keep the file well-formed: the comparison is exercised.
    expect(accepted).toBeGreaterThan(15);
  }, 60_000);
});

describe('scanXmlTree with a shape (only the parts asked for are built)', () => {
  const xml = '<r v="1"><keep a="1"><x>t</x></keep><attrs b="2"><y/>text</attrs><gone c="3"><z/></gone><deep><p q="1"><s/></p><o/></deep></r>';

  it('builds whole subtrees, attributes only, named children, and nothing of the rest', () => {
    const tree = scanXmlTree(xml, { keep: true, attrs: 'attrs', deep: { p: 'attrs' } });
    expect(tree).toEqual({
      name: 'r',
      attrs: { v: '1' },
      children: [
        { name: 'keep', attrs: { a: '1' }, children: [{ name: 'x', attrs: {}, children: ['t'] }] },
        { name: 'attrs', attrs: { b: '2' }, children: [] },
        { name: 'deep', attrs: {}, children: [{ name: 'p', attrs: { q: '1' }, children: [] }] },
      ],
    });
    expect(scanXmlTree(xml, { '*': 'attrs' })?.children).toHaveLength(4);
  });

  it.each([
    ['a mismatched end tag', '<r><gone><a></b></gone></r>'],
    ['a duplicate attribute', '<r><gone><a x="1" x="2"/></gone></r>'],
    ['< in an attribute', '<r><gone><a x="<"/></gone></r>'],
    ['an unquoted attribute', '<r><gone><a x=1/></gone></r>'],
    ['a truncated file', '<r><gone><a>'],
  ])('still refuses %s in a part it does not build', (_label, bad) => {
    expect(scanXmlTree(bad, { keep: true })).toBeNull();
  });
});

describe('parseRm5Review', () => {
  it('gives the typed review parseRm5Document gives, without the tree', () => {
    expect(parseRm5Review(FIXTURE)).toEqual(parseRm5Document(FIXTURE).review);
  });
});
