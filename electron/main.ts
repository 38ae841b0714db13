import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell, webContents, type WebContents } from 'electron';
import { IPC_PROGRESS_CHANNEL } from '@grove/shared/api/bridge';
import { createBackend, type Backend } from '../db/src/backend.ts';
import { ReviewLockedError, lockHolder } from '../db/src/lock/review-lock.ts';
import { ReviewBusyError } from '../db/src/service/review-work.ts';
import { registerIpc, windowClientId } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { explainNativeLoadError, locateNativeBinding } from './native-binding.ts';
import { RecentFiles, fileFromArgv, pathRulesFor } from './recent-files.ts';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  appResponseHeaders,
  isAllowedRendererRequest,
  openExternalIfSafe,
  externalLinkPrompt,
  shouldCancelFrameNavigation,
  SECURE_WEB_PREFERENCES,
  SPELLCHECK_DICTIONARY_URL,
  resolveAppRequest,
} from './security.ts';

// The Electron main process: one window showing the renderer from app://grove/, one
// backend owning the open review, one validated IPC channel between them. Every rule
// that can be a pure function lives in security.ts, ipc.ts, recent-files.ts, menu.ts and
// native-binding.ts with unit tests; this file wires them to Electron. docs/desktop.md
// describes the security model.

const REVIEW_EXTENSION = 'grove';
const REVIEW_FILTERS = [{ name: 'Grove review', extensions: [REVIEW_EXTENSION] }];
const EXAMPLE_FILE_NAME = 'Example review.grove';

// All of this must happen before `ready`.
// The name fixes the user-data folder (recent list, example review) in dev and packaged runs alike.
app.setName('Grove');
// `standard` gives app://grove a real origin (for the CSP's 'self' and the IPC origin check);
// `corsEnabled` is deliberately left unset so no other origin can read app:// responses.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
// Sandbox every renderer, including any created by accident.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
/** The handle the backend returned for the open file; used for "Save a copy" (see saveCopy). */
let openHandle: { readonly path: string; readonly db: { backup(destination: string): Promise<unknown> } } | null = null;
let recent: RecentFiles | null = null;
/** A file the OS asked us to open before we were ready (macOS open-file, second instance). */
let pendingFile: string | null = null;
const trustedWebContents = new Set<number>();

const argvSkip = process.defaultApp ? 2 : 1;

// ---------------------------------------------------------------------------------
// Single instance: a second launch hands its file to this one and exits.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = fileFromArgv(argv, { skip: argvSkip, cwd: workingDirectory });
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    if (file) openOrQueue(file);
  });

  // macOS: double-clicking a .grove file, or dropping one on the Dock icon. Fires before
  // `ready` on a cold start, so queue it.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openOrQueue(file);
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  app.on('before-quit', (event) => {
    // A merge's worker or a sync still writes the review: quit once it is done, never under it.
    if (!backend?.busyWith()) return;
    event.preventDefault();
    void backend.whenIdle().then(() => app.quit());
  });

  app.on('will-quit', () => {
    // Closing checkpoints the WAL, so the .grove file alone is the whole review.
    backend?.closeFile();
  });

  app.whenReady().then(start, (err: unknown) => fatal(err));
}

