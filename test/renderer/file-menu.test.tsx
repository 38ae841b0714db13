import './jsdom-shims.ts';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import type { ApiClient } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import type { AppClient } from '../../renderer/src/api/client.ts';
import { page } from '../../renderer/src/components/ImportRevmanDialog.tsx';
import { realBackend, type RealBackend, type RealBackendOptions } from './support/real-backend.ts';
import { addStudy } from './support/seed.ts';

// File › Import RevMan file… (reading progress, the import, its report, errors) and
// File › Export › RevMan 5 (a download of the backend's bytes as they are), on the real
// backend: the RevMan file imported is one the backend wrote.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  open?.close();
  open = null;
});

/**
 * A review with one study whose name is not ASCII (Rüsch 2014, one report), and the text of
 * its RevMan 5 export (ISO-8859-1: one character per byte), to import back.
 */
async function reviewAndRm5(options: RealBackendOptions = {}) {
  const api = (open = realBackend('empty', options));
  await addStudy(api.elsewhere, 'R\u00fcsch 2014', [{ title: 'Peer support: a trial' }]);
  const rm5 = atob((await api.elsewhere.call('files.exportRevman', {})).contentBase64);
  return { api, rm5 };
}

/** A RevMan 5 file as it is on disk: one byte per character of its ISO-8859-1 text. */
const rm5File = (text: string, name: string) =>
  new File([Uint8Array.from(text, (c) => c.charCodeAt(0))], name, { type: 'application/xml' });

/** Where an import of `name` puts the new review: beside the open one. */
const importedPath = (api: RealBackend, name: string) => path.join(path.dirname(api.file), name);

function renderApp(client: AppClient) {
  const user = userEvent.setup();
  render(<App client={client} />);
  return { user };
}

/**
 * The host capability the in-process host lacks: the browser host's page (`app.info`
 * says host 'http'), where large files go through the upload path or are refused.
 */
function asBrowserHost(client: AppClient): AppClient {
  return {
    ...client,
    call: (async (method, args) => {
      const answer = await client.call(method, args);
      return method === 'app.info' ? { ...(answer as object), host: 'http' } : answer;
    }) as ApiClient['call'],
  };
}

/** The real client, with files.importRevman's reply held until `release()`. */
function gatedImport(api: RealBackend) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const client: AppClient = {
    ...api.client,
    call: ((method, args) => {
      const answer = api.client.call(method, args);
      return method === 'files.importRevman' ? gate.then(() => answer) : answer;
    }) as ApiClient['call'],
  };
  return { client, release: () => release() };
}

/** A FileReader whose progress and completion the test drives. */
function controllableReader() {
  const readers: FakeReader[] = [];
  class FakeReader {
    result: string | null = null;
    error: DOMException | null = null;
    onprogress: ((e: ProgressEvent) => void) | null = null;
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    aborted = false;
    file: Blob | null = null;
    constructor() {
      readers.push(this);
    }
    readAsDataURL(file: Blob) {
      this.file = file;
    }
    abort() {
      this.aborted = true;
    }
    progress(loaded: number, total: number) {
      this.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent);
    }
    finish(text: string) {
      this.result = `data:application/octet-stream;base64,${btoa(text)}`;
      this.onload?.();
    }
  }
  vi.stubGlobal('FileReader', FakeReader);
  return readers;
}

function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    last = b as Blob;
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: last! });
  });
  return files;
}

async function openImportDialog(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByLabelText('Title');
  await user.click(screen.getByRole('button', { name: 'File' }));
  await user.click(screen.getByRole('menuitem', { name: 'Import RevMan file…' }));
  return screen.findByRole('dialog', { name: 'Import RevMan file' });
}

