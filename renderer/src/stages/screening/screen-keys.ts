import { isTextEntry } from '../../keyboard.ts';

// Whether a key press is the screening view's to take: not typed into a field, not while a
// dialog is open, and not a key a focused control uses itself. A select takes letters (it
// jumps to an option); tabs, radios and checkboxes take only arrows, Home and End (and
// Space), so after clicking a tab or the stage switch the decision keys work at once.

const NAVIGATION = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ']);

export function keyIsForView(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.isComposing) return false;
  const t = e.target;
  if (isTextEntry(t) || t instanceof HTMLSelectElement) return false;
  if (NAVIGATION.has(e.key)) {
    if (t instanceof HTMLInputElement) return false;
    if (t instanceof HTMLElement && t.closest('[role="tablist"], [role="menu"], [role="listbox"], [role="radiogroup"]')) return false;
  }
  return !document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]');
}
