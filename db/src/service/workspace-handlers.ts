import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type Handlers } from '@grove/shared';
import { ReviewFileError } from '../connection.ts';
import { tempPathBeside } from '../fs/atomic-write.ts';
import { UploadNotFoundError } from '../fs/upload-store.ts';
import { createReviewFile } from '../review-file.ts';
import type { Workspace } from '../workspace.ts';
import type { ServiceContext } from './context.ts';

// File › New review, Open review, Open recent and Save a copy as in the browser host
// (contract-workspace.ts). Only files in the Grove data folder or on the recent list can
// be opened by path, so the page cannot open an arbitrary file by naming it. Switching
// goes through the host (ctx.switchTo), which closes the open review, releasing its lock.

type WorkspaceHandlers = Pick<Handlers, 'workspace.list' | 'workspace.new' | 'workspace.open' | 'workspace.saveCopy'>;

function requireWorkspace(ctx: ServiceContext): Workspace & { switchTo: (file: string) => void } {
  const { workspace, switchTo } = ctx;
  if (!workspace || !switchTo)
    throw new ApiError('UNSUPPORTED', 'This host opens and saves reviews through its own menu (File › Open…, Save a Copy As…).');
  return { folder: workspace.folder, recent: () => workspace.recent(), remember: (f) => workspace.remember(f), switchTo };
}

const withExtension = (name: string): string => (/\.grove$/i.test(name) ? name : `${name}.grove`);

/** `<folder>/<name>.grove`, or `<name>-2.grove`… when taken: an uploaded review never overwrites one. */
function freshPath(folder: string, name: string): string {
  const base =
    path
      .basename(name)
      .replace(/\.grove$/i, '')
      .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
      .replace(/^\.+/, '') || 'Uploaded review';
  let candidate = path.join(folder, `${base}.grove`);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(folder, `${base}-${n}.grove`);
  return candidate;
}

function describe(file: string, current: string | null) {
  let modifiedAt: string | null = null;
  try {
    modifiedAt = fs.statSync(file).mtime.toISOString();
  } catch {
    modifiedAt = null;
  }
  return { name: path.basename(file), path: file, modifiedAt, open: file === current };
}

/**
 * Opens `file` in place of the open review; a file that cannot be opened leaves the open
 * one open. Both go on the recent list (the new one first, then the one just left).
 */
function switchTo(ws: ReturnType<typeof requireWorkspace>, file: string, previous: string | null) {
  try {
    ws.switchTo(file);
  } catch (err) {
    if (err instanceof ReviewFileError) throw new ApiError('CONFLICT', err.message);
    throw err;
  }
  if (previous) ws.remember(previous);
  ws.remember(file);
  return { file: { path: file, name: path.basename(file) } };
}

export function workspaceHandlers(ctx: ServiceContext): WorkspaceHandlers {
  const currentPath = () => ctx.file()?.path ?? null;
  return {
    'workspace.list': () => {
      const ws = requireWorkspace(ctx);
      let names: string[] = [];
      try {
        names = fs.readdirSync(ws.folder);
      } catch {
        names = [];
      }
      const files = names
        .filter((n) => /\.grove$/i.test(n) && !n.startsWith('.') && !/\.pre-v\d+\.grove$/i.test(n))
        .sort((a, b) => a.localeCompare(b))
        .map((n) => describe(path.join(ws.folder, n), currentPath()));
      return { folder: ws.folder, files, recent: ws.recent().map((f) => describe(f, currentPath())) };
    },

    'workspace.new': ({ name, title }) => {
      const ws = requireWorkspace(ctx);
      const file = path.join(ws.folder, withExtension(name));
      if (fs.existsSync(file))
        throw new ApiError('CONFLICT', `${path.basename(file)} already exists in ${ws.folder}; choose another name.`);
      try {
        createReviewFile(file, title ? { title } : {}).close();
      } catch (err) {
        if (err instanceof ReviewFileError) throw new ApiError('CONFLICT', err.message);
        throw err;
      }
      return switchTo(ws, file, currentPath());
    },

    'workspace.open': (args) => {
      const ws = requireWorkspace(ctx);
      if ('path' in args) {
        const file = path.resolve(args.path);
        const inFolder = path.dirname(file) === path.resolve(ws.folder) && /\.grove$/i.test(file);
        if (!inFolder && !ws.recent().includes(file))
          throw new ApiError('FORBIDDEN', `${file} is neither in the Grove data folder (${ws.folder}) nor a recently opened review.`);
        if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `${file} is no longer there.`);
        if (file === currentPath()) return { file: { path: file, name: path.basename(file) } };
        return switchTo(ws, file, currentPath());
      }
      if (!ctx.uploads) throw new ApiError('UNSUPPORTED', 'This host has no upload path.');
      const target = freshPath(ws.folder, args.fileName);
      try {
        // Copied beside its final name, then renamed: a half-copied review never appears in the folder.
        ctx.uploads.use(args.uploadToken, (upload) => {
          const temp = tempPathBeside(target);
          try {
            fs.copyFileSync(upload.path, temp);
            fs.renameSync(temp, target);
          } finally {
            fs.rmSync(temp, { force: true });
          }
        });
      } catch (err) {
        if (err instanceof UploadNotFoundError) throw new ApiError('NOT_FOUND', err.message);
        throw err;
      }
      try {
        return switchTo(ws, target, currentPath());
      } catch (err) {
        // Not a review Grove can open: the copy goes, and the open review stays open.
        fs.rmSync(target, { force: true });
        throw err instanceof ApiError ? new ApiError('VALIDATION', `${args.fileName}: ${err.message}`) : err;
      }
    },

    'workspace.saveCopy': async ({ name }) => {
      const ws = requireWorkspace(ctx);
      const open = ctx.file();
      if (!open) throw new ApiError('NO_REVIEW', 'No review is open to save a copy of.');
      const file = path.join(ws.folder, withExtension(name));
      if (file === open.path) throw new ApiError('CONFLICT', 'A copy cannot replace the review it is copied from.');
      if (fs.existsSync(file))
        throw new ApiError('CONFLICT', `${path.basename(file)} already exists in ${ws.folder}; choose another name.`);
      const temp = tempPathBeside(file);
      try {
        // The online backup API copies a consistent snapshot, WAL pages included.
        await open.db.backup(temp);
        fs.renameSync(temp, file);
      } catch (err) {
        const why = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk is full' : (err as Error).message;
        throw new ApiError('CONFLICT', `Cannot write ${file}: ${why}. No copy was made.`);
      } finally {
        fs.rmSync(temp, { force: true });
      }
      return { file: { path: file, name: path.basename(file) } };
    },
  };
}
