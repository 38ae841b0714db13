import type { Highlighter } from './highlight.ts';

// A title or abstract with the review's terms marked. The text becomes React text nodes
// and <mark> elements: whatever the record holds is shown as text, never parsed as HTML.

export function Highlighted(props: { text: string; highlighter: Highlighter }) {
  const segments = props.highlighter.segments(props.text);
  return (
    <>
      {segments.map((s, i) =>
        s.kind === null ? (
          s.text
        ) : (
          <mark key={i} className={`screen-term screen-term--${s.kind}`} title={`${s.kind === 'include' ? 'Include' : 'Exclude'} term: ${s.term}`}>
            {s.text}
          </mark>
        ),
      )}
    </>
  );
}