async function start(): Promise<void> {
  lockDownSession();
  installAppProtocol();

  let nativeBinding: string | undefined;
  try {
    nativeBinding = locateNativeBinding({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      electronVersion: process.versions.electron ?? '',
      modules: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
    });
  } catch (err) {
    fatal(err);
    return;
  }
  backend = createBackend({
    host: 'electron',
    nativeBinding,
    nativeFileDialogs: true,
    app: 'the Grove desktop app',
    // Long operations' progress goes to our own windows only, on the one progress channel.
    onProgress: (event) => {
      for (const id of trustedWebContents) webContents.fromId(id)?.send(IPC_PROGRESS_CHANNEL, event);
    },
  });

  const userData = app.getPath('userData');
  recent = new RecentFiles({
    folder: userData,
    onAdd: (file) => app.addRecentDocument(file),
    onClear: () => app.clearRecentDocuments(),
  });

  registerIpc(ipcMain, {
    service: (client) => requireBackend().client(client),
    expected: () => ({ webContentsIds: trustedWebContents, origin: APP_ORIGIN }),
    onRejected: (reason) => console.warn(`[grove] IPC call rejected: ${reason}`),
  });

  app.setAboutPanelOptions({ applicationName: 'Grove', applicationVersion: app.getVersion() });

  // Which review to show first: one named on the command line or by the OS; else the
  // most recent one that still exists; else the example review.
  const initial = pendingFile ?? fileFromArgv(process.argv, { skip: argvSkip, cwd: process.cwd() });
  pendingFile = null;
  if (initial) {
    await openReview(initial, { reload: false });
  } else {
    const last = recent.list().find((f) => fs.existsSync(f));
    if (!last || !(await openReview(last, { reload: false, quiet: true }))) await openExample({ reload: false });
  }

  refreshMenu();
  createWindow();
}

// ---------------------------------------------------------------------------------
// Window and web contents

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Grove',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      ...SECURE_WEB_PREFERENCES,
      devTools: !app.isPackaged,
    },
  });
  mainWindow = win;
  const id = win.webContents.id;
  trustedWebContents.add(id);
  win.webContents.on('destroyed', () => {
    trustedWebContents.delete(id);
    // The window's session (its reviewer) goes with it.
    backend?.disconnect(windowClientId(id));
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('preload-error', (_event, preloadPath, error) => console.error(`[grove] preload ${preloadPath} failed:`, error));
  updateTitle();
  void win.loadURL(APP_ENTRY_URL);
}

/** Applied to every webContents, including any we did not create on purpose. */
function hardenWebContents(contents: WebContents): void {
  const openExternal = (url: string) => shell.openExternal(url);
  // Ask first: a link in an imported abstract or note can point anywhere.
  const confirm = async (url: string) => {
    const prompt = externalLinkPrompt(url);
    const answer = mainWindow ? await dialog.showMessageBox(mainWindow, prompt) : await dialog.showMessageBox(prompt);
    return answer.response === 0;
  };
  contents.on('will-navigate', (event, url) => {
    // The app is one page; links out go to the system browser, nothing replaces the app.
    event.preventDefault();
    openExternalIfSafe(url, openExternal, confirm);
  });
  contents.on('will-frame-navigate', (event) => {
    if (shouldCancelFrameNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event, webPreferences) => {
    delete (webPreferences as { preload?: string }).preload;
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url, openExternal, confirm);
    return { action: 'deny' };
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No spell-check, and no dictionary downloads should anything turn it on.
  ses.setSpellCheckerEnabled(false);
  ses.setSpellCheckerDictionaryDownloadURL(SPELLCHECK_DICTIONARY_URL);
  // Defence in depth behind the CSP: the renderer never talks to the network or the
  // file system directly; everything goes through IPC.
  const allowDevTools = !app.isPackaged;
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url, { allowDevTools }) });
  });
}

/** Serve renderer/dist over app://grove/ (GET/HEAD, host check, traversal guard, CSP). */
function installAppProtocol(): void {
  const root = path.join(app.getAppPath(), 'renderer', 'dist');
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(root, request.url, request.method);
    if (resolved.kind === 'error') {
      if (resolved.status !== 404) console.warn(`[grove] ${APP_SCHEME}://${APP_HOST} refused ${request.url}: ${resolved.reason}`);
      return new Response(null, { status: resolved.status, headers: appResponseHeaders('text/plain; charset=utf-8') });
    }
    try {
      const body = await fs.promises.readFile(resolved.path);
      return new Response(request.method.toUpperCase() === 'HEAD' ? null : body, {
        status: 200,
        headers: appResponseHeaders(resolved.mimeType),
      });
    } catch {
      return new Response(null, { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') });
    }
  });
}

// ---------------------------------------------------------------------------------
// Review files

function requireBackend(): Backend {
  if (!backend) throw new Error('The Grove backend is not ready yet.');
  return backend;
}

