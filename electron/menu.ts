import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

// The application menu as a plain template. main.ts passes the actions and state in and
// calls Menu.buildFromTemplate; building the template is pure, so the tests check which
// items exist (devtools only in development, the recent list) without Electron.
//
// Edit keeps Electron's roles so text fields get native undo/cut/copy/paste; undoing a
// change to the review itself is the renderer's own command (history.undo).

export interface MenuActions {
  newReview(): void;
  openReview(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  saveCopy(): void;
  openExample(): void;
  closeReview(): void;
  about(): void;
}

export interface MenuState {
  readonly appName: string;
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  readonly recent: readonly string[];
  /** Whether a review is open (Save a copy and Close need one). */
  readonly hasFile: boolean;
}

function recentLabel(file: string, all: readonly string[]): string {
  const base = path.basename(file);
  // Two files with the same name: show the folder too.
  const clash = all.filter((f) => path.basename(f) === base).length > 1;
  return clash ? `${base} — ${path.dirname(file)}` : base;
}

export function buildMenuTemplate(actions: MenuActions, state: MenuState): MenuItemConstructorOptions[] {
  const isMac = state.platform === 'darwin';

  const recentItems: MenuItemConstructorOptions[] =
    state.recent.length === 0
      ? [{ label: 'No recent reviews', enabled: false }]
      : state.recent.map((file) => ({ label: recentLabel(file, state.recent), toolTip: file, click: () => actions.openRecent(file) }));

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Review…', accelerator: 'CmdOrCtrl+N', click: () => actions.newReview() },
      { label: 'Open Review…', accelerator: 'CmdOrCtrl+O', click: () => actions.openReview() },
      {
        label: 'Open Recent',
        submenu: [...recentItems, { type: 'separator' }, { label: 'Clear Recently Opened', enabled: state.recent.length > 0, click: () => actions.clearRecent() }],
      },
      { type: 'separator' },
      { label: 'Save a Copy As…', accelerator: 'CmdOrCtrl+Shift+S', enabled: state.hasFile, click: () => actions.saveCopy() },
      { type: 'separator' },
      { label: 'Open Example Review', click: () => actions.openExample() },
      { type: 'separator' },
      { label: 'Close Review', accelerator: 'CmdOrCtrl+Shift+W', enabled: state.hasFile, click: () => actions.closeReview() },
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit' }] as MenuItemConstructorOptions[])),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(state.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${state.appName}`, click: () => actions.about() }],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { label: `About ${state.appName}`, click: () => actions.about() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return [...(isMac ? [appMenu] : []), file, edit, view, ...(isMac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []), help];
}
