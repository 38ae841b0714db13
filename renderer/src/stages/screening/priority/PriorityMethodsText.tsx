import { CopyTextButton } from '../../../components/CopyTextButton.tsx';

// The methods paragraph of priority screening, written by the backend from the review's
// stored settings and progress (shared/src/report/priority-screening-methods.ts), to copy into
// the review's methods as the analyses' methods text is.

export function PriorityMethodsText({ text }: { text: string }) {
  return (
    <section className="priority-methods" aria-labelledby="priority-methods-h">
      <h3 id="priority-methods-h">Methods text</h3>
      <p data-testid="priority-methods-text">{text}</p>
      <CopyTextButton text={text} label="Copy methods text" />
    </section>
  );
}
