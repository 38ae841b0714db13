import { useState } from 'react';

// "Copy methods text" and its spoken result, for any generated paragraph the reviewer pastes
// elsewhere (the analyses' and priority screening's methods text). Where the clipboard is
// refused (an insecure origin, a denied permission) it says to select the text instead.

export function CopyTextButton({ text, label }: { text: string | undefined; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="button-row">
      <button type="button" className="button button--small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="muted">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'The clipboard is not available: select the text to copy it.'
            : ''}
      </span>
    </div>
  );
}
