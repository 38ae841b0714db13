import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { errorMessage, useClient } from '../api/client.ts';
import { OPEN_FILE_MENU_EVENT } from '../keyboard.ts';
import { useAppInfo, useWorkspace } from '../data/queries.ts';
import { useAppStore } from '../store/app.ts';
import { downloadBlob } from './exporting.tsx';
import { ImportRevmanDialog, page } from './ImportRevmanDialog.tsx';
import { NewReviewDialog, OpenReviewDialog, SaveCopyDialog } from './ReviewFileDialogs.tsx';
import { MergeCopyDialog } from './merge/MergeCopyDialog.tsx';
import { MergeConflictsDialog } from './merge/MergeConflictsDialog.tsx';

// File in the header. In the browser host (which has no native menu): new review, open
// review (from the Grove data folder or uploaded), the recent reviews and save a copy, as
// the desktop app's own File menu has (electron/menu.ts). In both hosts: import a RevMan
// file as a new review, export the open one for RevMan. A menu button after the WAI-ARIA pattern: Enter, Space or ↓ opens it on the
// first item, ↑ on the last; ↑ ↓ Home End move, Enter or Space runs an item, Esc closes
// and gives focus back to the button, Tab closes. Alt+F (keyboard.ts) opens it too.

interface Item {
  readonly id: string;
  readonly label: string;
  readonly group?: string;
  /** A separator line before the item (where no group heading gives one). */
  readonly separator?: boolean;
  /** Why it cannot run yet; the item is shown, focusable and announced as unavailable. */
  readonly disabled?: boolean;
  readonly run?: () => void;
}

/** Recent reviews shown in the menu (the open one left out). */
const RECENT_IN_MENU = 5;

