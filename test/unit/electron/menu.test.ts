import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions, type MenuState } from '../../../electron/menu.ts';

function actions(): MenuActions {
  return {
    newReview: vi.fn(),
    openReview: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    saveCopy: vi.fn(),
    openExample: vi.fn(),
    closeReview: vi.fn(),
    about: vi.fn(),
  };
}

const state: MenuState = { appName: 'Grove', platform: 'linux', isPackaged: true, recent: [], hasFile: true };

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}
function find(items: readonly MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = flatten(items).find((i) => i.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help, with an app menu only on macOS', () => {
    expect(buildMenuTemplate(actions(), state).map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help']);
    expect(buildMenuTemplate(actions(), { ...state, platform: 'darwin' }).map((m) => m.label ?? m.role)).toEqual(['Grove', 'File', 'Edit', 'View', 'windowMenu', 'help']);
  });

  it('wires the File commands', () => {
    const a = actions();
    const menu = buildMenuTemplate(a, state);
    for (const [label, fn] of [
      ['New Review…', a.newReview],
      ['Open Review…', a.openReview],
      ['Save a Copy As…', a.saveCopy],
      ['Open Example Review', a.openExample],
      ['Close Review', a.closeReview],
      ['About Grove', a.about],
    ] as const) {
      click(find(menu, label));
      expect(fn).toHaveBeenCalledTimes(1);
    }
  });

  it('keeps the native edit roles', () => {
    const edit = buildMenuTemplate(actions(), state).find((m) => m.label === 'Edit')!;
    const roles = (edit.submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers devtools only in development', () => {
    const roles = (s: MenuState) => flatten(buildMenuTemplate(actions(), s)).map((i) => i.role);
    expect(roles({ ...state, isPackaged: true })).not.toContain('toggleDevTools');
    expect(roles({ ...state, isPackaged: false })).toContain('toggleDevTools');
  });

  it('lists recent files, disambiguating same-named ones', () => {
    const a = actions();
    const recent = ['/home/u/a/review.grove', '/home/u/b/review.grove', '/home/u/other.grove'];
    const menu = buildMenuTemplate(a, { ...state, recent });
    const sub = find(menu, 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(sub.map((i) => i.label).filter(Boolean)).toEqual(['review.grove — /home/u/a', 'review.grove — /home/u/b', 'other.grove', 'Clear Recently Opened']);
    click(sub[2]!);
    expect(a.openRecent).toHaveBeenCalledWith('/home/u/other.grove');
    click(find(menu, 'Clear Recently Opened'));
    expect(a.clearRecent).toHaveBeenCalled();
  });

  it('shows an empty recent list and disables file-only commands without a review', () => {
    const menu = buildMenuTemplate(actions(), { ...state, hasFile: false, recent: [] });
    expect(find(menu, 'No recent reviews').enabled).toBe(false);
    expect(find(menu, 'Clear Recently Opened').enabled).toBe(false);
    expect(find(menu, 'Save a Copy As…').enabled).toBe(false);
    expect(find(menu, 'Close Review').enabled).toBe(false);
  });
});
