import { isTextEntry } from '../../keyboard.ts';

// Whether a key press is the screening view's to take: not typed into a field or a control
// that uses letters and arrows itself (selects, radios, tabs), not while a dialog is open.

export function keyIsForView(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.isComposing) return false;
  const t = e.target;
  if (isTextEntry(t)) return false;
  if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement) return false;
  if (t instanceof HTMLElement && t.closest('[role="tablist"], [role="menu"], [role="listbox"], [role="radiogroup"]')) return false;
  return !document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]');
}
