import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// The Records stage over the real backend: the import wizard (file → detected format and
// preview → search details → import and deduplication), the queue decided by keyboard with
// undo, and the PRISMA identification counts following.

let backend: RealBackend | null = null;
afterEach(() => {
  cleanup();
  backend?.close();
  backend = null;
});

// jsdom lays nothing out: give the virtualised table's scroll box a size so rows render.
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1000 });

const TITLE = 'Peer support for adults with severe mental illness: a randomised controlled trial';
const trial = (extra: string[]) =>
  [
    'TY  - JOUR',
    `TI  - ${TITLE}`,
    'AU  - Smith, John',
    'AU  - Jones, Ann',
    'PY  - 2019',
    'JO  - Psychiatric Services',
    'VL  - 70',
    'SP  - 100',
    'EP  - 110',
    ...extra,
    'ER  - ',
    '',
  ].join('\n');
const MEDLINE = [
  trial(['DO  - 10.1000/peer.2019', 'AB  - Adults were randomised.']),
  ['TY  - JOUR', 'TI  - Exercise for depression in older people', 'AU  - Brown, Carol', 'PY  - 2020', 'ER  - ', ''].join('\n'),
].join('\n');
const EMBASE = [trial(['DO  - 10.1000/PEER.2019']), trial(['DO  - 10.1000/another.2019'])].join('\n');

async function importThroughWizard(user: ReturnType<typeof userEvent.setup>, name: string, text: string, source: string) {
  await user.click(screen.getByRole('button', { name: 'Import records…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import records' });
  await user.upload(within(dialog).getByLabelText('Export file'), new File([text], name, { type: 'application/x-research-info-systems' }));
  expect(await within(dialog).findByText('RIS')).toBeTruthy();
  await user.click(within(dialog).getByRole('button', { name: 'Next: search details' }));
  await user.type(within(dialog).getByLabelText('Database or source'), source);
  await user.click(within(dialog).getByRole('button', { name: /^Import \d+ records$/ }));
  const summary = await within(dialog).findByTestId('import-summary', {}, { timeout: 5000 });
  await user.click(within(dialog).getByRole('button', { name: 'Done' }));
  return summary.textContent ?? '';
}

describe('Records stage', () => {
  it('imports two exports through the wizard, resolves the queue by keyboard with undo, and the PRISMA counts follow', async () => {
    backend = realBackend('fleiss1993');
    const user = userEvent.setup();
    render(<App client={backend.client} initialStage="records" />);
    await screen.findByRole('heading', { level: 1, name: 'Records' });

    expect(await importThroughWizard(user, 'medline.ris', MEDLINE, 'MEDLINE')).toMatch(/Records imported2/);
    const second = await importThroughWizard(user, 'embase.ris', EMBASE, 'Embase');
    expect(second).toMatch(/Records imported2.*Duplicates merged1.*Pairs for review1/);
    await waitFor(() => expect(screen.getByTestId('records-count').textContent).toMatch(/4 in the review: 3 remaining, 1 duplicates/));

    await user.click(screen.getByRole('tab', { name: /Duplicates to review \(1\)/ }));
    expect(await screen.findByRole('table', { name: 'The two records, field by field' })).toBeTruthy();
    const doi = screen.getByRole('row', { name: /DOI/ });
    expect(within(doi).getByText(/conflicts/)).toBeTruthy();
    await user.keyboard('d');
    await waitFor(() => expect(screen.getByTestId('queue-counts').textContent).toMatch(/0 pairs to review · 1 decided/));
    await user.keyboard('u');
    await waitFor(() => expect(screen.getByTestId('queue-counts').textContent).toMatch(/1 pair to review · 0 decided/));
    await user.keyboard('n');
    await waitFor(() => expect(screen.getByTestId('queue-counts').textContent).toMatch(/0 pairs to review · 1 decided/));

    await user.click(screen.getByRole('tab', { name: /Searches & PRISMA/ }));
    const counts = await screen.findByTestId('prisma-counts');
    const count = (name: string) => counts.querySelector(`[data-count="${name}"]`)?.textContent;
    expect(count('databaseRecords')).toBe('4');
    expect(count('duplicatesRemoved')).toBe('1');
    expect(count('recordsToScreen')).toBe('3');
    expect(screen.getByRole('table', { name: 'Search log' }).textContent).toMatch(/embase\.ris \(ris\)/);
  });
});
