import './jsdom-shims.ts';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import type { AppClient } from '../../renderer/src/api/client.ts';
import { page } from '../../renderer/src/components/ImportRevmanDialog.tsx';
import { createFakeApi, type FakeApi } from './fake-api.ts';

// File › Import RevMan file… (reading progress, the import, its report, errors) and
// File › Export › RevMan 5 (a download of the backend's bytes as they are).

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function renderApp(client: AppClient) {
  const user = userEvent.setup();
  render(<App client={client} />);
  return { user };
}

/** The fake's client, with files.importRevman held until `release()`. */
function gatedImport(api: FakeApi) {
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

const RM5 = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<COCHRANE_REVIEW/>\n';

async function openImportDialog(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByLabelText('Title');
  await user.click(screen.getByRole('button', { name: 'File' }));
  await user.click(screen.getByRole('menuitem', { name: 'Import RevMan file…' }));
  return screen.findByRole('dialog', { name: 'Import RevMan file' });
}

describe('File menu', () => {
  it('opens with Alt+F on the first item, moves with the arrow keys, closes with Esc back on the button', async () => {
    const api = createFakeApi();
    const { user } = renderApp(api.client);
    await screen.findByLabelText('Title');
    const button = screen.getByRole('button', { name: 'File' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');

    await user.keyboard('{Alt>}f{/Alt}');
    const menu = await screen.findByRole('menu', { name: 'File' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual(['Import RevMan file…', 'RevMan 5 (.rm5)', 'RevMan Web (.zip of RIS and CSV)']);
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual([
      null,
      'Export: RevMan 5 (.rm5)',
      'Export: RevMan Web (.zip of RIS and CSV)',
    ]);
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(items[2]);
    expect(items[2]!.getAttribute('aria-disabled')).toBeNull();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(api.calls.some((c) => c.method.startsWith('files.'))).toBe(false);

    // ↓ on the button opens it too; Alt+F is in the shortcuts list.
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getAllByRole('menuitem')[0]);
    await user.keyboard('{Escape}');
    await user.keyboard('?');
    const shortcuts = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(shortcuts).getByText(/Open the File menu/)).toBeTruthy();
  });

  it('exports RevMan 5 as a download of the decoded bytes, ISO-8859-1 as they are', async () => {
    const api = createFakeApi();
    const files = captureDownloads();
    const { user } = renderApp(api.client);
    await screen.findByLabelText('Title');
    await user.click(screen.getByRole('button', { name: 'File' }));
    await user.click(screen.getByRole('menuitem', { name: 'Export: RevMan 5 (.rm5)' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(api.callsTo('files.exportRevman')).toEqual([{}]);
    expect(files[0]!.name).toBe('peer-support.rm5');
    expect(files[0]!.blob.type).toBe('application/xml');
    const bytes = new Uint8Array(await files[0]!.blob.arrayBuffer());
    const expected = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<COCHRANE_REVIEW><STUDY NAME="R\u00fcsch 2014"/></COCHRANE_REVIEW>\n';
    expect(bytes.length).toBe(expected.length);
    expect(Array.from(bytes)).toEqual(Array.from(expected, (c) => c.charCodeAt(0)));
    // ü is the single byte 0xFC, not UTF-8's C3 BC.
    expect(bytes.includes(0xfc)).toBe(true);
    expect(bytes.includes(0xc3)).toBe(false);
    expect(await screen.findByText('Exported peer-support.rm5')).toBeTruthy();
  });

  it('shows an export failure and downloads nothing', async () => {
    const api = createFakeApi();
    const files = captureDownloads();
    const { ApiError } = await import('@grove/shared');
    api.failNext('files.exportRevman', new ApiError('NO_REVIEW', 'No review is open.'));
    const { user } = renderApp(api.client);
    await screen.findByLabelText('Title');
    await user.click(screen.getByRole('button', { name: 'File' }));
    await user.click(screen.getByRole('menuitem', { name: 'Export: RevMan 5 (.rm5)' }));
    expect(await screen.findByText('Could not export the RevMan file')).toBeTruthy();
    expect(screen.getByText('No review is open.')).toBeTruthy();
    expect(files).toHaveLength(0);
  });
});

describe('Import RevMan file', () => {
  it('reads with a determinate bar, imports with an indeterminate one, then reports what came in and what was skipped', async () => {
    const api = createFakeApi();
    const { client, release } = gatedImport(api);
    const readers = controllableReader();
    const reload = vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    const { user } = renderApp(client);
    const dialog = await openImportDialog(user);

    const input = within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.rm5,.zip');
    await user.upload(input, new File([RM5], 'Peer support.rm5', { type: 'application/xml' }));

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
    expect(rows).toEqual([
      'Studies3',
      'References4',
      'Characteristics12',
      'Risk-of-bias judgements21',
      'Comparisons1',
      'Outcomes2',
      'Subgroups0',
      'Data rows6',
    ]);
    expect(within(done).getByRole('heading', { name: 'Not brought in (1)' })).toBeTruthy();
    const skipped = within(done).getAllByRole('listitem');
    expect(skipped.map((li) => li.textContent)).toEqual([
      'Other data table "Adverse events": RevMan other-data tables have no place in Grove yet',
    ]);
    expect(within(done).getByText('Peer support.grove')).toBeTruthy();
    expect(within(done).getByText('/reviews/Peer support.grove')).toBeTruthy();

    const openButton = within(done).getByRole('button', { name: 'Open the imported review' });
    await waitFor(() => expect(document.activeElement).toBe(openButton));
    expect(reload).not.toHaveBeenCalled();
    await user.click(openButton);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('closing the report also reloads: the backend has already opened the imported review', async () => {
    const api = createFakeApi();
    const reload = vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    const { user } = renderApp(api.client);
    const dialog = await openImportDialog(user);
    await user.upload(within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)'), new File([RM5], 'a.rm5'));
    await screen.findByRole('dialog', { name: 'RevMan file imported' });
    await user.keyboard('{Escape}');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('shows the backend’s error for a text file renamed .rm5, reloads nothing, and lets another file be chosen', async () => {
    const api = createFakeApi();
    const reload = vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    const { user } = renderApp(api.client);
    const dialog = await openImportDialog(user);
    await user.upload(
      within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)'),
      new File(['These are my notes.'], 'bad.rm5'),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported');
    expect(alert.textContent).toContain('bad.rm5 is not a RevMan 5 file: it does not start with an XML declaration.');
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
    const api = createFakeApi();
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
    const beside = fireEvent.drop(document.body, { dataTransfer: { files: [new File([RM5], 'Beside.rm5')] } });
    expect(beside).toBe(false); // default prevented
    expect(zone.className).not.toContain('is-dragging');
    expect(api.callsTo('files.importRevman')).toHaveLength(0);
    // Anywhere on the dialog, its title too.
    fireEvent.drop(within(dialog).getByRole('heading', { name: 'Import RevMan file' }), {
      dataTransfer: { files: [new File([RM5], 'Dropped.rm5')] },
    });
    expect(await screen.findByRole('dialog', { name: 'RevMan file imported' })).toBeTruthy();
    expect(api.callsTo('files.importRevman')).toEqual([{ fileName: 'Dropped.rm5', contentBase64: btoa(RM5) }]);
  });

  it('in the browser, streams a large file through the upload path and imports it by token, without reading it in the page', async () => {
    const api = createFakeApi();
    const sent: string[] = [];
    const client: AppClient = {
      ...api.client,
      upload: (file, name, onProgress, signal) => {
        sent.push(name);
        return api.upload(file, name, onProgress, signal);
      },
      call: (async (method, args) => {
        const answer = await api.client.call(method, args);
        return method === 'app.info' ? { ...(answer as object), host: 'http' } : answer;
      }) as ApiClient['call'],
    };
    const readers = controllableReader();
    const { user } = renderApp(client);
    const dialog = await openImportDialog(user);
    // 30 MB: over what one JSON call to `grove serve` can carry as base64.
    const big = `${RM5}${' '.repeat(30 * 1024 * 1024)}`;
    await user.upload(
      within(dialog).getByLabelText('RevMan 5 file (.rm5) or RevMan Web package (.zip)'),
      new File([big], 'Big review.rm5'),
    );
    expect(await screen.findByRole('dialog', { name: 'RevMan file imported' })).toBeTruthy();
    expect(sent).toEqual(['Big review.rm5']);
    expect(readers).toHaveLength(0);
    expect(api.callsTo('files.importRevman')).toEqual([{ fileName: 'Big review.rm5', uploadToken: 'upload-token-1-0123456789' }]);
  });

  it('in the browser without an upload path, refuses a file too large for one API call, saying what to do instead', async () => {
    const api = createFakeApi();
    const client: AppClient = {
      ...api.client,
      call: (async (method, args) => {
        const answer = await api.client.call(method, args);
        return method === 'app.info' ? { ...(answer as object), host: 'http' } : answer;
      }) as ApiClient['call'],
    };
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