/** The bytes of a base64 string, as they are (no text decoding). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function FileMenu() {
  const client = useClient();
  const store = useAppStore();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [importOpen, setImportOpen] = useState(false);
  const [dialog, setDialog] = useState<'new' | 'open' | 'copy' | null>(null);
  const [merging, setMerging] = useState<'copy' | 'conflicts' | null>(null);
  // The page's own file commands: only where the host has no native menu (grove serve).
  const inPage = useAppInfo().data?.host === 'http';
  const workspace = useWorkspace(inPage);
  const refetchWorkspace = workspace.refetch;
  const [exporting, setExporting] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const itemRefs = useRef<(HTMLLIElement | null)[]>([]);
  const menuId = useId();

  const exportRm5 = useCallback(async () => {
    setExporting(true);
    try {
      // Edits still waiting for their autosave belong in the exported file.
      await store.getState().flushAll();
      const { fileName, contentBase64 } = await client.call('files.exportRevman', {});
      // RevMan files are ISO-8859-1: hand over the bytes exactly as the backend wrote them.
      downloadBlob(fileName, new Blob([base64Bytes(contentBase64)], { type: 'application/xml' }));
      store.getState().pushToast({ title: `Exported ${fileName}`, description: 'RevMan 5 file, in your downloads.' });
    } catch (err) {
      store.getState().pushToast({ title: 'Could not export the RevMan file', description: errorMessage(err), tone: 'error' });
    } finally {
      setExporting(false);
    }
  }, [client, store]);

  const exportWeb = useCallback(async () => {
    setExporting(true);
    try {
      await store.getState().flushAll();
      const { fileName, contentBase64, files } = await client.call('files.exportRevmanWeb', {});
      downloadBlob(fileName, new Blob([base64Bytes(contentBase64)], { type: 'application/zip' }));
      store
        .getState()
        .pushToast({ title: `Exported ${fileName}`, description: `RevMan Web files (${files.join(', ')}), in your downloads.` });
    } catch (err) {
      store.getState().pushToast({ title: 'Could not export for RevMan Web', description: errorMessage(err), tone: 'error' });
    } finally {
      setExporting(false);
    }
  }, [client, store]);

  const openRecent = useCallback(
    async (file: string) => {
      try {
        await store.getState().flushAll();
        await client.call('workspace.open', { path: file });
        page.reload();
      } catch (err) {
        store.getState().pushToast({ title: 'Could not open the review', description: errorMessage(err), tone: 'error' });
      }
    },
    [client, store],
  );

  const recent = (workspace.data?.recent ?? []).filter((f) => !f.open).slice(0, RECENT_IN_MENU);
  const fileItems: Item[] = inPage
    ? [
        { id: 'new', label: 'New review…', run: () => setDialog('new') },
        { id: 'open', label: 'Open review…', run: () => setDialog('open') },
        ...(recent.length === 0
          ? [{ id: 'recent-none', label: 'No recent reviews', group: 'Recent', disabled: true }]
          : recent.map((f) => ({
              id: `recent-${f.path}`,
              label: f.modifiedAt === null ? `${f.name} (missing)` : f.name,
              group: 'Recent',
              disabled: f.modifiedAt === null,
              run: () => void openRecent(f.path),
            }))),
        { id: 'save-copy', label: 'Save a copy as…', separator: true, run: () => setDialog('copy') },
      ]
    : [];

  const items: Item[] = [
    ...fileItems,
    { id: 'import', label: 'Import RevMan file…', separator: inPage, run: () => setImportOpen(true) },
    { id: 'merge', label: 'Merge a reviewer’s copy…', run: () => setMerging('copy') },
    { id: 'merge-conflicts', label: 'Merge conflicts…', run: () => setMerging('conflicts') },
    { id: 'team-server', label: 'Team server…', run: () => store.getState().setSyncSetupOpen(true) },
    {
      id: 'export-rm5',
      label: exporting ? 'RevMan 5 (.rm5) — exporting…' : 'RevMan 5 (.rm5)',
      group: 'Export',
      disabled: exporting,
      run: () => void exportRm5(),
    },
    {
      id: 'export-web',
      label: exporting ? 'RevMan Web (.zip of RIS and CSV) — exporting…' : 'RevMan Web (.zip of RIS and CSV)',
      group: 'Export',
      disabled: exporting,
      run: () => void exportWeb(),
    },
  ];

  const openMenu = useCallback(
    (at: 'first' | 'last') => {
      setActive(at === 'first' ? 0 : -1);
      setOpen(true);
      // The recent list and the folder change outside this page: read them afresh.
      if (inPage) void refetchWorkspace();
    },
    [inPage, refetchWorkspace],
  );

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  // Alt+F from anywhere (see keyboard.ts).
  useEffect(() => {
    const onOpen = () => {
      openMenu('first');
    };
    window.addEventListener(OPEN_FILE_MENU_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_FILE_MENU_EVENT, onOpen);
  }, [openMenu]);

  // Focus follows the active item while the menu is open.
  useEffect(() => {
    if (!open) return;
    const count = itemRefs.current.length;
    const index = active < 0 ? count - 1 : Math.min(active, count - 1);
    itemRefs.current[index]?.focus();
  }, [open, active]);

  // A click outside closes the menu (focus stays where the click put it).
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent | MouseEvent) => {
      const t = e.target as Node | null;
      if (t && (menuRef.current?.contains(t) || buttonRef.current?.contains(t))) return;
      setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const runItem = (item: Item) => {
    if (item.disabled || !item.run) return;
    close(true);
    item.run();
  };

  const onButtonKey = (e: ReactKeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openMenu('first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openMenu('last');
    }
  };

  const onMenuKey = (e: ReactKeyboardEvent<HTMLUListElement>) => {
    const n = items.length;
    const current = active < 0 ? n - 1 : active;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setActive((current + 1) % n);
        break;
      case 'ArrowUp':
        e.preventDefault();
        setActive((current - 1 + n) % n);
        break;
      case 'Home':
        e.preventDefault();
        setActive(0);
        break;
      case 'End':
        e.preventDefault();
        setActive(n - 1);
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const item = items[current];
        if (item) runItem(item);
        break;
      }
      default:
        break;
    }
  };

  let lastGroup: string | undefined;
  // The list's length follows the recent reviews: drop refs of items no longer shown.
  itemRefs.current.length = items.length;
  return (
    <div className="file-menu">
      <button
        ref={buttonRef}
        type="button"
        className={`button button--ghost file-menu__button${open ? ' is-open' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-keyshortcuts="Alt+F"
        onClick={() => (open ? close(false) : openMenu('first'))}
        onKeyDown={onButtonKey}
      >
        File
      </button>
      {open ? (
        <ul ref={menuRef} id={menuId} role="menu" aria-label="File" className="file-menu__list" onKeyDown={onMenuKey}>
          {items.map((item, i) => {
            const heading = item.group && item.group !== lastGroup ? item.group : null;
            lastGroup = item.group;
            return [
              heading || item.separator ? <li key={`${item.id}-sep`} role="separator" className="file-menu__separator" /> : null,
              heading ? (
                <li key={`${item.id}-group`} role="presentation" className="file-menu__group" aria-hidden="true">
                  {heading}
                </li>
              ) : null,
              <li
                key={item.id}
                ref={(el) => {
                  itemRefs.current[i] = el;
                }}
                role="menuitem"
                tabIndex={-1}
                aria-disabled={item.disabled ? true : undefined}
                aria-label={item.group ? `${item.group}: ${item.label}` : undefined}
                className={`file-menu__item${item.group ? ' file-menu__item--nested' : ''}`}
                onClick={() => runItem(item)}
                onMouseEnter={() => setActive(i)}
              >
                {item.label}
              </li>,
            ];
          })}
        </ul>
      ) : null}
      <ImportRevmanDialog open={importOpen} onOpenChange={setImportOpen} />
      <MergeCopyDialog
        open={merging === 'copy'}
        onOpenChange={(o) => setMerging(o ? 'copy' : null)}
        onShowConflicts={() => setMerging('conflicts')}
      />
      <MergeConflictsDialog open={merging === 'conflicts'} onOpenChange={(o) => setMerging(o ? 'conflicts' : null)} />
      {inPage ? (
        <>
          <NewReviewDialog open={dialog === 'new'} onOpenChange={(o) => setDialog(o ? 'new' : null)} />
          <OpenReviewDialog open={dialog === 'open'} onOpenChange={(o) => setDialog(o ? 'open' : null)} />
          <SaveCopyDialog open={dialog === 'copy'} onOpenChange={(o) => setDialog(o ? 'copy' : null)} />
        </>
      ) : null}
    </div>
  );
}
