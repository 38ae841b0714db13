// The calculators' formulas ("SD = √N·(U − L)/(2·t_{N−1, 1−α/2})") as a MathML tree, so
// that subscripts and superscripts are typeset instead of shown as "_{…}" and "^…". The
// notation is the one the calculators write (shared/src/stats/calculators): X_{…} or X_word
// for a subscript, X^{…} or X^number for a superscript; everything else is kept as written.

export type MathNode =
  | { kind: 'mi' | 'mn' | 'mo' | 'mtext'; text: string }
  | { kind: 'msub'; base: MathNode; script: MathNode[] }
  | { kind: 'msup'; base: MathNode; script: MathNode[] };

const WORD = /^[\p{L}⁻¹²³]+/u;
const NUMBER = /^\d+(?:\.\d+)?/;
const SCRIPT_WORD = /^[\p{L}\d.]+/u;

/** The closing brace matching the "{" at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

export function formulaToMath(formula: string): MathNode[] {
  const out: MathNode[] = [];
  let s = formula;
  while (s.length > 0) {
    const c = s[0]!;
    if ((c === '_' || c === '^') && out.length > 0) {
      let inner: string;
      if (s[1] === '{' && closing(s, 1) > 0) {
        const end = closing(s, 1);
        inner = s.slice(2, end);
        s = s.slice(end + 1);
      } else {
        const m = SCRIPT_WORD.exec(s.slice(1));
        if (!m) {
          out.push({ kind: 'mo', text: c });
          s = s.slice(1);
          continue;
        }
        inner = m[0];
        s = s.slice(1 + inner.length);
      }
      const base = out.pop()!;
      out.push({ kind: c === '_' ? 'msub' : 'msup', base, script: formulaToMath(inner) });
      continue;
    }
    const word = WORD.exec(s);
    if (word) {
      out.push({ kind: 'mi', text: word[0] });
      s = s.slice(word[0].length);
      continue;
    }
    const num = NUMBER.exec(s);
    if (num) {
      out.push({ kind: 'mn', text: num[0] });
      s = s.slice(num[0].length);
      continue;
    }
    if (c === ' ') {
      s = s.slice(1);
      continue;
    }
    out.push({ kind: 'mo', text: c });
    s = s.slice(1);
  }
  return out;
}