function openOrQueue(file: string): void {
  if (!app.isReady() || !backend) {
    pendingFile = file;
    return;
  }
  void openReview(file);
}

interface OpenOptions {
  /** Reload the renderer so it shows the newly opened review (false during startup). */
  readonly reload?: boolean;
  /** Do not report a failure (used when reopening the last review at startup). */
  readonly quiet?: boolean;
}

async function openReview(file: string, options: OpenOptions = {}): Promise<boolean> {
  // Another Grove (a second app, `grove serve`) editing the file: offer it read-only
  // instead of an error; at startup, reopen the last review read-only without asking.
  const holder = lockHolder(file);
  let readOnly = false;
  if (holder) {
    if (!options.quiet) {
      const prompt = {
        type: 'warning' as const,
        buttons: ['Open read-only', 'Cancel'],
        defaultId: 0,
        cancelId: 1,
        message: `${path.basename(file)} is open in another Grove.`,
        detail: new ReviewLockedError(path.resolve(file), holder).message,
      };
      const answer = mainWindow ? await dialog.showMessageBox(mainWindow, prompt) : await dialog.showMessageBox(prompt);
      if (answer.response !== 0) return false;
    }
    readOnly = true;
  }
  return withReview(() => requireBackend().openFile(file, { readOnly }), file, options);
}

async function withReview(
  action: () => { path: string; db: { backup(destination: string): Promise<unknown> }; backup: string | null },
  file: string,
  options: OpenOptions,
): Promise<boolean> {
  let handle: ReturnType<typeof action>;
  try {
    handle = action();
  } catch (err) {
    if (options.quiet) {
      recent?.remove(file);
    } else {
      await showError(`Grove could not open ${path.basename(file)}.`, explainNativeLoadError(err, app.isPackaged));
    }
    return false;
  }
  openHandle = handle;
  recent?.add(handle.path);
  afterFileChange(options);
  if (handle.backup) {
    void showInfo(
      `${path.basename(handle.path)} was upgraded to this version of Grove.`,
      `A copy of the file as it was before the upgrade was saved as:\n${handle.backup}`,
    );
  }
  return true;
}

function afterFileChange(options: OpenOptions = {}): void {
  refreshMenu();
  updateTitle();
  if (options.reload !== false && mainWindow && !mainWindow.isDestroyed()) {
    // The bridge has no push events: the renderer re-reads app.info on load.
    mainWindow.webContents.reload();
  }
}

async function newReview(): Promise<void> {
  const result = await showSaveDialog({
    title: 'New review',
    buttonLabel: 'Create',
    defaultPath: path.join(app.getPath('documents'), 'Untitled review.grove'),
    filters: REVIEW_FILTERS,
  });
  if (!result) return;
  const file = withExtension(result);
  if (isCurrentFile(file)) {
    await showError('That review is open.', 'Choose another name for the new review.');
    return;
  }
  if (fs.existsSync(file)) {
    // The save dialog already asked whether to replace it; move the old file to the
    // trash rather than deleting it.
    try {
      await shell.trashItem(file);
    } catch (err) {
      await showError(`Grove could not replace ${path.basename(file)}.`, String(err instanceof Error ? err.message : err));
      return;
    }
  }
  const title = path.basename(file, path.extname(file));
  await withReview(() => requireBackend().createFile(file, title), file, {});
}

