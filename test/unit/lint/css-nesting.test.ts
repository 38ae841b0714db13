import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/temp.ts';

// The renderer's CSS is plain CSS: no rule inside another rule (only inside @media,
// @supports and the like). A lost "}" silently nests every later rule under the one left
// open — a merge did exactly that and the print styles stopped applying — and CSS
// tooling accepts it as native nesting, so this guard looks for it.

function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? cssFiles(p) : e.name.endsWith('.css') ? [p] : [];
  });
}

/** The selectors of rules opened inside another (non-at-rule) rule, with their line. */
export function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const stack: Array<'at' | 'rule'> = [];
  const found: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      const head = text.slice(start, i).trim();
      const kind = head.startsWith('@') ? 'at' : 'rule';
      if (kind === 'rule' && stack.includes('rule')) found.push(`line ${text.slice(0, i).split('\n').length}: ${head}`);
      stack.push(kind);
      start = i + 1;
    } else if (ch === '}') {
      stack.pop();
      start = i + 1;
    } else if (ch === ';') start = i + 1;
  }
  if (stack.length > 0) found.push(`end of file: ${stack.length} block(s) not closed`);
  return found;
}

describe('renderer CSS', () => {
  it('finds a rule left open by a lost brace (the guard itself)', () => {
    expect(nestedRules('.a { color: red;\n.b { color: blue; }\n}')).toEqual(['line 2: .b']);
    expect(nestedRules('@media print { .a { color: red; } }')).toEqual([]);
    expect(nestedRules('.a { color: red; }\n.b {')).toEqual(['end of file: 1 block(s) not closed']);
  });

  it('has no rule nested in another rule and no block left open', () => {
    const problems = cssFiles(path.join(REPO_ROOT, 'renderer', 'src')).flatMap((f) =>
      nestedRules(fs.readFileSync(f, 'utf8')).map((p) => `${path.relative(REPO_ROOT, f)}, ${p}`),
    );
    expect(problems).toEqual([]);
  });
});