describe('File menu', () => {
  it('opens with Alt+F on the first item, moves with the arrow keys, closes with Esc back on the button', async () => {
    const api = (open = realBackend('empty'));
    const { user } = renderApp(api.client);
    await screen.findByLabelText('Title');
    const button = screen.getByRole('button', { name: 'File' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');

    await user.keyboard('{Alt>}f{/Alt}');
    const menu = await screen.findByRole('menu', { name: 'File' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Import RevMan file…',
      'Merge a reviewer’s copy…',
      'Merge conflicts…',
      'Team server…',
      'RevMan 5 (.rm5)',
      'RevMan Web (.zip of RIS and CSV)',
    ]);
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual([
      null,
      null,
      null,
      null,
      'Export: RevMan 5 (.rm5)',
      'Export: RevMan Web (.zip of RIS and CSV)',
    ]);
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(items[5]);
    expect(items[5]!.getAttribute('aria-disabled')).toBeNull();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(api.calls.some((method) => method.startsWith('files.'))).toBe(false);

    // ↓ on the button opens it too; Alt+F is in the shortcuts list.
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getAllByRole('menuitem')[0]);
    await user.keyboard('{Escape}');
    await user.keyboard('?');
    const shortcuts = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(shortcuts).getByText(/Open the File menu/)).toBeTruthy();
    // The Screening stage's keys are listed too, from its own key list.
    expect(within(shortcuts).getByText('Screening: include the record')).toBeTruthy();
    expect(within(shortcuts).getByText(/^Screening conflicts: take the first reviewer/)).toBeTruthy();
  });

  it('exports RevMan 5 as a download of the decoded bytes, ISO-8859-1 as they are', async () => {
    const { api, rm5 } = await reviewAndRm5();
    const files = captureDownloads();
    const { user } = renderApp(api.client);
    await screen.findByLabelText('Title');
    await user.click(screen.getByRole('button', { name: 'File' }));
    await user.click(screen.getByRole('menuitem', { name: 'Export: RevMan 5 (.rm5)' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(api.callsTo('files.exportRevman')).toEqual([{}]);
    expect(files[0]!.name).toBe('review.rm5');
    expect(files[0]!.blob.type).toBe('application/xml');
    const bytes = new Uint8Array(await files[0]!.blob.arrayBuffer());
    // The backend's bytes, one per character of its ISO-8859-1 text.
    expect(rm5.startsWith('<?xml version="1.0" encoding="ISO-8859-1"')).toBe(true);
    expect(rm5).toContain('NAME="R\u00fcsch 2014"');
    expect(bytes.length).toBe(rm5.length);
    expect(Array.from(bytes)).toEqual(Array.from(rm5, (c) => c.charCodeAt(0)));
    // ü is the single byte 0xFC, not UTF-8's C3 BC.
    expect(bytes.includes(0xfc)).toBe(true);
    expect(bytes.includes(0xc3)).toBe(false);
    expect(await screen.findByText('Exported review.rm5')).toBeTruthy();
  });

  it('shows an export failure and downloads nothing', async () => {
    const api = (open = realBackend('empty'));
    const files = captureDownloads();
    const { user } = renderApp(api.client);
    await screen.findByLabelText('Title');
    // The review is closed behind the page's back (as when its host lost it): nothing to export.
    api.backend.closeFile();
    await user.click(screen.getByRole('button', { name: 'File' }));
    await user.click(screen.getByRole('menuitem', { name: 'Export: RevMan 5 (.rm5)' }));
    expect(await screen.findByText('Could not export the RevMan file')).toBeTruthy();
    expect(screen.getByText('No review is open. Open or create a review first.')).toBeTruthy();
    expect(files).toHaveLength(0);
  });
});

describe('Import RevMan file', () => {
  it('reads with a determinate bar, imports with an indeterminate one, then reports what came in and what was skipped', async () => {
    const { api, rm5: RM5 } = await reviewAndRm5();
    const { client, release } = gatedImport(api);
    const readers = controllableReader();
    const reload = vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    const { user } = renderApp(client);
    const dialog = await openImportDialog(user);

    const input = within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.rm5,.zip');
    await user.upload(input, rm5File(RM5, 'Peer support.rm5'));

    // Reading: a determinate bar that follows the FileReader's progress events.
    const reading = await within(dialog).findByRole('progressbar', { name: 'Reading file' });
    expect(reading.getAttribute('aria-valuenow')).toBe('0');
    act(() => readers[0]!.progress(45, 100));
    expect(reading.getAttribute('aria-valuenow')).toBe('45');
    expect(within(dialog).getByText('Reading file… 45%')).toBeTruthy();
    expect(within(dialog).getByText('Peer support.rm5')).toBeTruthy();
    expect(api.callsTo('files.importRevman')).toHaveLength(0);

    // Importing: indeterminate (no value), and the dialog cannot be closed meanwhile.
    act(() => readers[0]!.finish(RM5));
    const importing = await within(dialog).findByRole('progressbar', { name: 'Importing and checking' });
    expect(importing.hasAttribute('aria-valuenow')).toBe(false);
    expect(within(dialog).getByText(/Importing and checking…/)).toBeTruthy();
    await waitFor(() => expect(api.callsTo('files.importRevman')).toEqual([{ fileName: 'Peer support.rm5', contentBase64: btoa(RM5) }]));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeTruthy();

    // The report.
    act(() => release());
    const done = await screen.findByRole('dialog', { name: 'RevMan file imported' });
    const counts = within(done).getByRole('table', { name: 'Brought in' });
    const rows = within(counts)
      .getAllByRole('row')
      .map((r) => r.textContent);
    // What the backend brought in from the file it wrote: the study and its report; the
    // review text (MAIN_TEXT) is kept for a RevMan export but is not Grove data.
    expect(rows).toEqual([
      'Studies1',
      'References1',
      'Characteristics0',
      'Risk-of-bias judgements0',
      'Comparisons0',
      'Outcomes0',
      'Subgroups0',
      'Data rows0',
    ]);
    expect(within(done).getByRole('heading', { name: 'Not brought in (1)' })).toBeTruthy();
    const skipped = within(done).getAllByRole('listitem');
    expect(skipped.map((li) => li.textContent)).toEqual(['MAIN_TEXT: not part of Grove’s review model; kept unchanged for an .rm5 export']);
    expect(within(done).getByText('Peer support.grove')).toBeTruthy();
    expect(within(done).getByText(importedPath(api, 'Peer support.grove'))).toBeTruthy();
    // The backend has the imported review open.
    expect(api.backend.currentFile()).toBe(importedPath(api, 'Peer support.grove'));

    const openButton = within(done).getByRole('button', { name: 'Open the imported review' });
    await waitFor(() => expect(document.activeElement).toBe(openButton));
    expect(reload).not.toHaveBeenCalled();
    await user.click(openButton);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('closing the report also reloads: the backend has already opened the imported review', async () => {
    const { api, rm5: RM5 } = await reviewAndRm5();
    const reload = vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    const { user } = renderApp(api.client);
    const dialog = await openImportDialog(user);
    await user.upload(within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)'), rm5File(RM5, 'a.rm5'));
    await screen.findByRole('dialog', { name: 'RevMan file imported' });
    expect(api.backend.currentFile()).toBe(importedPath(api, 'a.grove'));
    await user.keyboard('{Escape}');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('shows the backend’s error for a text file renamed .rm5, reloads nothing, and lets another file be chosen', async () => {
    const api = (open = realBackend('empty'));
    const reload = vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    const { user } = renderApp(api.client);
    const dialog = await openImportDialog(user);
    await user.upload(
      within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)'),
      new File(['These are my notes.'], 'bad.rm5'),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported');
    expect(alert.textContent).toContain(
      'bad.rm5: not an .rm5 file: it does not start with an XML declaration or element (is it a text file renamed .rm5?)',
    );
    // Nothing was made, and the open review stays open.
    expect(api.backend.currentFile()).toBe(api.file);
    expect(api.callsTo('files.importRevman')).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    const input = within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)');
    await waitFor(() => expect(document.activeElement).toBe(input));

    // Cancel closes without reloading.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(reload).not.toHaveBeenCalled();
  });

  it('takes a file dropped on the dialog, and refuses a file that is not .rm5 without calling the backend', async () => {
    const { api, rm5: RM5 } = await reviewAndRm5();
    vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    const { user } = renderApp(api.client);
    const dialog = await openImportDialog(user);
    const zone = within(dialog).getByTestId('import-rm5');

    fireEvent.drop(zone, { dataTransfer: { files: [new File(['x'], 'notes.txt')] } });
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'notes.txt is not a RevMan file: choose a RevMan 5 file (.rm5) or a RevMan Web data package (.zip).',
    );
    expect(api.callsTo('files.importRevman')).toHaveLength(0);

    fireEvent.dragOver(zone, { dataTransfer: { files: [], dropEffect: 'none' } });
    expect(zone.className).toContain('is-dragging');
    // Beside the dialog: not taken (and not left to the browser, which would open the file).
    const beside = fireEvent.drop(document.body, { dataTransfer: { files: [rm5File(RM5, 'Beside.rm5')] } });
    expect(beside).toBe(false); // default prevented
    expect(zone.className).not.toContain('is-dragging');
    expect(api.callsTo('files.importRevman')).toHaveLength(0);
    // Anywhere on the dialog, its title too.
    fireEvent.drop(within(dialog).getByRole('heading', { name: 'Import RevMan file' }), {
      dataTransfer: { files: [rm5File(RM5, 'Dropped.rm5')] },
    });
    expect(await screen.findByRole('dialog', { name: 'RevMan file imported' })).toBeTruthy();
    expect(api.callsTo('files.importRevman')).toEqual([{ fileName: 'Dropped.rm5', contentBase64: btoa(RM5) }]);
  });

  it('in the browser, streams a large file through the upload path and imports it by token, without reading it in the page', async () => {
    const { api, rm5: RM5 } = await reviewAndRm5({ uploads: true });
    const sent: string[] = [];
    const upload = api.client.upload!;
    const client: AppClient = {
      ...asBrowserHost(api.client),
      upload: (file, name, onProgress, signal) => {
        sent.push(name);
        return upload(file, name, onProgress, signal);
      },
    };
    const readers = controllableReader();
    const { user } = renderApp(client);
    const dialog = await openImportDialog(user);
    // 16 MB: over what one JSON call to `grove serve` can carry as base64 (the export, then spaces).
    const big = new Uint8Array(16 * 1024 * 1024).fill(0x20);
    big.set(Uint8Array.from(RM5, (c) => c.charCodeAt(0)));
    await user.upload(
      within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)'),
      new File([big], 'Big review.rm5', { type: 'application/xml' }),
    );
    expect(await screen.findByRole('dialog', { name: 'RevMan file imported' }, { timeout: 20_000 })).toBeTruthy();
    expect(sent).toEqual(['Big review.rm5']);
    expect(readers).toHaveLength(0);
    expect(api.callsTo('files.importRevman')).toEqual([{ fileName: 'Big review.rm5', uploadToken: expect.any(String) }]);
    expect(api.backend.currentFile()).toBe(importedPath(api, 'Big review.grove'));
  });

  it('in the browser without an upload path, refuses a file too large for one API call, saying what to do instead', async () => {
    const api = (open = realBackend('empty'));
    const client = asBrowserHost(api.client);
    const readers = controllableReader();
    const { user } = renderApp(client);
    const dialog = await openImportDialog(user);
    await user.upload(
      within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)'),
      new File([new Uint8Array(16 * 1024 * 1024)], 'Big review.rm5'),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Big review.rm5 is 16.0 MB; in the browser Grove takes RevMan files of up to 15.0 MB.');
    expect(alert.textContent).toContain('grove new OUT.grove --from FILE.rm5');
    expect(readers).toHaveLength(0);
    expect(api.callsTo('files.importRevman')).toHaveLength(0);
  });
});