async function openReviewDialog(): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open review',
    properties: ['openFile'],
    filters: [...REVIEW_FILTERS, { name: 'All files', extensions: ['*'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  const file = result.canceled ? undefined : result.filePaths[0];
  if (file) await openReview(file);
}

async function openRecent(file: string): Promise<void> {
  if (!fs.existsSync(file)) {
    recent?.remove(file);
    refreshMenu();
    await showError(`${path.basename(file)} is no longer there.`, `It was removed from the recent list.\n\n${file}`);
    return;
  }
  await openReview(file);
}

async function openExample(options: OpenOptions = {}): Promise<boolean> {
  const file = path.join(app.getPath('userData'), EXAMPLE_FILE_NAME);
  // Keep the user's edits to the example; create it only the first time.
  if (fs.existsSync(file)) return openReview(file, options);
  return withReview(() => requireBackend().createExample(file), file, options);
}

/**
 * Save a consistent copy of the open review with SQLite's online backup (through the
 * backend's own connection, so uncommitted WAL pages are included). Written to a
 * temporary file and renamed, so a failed copy never leaves half a file.
 */
async function saveCopy(): Promise<void> {
  const current = backend?.currentFile();
  if (!current) return;
  const result = await showSaveDialog({
    title: 'Save a copy',
    buttonLabel: 'Save Copy',
    defaultPath: path.join(path.dirname(current), `${path.basename(current, path.extname(current))} copy.grove`),
    filters: REVIEW_FILTERS,
  });
  if (!result) return;
  const destination = withExtension(result);
  if (isCurrentFile(destination)) {
    await showError('That is the open review.', 'Choose another name for the copy.');
    return;
  }
  const temp = `${destination}.${process.pid}.partial`;
  try {
    const extended = backend as Backend & { saveCopy?: (destination: string) => Promise<void> | void };
    if (typeof extended.saveCopy === 'function') {
      await extended.saveCopy(temp);
    } else if (openHandle && openHandle.path === current) {
      await openHandle.db.backup(temp);
    } else {
      throw new Error('The open review cannot be copied (no database handle).');
    }
    // A stale WAL next to the destination would be replayed into the copy: remove it.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(destination + suffix, { force: true });
    fs.renameSync(temp, destination);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    await showError('Grove could not save the copy.', String(err instanceof Error ? err.message : err));
  }
}

function closeReview(): void {
  try {
    backend?.closeFile();
  } catch (err) {
    // A merge or a sync still runs on the review: it stays open, and the user is told why.
    if (!(err instanceof ReviewBusyError)) throw err;
    void showError('Grove cannot close the review yet.', err.message);
    return;
  }
  openHandle = null;
  afterFileChange();
}

function isCurrentFile(file: string): boolean {
  const current = backend?.currentFile();
  if (!current) return false;
  const rules = pathRulesFor(process.platform);
  const a = path.resolve(file);
  const b = path.resolve(current);
  return rules.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function withExtension(file: string): string {
  return path.extname(file) === '' ? `${file}.${REVIEW_EXTENSION}` : file;
}

// ---------------------------------------------------------------------------------
// Menu, title, dialogs

function refreshMenu(): void {
  const template = buildMenuTemplate(
    {
      newReview: () => void newReview(),
      openReview: () => void openReviewDialog(),
      openRecent: (file) => void openRecent(file),
      clearRecent: () => {
        recent?.clear();
        refreshMenu();
      },
      saveCopy: () => void saveCopy(),
      openExample: () => void openExample(),
      closeReview: () => closeReview(),
      about: () => app.showAboutPanel(),
    },
    {
      appName: 'Grove',
      platform: process.platform,
      isPackaged: app.isPackaged,
      recent: recent?.list() ?? [],
      hasFile: Boolean(backend?.currentFile()),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function updateTitle(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  const file = backend?.currentFile() ?? null;
  mainWindow.setTitle(file ? `${path.basename(file)} — Grove` : 'Grove');
  if (process.platform === 'darwin') mainWindow.setRepresentedFilename(file ?? '');
}

async function showSaveDialog(options: Electron.SaveDialogOptions): Promise<string | undefined> {
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled ? undefined : result.filePath;
}

async function showError(message: string, detail: string): Promise<void> {
  const options: Electron.MessageBoxOptions = { type: 'error', title: 'Grove', message, detail, buttons: ['OK'] };
  if (mainWindow && !mainWindow.isDestroyed()) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

async function showInfo(message: string, detail: string): Promise<void> {
  const options: Electron.MessageBoxOptions = { type: 'info', title: 'Grove', message, detail, buttons: ['OK'] };
  if (mainWindow && !mainWindow.isDestroyed()) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

function fatal(err: unknown): void {
  const message = explainNativeLoadError(err, app.isPackaged);
  console.error(`[grove] ${message}`);
  dialog.showErrorBox('Grove cannot start', message);
  app.exit(1);
}
