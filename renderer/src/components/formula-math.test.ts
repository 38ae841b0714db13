import { describe, expect, it } from 'vitest';
import { formulaToMath } from './formula-math.ts';

describe('calculator formulas as MathML', () => {
  it('typesets a braced subscript as a subscript of the symbol before it', () => {
    const nodes = formulaToMath('SD = √N·(U − L)/(2·t_{N−1, 1−α/2})');
    const sub = nodes.find((n) => n.kind === 'msub');
    expect(sub).toEqual({
      kind: 'msub',
      base: { kind: 'mi', text: 't' },
      script: [
        { kind: 'mi', text: 'N' },
        { kind: 'mo', text: '−' },
        { kind: 'mn', text: '1' },
        { kind: 'mo', text: ',' },
        { kind: 'mn', text: '1' },
        { kind: 'mo', text: '−' },
        { kind: 'mi', text: 'α' },
        { kind: 'mo', text: '/' },
        { kind: 'mn', text: '2' },
      ],
    });
    expect(nodes.slice(0, 4)).toEqual([
      { kind: 'mi', text: 'SD' },
      { kind: 'mo', text: '=' },
      { kind: 'mo', text: '√' },
      { kind: 'mi', text: 'N' },
    ]);
    expect(JSON.stringify(nodes)).not.toContain('_');
  });

  it('takes a word subscript and a number superscript, and leaves everything else as written', () => {
    expect(formulaToMath('SD_change²')).toEqual([
      { kind: 'msub', base: { kind: 'mi', text: 'SD' }, script: [{ kind: 'mi', text: 'change' }] },
      { kind: 'mi', text: '²' },
    ]);
    expect(formulaToMath('n^0.75')).toEqual([{ kind: 'msup', base: { kind: 'mi', text: 'n' }, script: [{ kind: 'mn', text: '0.75' }] }]);
    expect(formulaToMath('_x')).toEqual([
      { kind: 'mo', text: '_' },
      { kind: 'mi', text: 'x' },
    ]);
  });
});
