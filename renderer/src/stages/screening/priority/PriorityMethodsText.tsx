import { useState } from 'react';

// The methods paragraph of priority screening, written by the backend from the review's
// stored settings and progress (shared/src/report/priority-screening-methods.ts), to copy into
// the review's methods as the analyses' methods text is.

export function PriorityMethodsText({ text }: { text: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="priority-methods" aria-labelledby="priority-methods-h">
      <h3 id="priority-methods-h">Methods text</h3>
      <p data-testid="priority-methods-text">{text}</p>
      <div className="button-row">
        <button type="button" className="button button--small" onClick={() => void copy()}>
          Copy methods text
        </button>
        <span role="status" className="muted">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'The clipboard is not available: select the text to copy it.'
              : ''}
        </span>
      </div>
    </section>
  );
}
