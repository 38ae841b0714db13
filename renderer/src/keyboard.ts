import { STAGES } from './stages/stages.ts';
import { LIST_FILTER_ATTR } from './components/list-filter.ts';
import type { AppStore } from './store/app.ts';

// Global shortcuts. Inside text fields the browser's own undo and redo apply, so Ctrl/Cmd+Z
// (and Ctrl/Cmd+Shift+Z, Ctrl+Y) only mean "undo (redo) the last change" when focus is elsewhere.

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
  '',
]);

export function isTextEntry(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type);
  return false;
}

/** Alt+F: the header's File menu (FileMenu.tsx) listens for this event and opens. */
export const OPEN_FILE_MENU_EVENT = 'grove:open-file-menu';

function modalOpen(): boolean {
  return !!document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]');
}

export function handleShortcut(e: KeyboardEvent, store: AppStore): void {
  if (e.defaultPrevented || e.isComposing) return;
  const s = store.getState();
  const mod = e.ctrlKey || e.metaKey;

  // Alt+1..7: switch stage (e.code, since Option+digit types a symbol on a Mac).
  if (e.altKey && !mod && !e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
    const stage = STAGES.find((x) => x.key === e.code.slice(5));
    if (stage && !modalOpen()) {
      e.preventDefault();
      s.setStage(stage.id);
    }
    return;
  }

  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z') {
    if (isTextEntry(e.target) || modalOpen()) return; // native undo in text fields
    e.preventDefault();
    void s.undo();
    return;
  }

  // Redo: Ctrl/Cmd+Shift+Z, and Ctrl+Y as on Windows.
  const redo =
    (mod && !e.altKey && e.shiftKey && e.key.toLowerCase() === 'z') || (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'y');
  if (redo) {
    if (isTextEntry(e.target) || modalOpen()) return; // native redo in text fields
    e.preventDefault();
    void s.redo();
    return;
  }

  // Ctrl/Cmd+N (browsers keep Ctrl+N for a new window, so Alt+N works too).
  const newStudy =
    (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'n') || (e.altKey && !mod && !e.shiftKey && e.code === 'KeyN');
  if (newStudy) {
    if (s.stage === 'studies' && !modalOpen()) {
      e.preventDefault();
      store.setState((st) => ({ newStudyRequest: st.newStudyRequest + 1 }));
    }
    return;
  }

  // Alt+F: the File menu (e.code, since Option+F types ƒ on a Mac).
  if (e.altKey && !mod && !e.shiftKey && e.code === 'KeyF') {
    if (!modalOpen()) {
      e.preventDefault();
      window.dispatchEvent(new Event(OPEN_FILE_MENU_EVENT));
    }
    return;
  }

  // Alt+S: sync with the team server (e.code, since Option+S types ß on a Mac).
  if (e.altKey && !mod && !e.shiftKey && e.code === 'KeyS') {
    if (!modalOpen()) {
      e.preventDefault();
      void s.sync();
    }
    return;
  }

  // `/`: the filter box of the long list on screen (Studies, the Analyses outline, Records).
  if (e.key === '/' && !mod && !e.altKey && !isTextEntry(e.target) && !modalOpen()) {
    const box = document.querySelector<HTMLInputElement>(`input[${LIST_FILTER_ATTR}]`);
    if (box) {
      e.preventDefault();
      box.focus();
      box.select();
    }
    return;
  }

  if (e.key === '?' && !mod && !e.altKey && !isTextEntry(e.target) && !modalOpen()) {
    e.preventDefault();
    s.setShortcutsOpen(true);
  }
}
