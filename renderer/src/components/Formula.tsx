import { createElement, type ReactNode } from 'react';
import { formulaToMath, type MathNode } from './formula-math.ts';

// A calculator's formula typeset as MathML (rendered natively by Chromium and Electron),
// with the formula as written for screen readers and copying. React's JSX types know
// only <math>, so its children are made with createElement.

function render(nodes: readonly MathNode[]): ReactNode[] {
  return nodes.map((n, i) =>
    'text' in n
      ? createElement(n.kind, { key: i }, n.text)
      : createElement(n.kind, { key: i }, ...render([n.base]), createElement('mrow', { key: 'script' }, ...render(n.script))),
  );
}

export function Formula({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className}>
      {createElement('math', { 'aria-label': text, 'data-testid': 'formula' }, createElement('mrow', null, ...render(formulaToMath(text))))}
    </span>
  );
}
