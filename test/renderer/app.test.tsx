import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SEARCH_COUNT_LABELS } from '@grove/shared';
import { LATEST_SCHEMA_VERSION } from '../../db/src/migrations/index.ts';
import { App } from '../../renderer/src/App.tsx';
import type { StageId } from '../../renderer/src/stages/stages.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addStudy, signInAs } from './support/seed.ts';

const XSS = '<img src=x onerror=alert(1)>';

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

/** A new, empty review ("A review") with Ada Reviewer at work, and the studies named (with their reports). */
async function review(studies: [string, { title?: string; authors?: string }[]?][] = []) {
  const api = (open = realBackend('empty'));
  await signInAs(api.client, 'Ada Reviewer', 'AR');
  const created = [];
  for (const [label, reports] of studies) created.push(await addStudy(api.client, label, reports ?? []));
  const protocol = () => api.elsewhere.call('protocol.get', {});
  const studyList = () => api.elsewhere.call('studies.list', {});
  return { api, studies: created, protocol, studyList };
}

function renderApp(api: RealBackend, stage?: StageId) {
  api.forget();
  const user = userEvent.setup();
  const view = render(<App client={api.client} {...(stage ? { initialStage: stage } : {})} />);
  return { user, ...view };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Protocol stage', () => {
  it('sends one debounced protocol.update with the whole edited section', async () => {
    const { api, protocol } = await review();
    const { user } = renderApp(api);
    const population = await screen.findByLabelText('Population');
    await user.type(population, 'Adults with SMI');
    // Still typing (within the debounce): nothing sent yet.
    expect(api.callsTo('protocol.update')).toHaveLength(0);
    await waitFor(() => expect(api.callsTo('protocol.update')).toHaveLength(1));
    expect(api.callsTo('protocol.update')[0]).toEqual({
      patch: { pico: { population: 'Adults with SMI', intervention: '', comparator: '', outcomes: '' } },
    });
    expect((await protocol()).pico.population).toBe('Adults with SMI');
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Saved'));
  });

  it('flushes a pending edit on blur without waiting for the debounce', async () => {
    const { api } = await review();
    const { user } = renderApp(api);
    const question = await screen.findByLabelText('Review question');
    await user.type(question, 'Does it work?');
    await user.tab();
    await waitFor(() => expect(api.callsTo('protocol.update')).toEqual([{ patch: { question: 'Does it work?' } }]), { timeout: 300 });
  });

  it('shows a validation message at the field and does not send the invalid value', async () => {
    const { api, protocol } = await review();
    const { user } = renderApp(api);
    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    const message = await screen.findByText('the review needs a title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(title.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
    expect(screen.getByTestId('save-status').textContent).toBe('Not saved: Title: the review needs a title');
    await sleep(700);
    expect(api.callsTo('protocol.update')).toHaveLength(0);
    expect((await protocol()).title).toBe('A review');

    // Fixing it sends the fixed value, and only valid ones: typed faster than the save's
    // debounce that is one call; a slower typist (or a loaded machine) may also save a
    // valid beginning of it on the way ("Group"), never the empty title.
    await user.type(title, 'Group peer support');
    await waitFor(() => expect(api.callsTo('protocol.update').at(-1)).toEqual({ patch: { title: 'Group peer support' } }));
    for (const call of api.callsTo('protocol.update') as { patch: { title: string } }[]) {
      expect(Object.keys(call.patch)).toEqual(['title']);
      expect(call.patch.title).not.toBe('');
      expect('Group peer support'.startsWith(call.patch.title)).toBe(true);
    }
    expect(title.getAttribute('aria-invalid')).toBeNull();
  });

  it('validates numbers and cross-field rules locally', async () => {
    const { api } = await review();
    const { user } = renderApp(api);
    const medium = await screen.findByLabelText('SMD: medium');
    await user.clear(medium);
    await user.type(medium, '0.1');
    expect(await screen.findByText('small < medium < large is required')).toBeTruthy();
    const funnel = screen.getByLabelText('Fewest studies for a funnel plot');
    await user.clear(funnel);
    await user.type(funnel, 'ten');
    expect(await screen.findByText('must be a number')).toBeTruthy();
    await sleep(600);
    expect(api.callsTo('protocol.update')).toHaveLength(0);
  });

  it('shows a server validation error at the field it names', async () => {
    // Two records imported from MEDLINE: the server refuses a database total below them, a
    // rule the page cannot check (it does not know what was imported).
    const { api } = await review();
    const ris = ['TY  - JOUR', 'TI  - One trial', 'ER  - ', 'TY  - JOUR', 'TI  - Another trial', 'ER  - ', ''].join('\n');
    await api.client.call('records.import', {
      fileName: 'medline.ris',
      contentBase64: btoa(ris),
      search: { source: 'MEDLINE', searchedOn: '2024-01-01' },
    });
    const { user } = renderApp(api);
    const databases = await screen.findByLabelText(SEARCH_COUNT_LABELS.databaseRecords);
    await waitFor(() => expect((databases as HTMLInputElement).value).toBe('2'));
    await user.clear(databases);
    await user.type(databases, '1');
    await user.tab();
    expect(await screen.findByText('cannot be less than the 2 records imported')).toBeTruthy();
    expect(databases.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() =>
      expect(screen.getByTestId('save-status').textContent).toMatch(/^Not saved: .*cannot be less than the 2 records imported/),
    );
    expect((await api.elsewhere.call('searchCounts.get', {})).databaseRecords).toBe(2);
  });

  it('keeps the PRISMA counts in a group of the protocol form, not a form nested in it, and saves them on leaving', async () => {
    const { api } = await review();
    const { user } = renderApp(api);
    const databases = await screen.findByLabelText(SEARCH_COUNT_LABELS.databaseRecords);
    // A form inside a form is invalid HTML (React warns, browsers drop the inner one when parsing).
    expect(document.querySelectorAll('form form')).toHaveLength(0);
    expect(within(screen.getByRole('group', { name: 'PRISMA counts' })).getByLabelText(SEARCH_COUNT_LABELS.databaseRecords)).toBe(
      databases,
    );
    await user.type(databases, '120');
    await user.tab();
    await waitFor(async () => expect((await api.elsewhere.call('searchCounts.get', {})).databaseRecords).toBe(120));
  });

  it('adds an outcome domain and an outcome in it, with generated ids, saved together', async () => {
    const { api, protocol } = await review();
    const { user } = renderApp(api);
    await user.click(await screen.findByRole('button', { name: '+ Add outcome domain' }));
    const name = screen.getByLabelText('Domain name');
    expect(document.activeElement).toBe(name);
    await user.type(name, 'Self-esteem');
    await user.click(screen.getByRole('button', { name: '+ Add outcome to Self-esteem' }));
    await user.type(screen.getByLabelText('Outcome name'), 'Rosenberg scale');
    await user.tab();
    await waitFor(async () => expect((await protocol()).plannedOutcomes).toHaveLength(1));
    const [domain] = (await protocol()).outcomeDomains;
    expect(domain?.name).toBe('Self-esteem');
    expect(domain?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await protocol()).plannedOutcomes[0]).toMatchObject({ name: 'Rosenberg scale', domainId: domain?.id });
    for (const args of api.callsTo('protocol.update') as { patch: object }[]) {
      expect(Object.keys(args.patch).sort()).toEqual(['outcomeDomains', 'plannedOutcomes']);
    }
  });

  it('renders a protocol field containing HTML as text', async () => {
    const { api } = await review();
    await api.client.call('protocol.update', { patch: { title: XSS, question: XSS } });
    renderApp(api);
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    expect(title.value).toBe(XSS);
    expect((screen.getByLabelText('Review question') as HTMLTextAreaElement).value).toBe(XSS);
    // The header shows the title as text, too.
    await waitFor(() => expect(document.querySelector('.app-header__title')?.textContent).toBe(XSS));
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('Studies stage', () => {
  it('adds a study with two reports in one change', async () => {
    const { api } = await review();
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('button', { name: /Add study/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Add study' });
    const d = within(dialog);
    await user.type(d.getByLabelText('Study name'), 'Smith 2019');
    await user.click(d.getByRole('button', { name: '+ Add report' }));
    await user.click(d.getByRole('button', { name: '+ Add report' }));
    const r1 = within(d.getByRole('group', { name: 'Report 1' }));
    const r2 = within(d.getByRole('group', { name: 'Report 2' }));
    await user.type(r1.getByLabelText('Title'), 'Peer support RCT: main results');
    await user.type(r1.getByLabelText('Year'), '2019');
    await user.type(r2.getByLabelText('Title'), 'Peer support RCT: protocol');
    await user.type(r2.getByLabelText('DOI'), '10.1000/abc123');
    await user.click(d.getByRole('button', { name: 'Add study' }));

    await waitFor(() => expect(api.callsTo('studies.create')).toHaveLength(1));
    const args = api.callsTo('studies.create')[0] as {
      study: { label: string };
      reports: { title: string; year: number | null; isPrimary: boolean }[];
    };
    expect(args.study.label).toBe('Smith 2019');
    expect(args.reports.map((r) => r.title)).toEqual(['Peer support RCT: main results', 'Peer support RCT: protocol']);
    expect(args.reports[0]).toMatchObject({ year: 2019, isPrimary: true });
    expect(args.reports[1]).toMatchObject({ year: null, isPrimary: false });

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Smith 2019' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Reports (2)' })).toBeTruthy();
    expect(screen.getByText('Peer support RCT: protocol')).toBeTruthy();
  });

  it('does not create a study without a name and says why', async () => {
    const { api } = await review();
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('button', { name: /Add study/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Add study' });
    await user.click(within(dialog).getByRole('button', { name: '+ Add report' }));
    await user.type(within(dialog).getByLabelText('PubMed ID'), 'abc');
    await user.click(within(dialog).getByRole('button', { name: 'Add study' }));
    expect(await within(dialog).findByText('a study needs a name, e.g. "Smith 2019"')).toBeTruthy();
    expect(within(dialog).getByText('a PubMed ID is digits only')).toBeTruthy();
    expect(api.callsTo('studies.create')).toHaveLength(0);
  });

  it('asks before deleting a study, then offers Undo that brings it back', async () => {
    const {
      api,
      studies: [cook],
      studyList,
    } = await review([['Cook 2012a', [{ title: 'Cook main' }]], ['Eisen 2012']]);
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('button', { name: 'Cook 2012a' }));
    await user.click(screen.getByRole('button', { name: 'Delete study…' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm.textContent).toContain('Delete the study “Cook 2012a”?');
    await user.click(within(confirm).getByRole('button', { name: 'Delete study' }));
    await waitFor(() => expect(api.callsTo('studies.delete')).toEqual([{ id: cook!.id }]));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cook 2012a' })).toBeNull());

    const toast = (await screen.findByText('Deleted study “Cook 2012a”')).closest('li') as HTMLElement;
    const toastUndo = within(toast).getByRole('button', { name: /Undo/ });
    // The confirmation has gone and given the page its pointer back (Radix disables pointer
    // events outside a modal until its layer unmounts; under load the toast can come first).
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(document.body.style.pointerEvents).not.toBe('none'));
    await user.click(toastUndo);
    await waitFor(() => expect(api.callsTo('history.undo')).toHaveLength(1));
    expect(await screen.findByRole('button', { name: 'Cook 2012a' })).toBeTruthy();
    expect((await studyList()).map((s) => s.label).sort()).toEqual(['Cook 2012a', 'Eisen 2012']);
  });

  it('cancelling the confirmation keeps the study', async () => {
    const { api } = await review([['Cook 2012a']]);
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('button', { name: 'Delete study…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('studies.delete')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Cook 2012a' })).toBeTruthy();
  });

  it('adds, edits and deletes a report of an existing study', async () => {
    const { api, studyList } = await review([['Cook 2012a', [{ title: 'First paper' }]]]);
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('button', { name: '+ Add report' }));
    let dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Title'), 'Second paper');
    await user.click(within(dialog).getByRole('button', { name: 'Add report' }));
    expect(await screen.findByText('Second paper')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Edit report First paper' }));
    dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'First paper (revised)');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('First paper (revised)')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Delete report Second paper' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete report' }));
    await waitFor(() => expect(screen.queryByText('Second paper')).toBeNull());
    expect((await studyList())[0]?.reports.map((r) => r.title)).toEqual(['First paper (revised)']);
  });

  it('renders imported HTML in study and report text as text', async () => {
    const { api } = await review([[XSS, [{ title: XSS, authors: XSS }]]]);
    renderApp(api, 'studies');
    expect(await screen.findByRole('button', { name: XSS })).toBeTruthy();
    expect(screen.getAllByText(XSS).length).toBeGreaterThan(1);
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('Shell', () => {
  it('switches stages with Alt+digit and marks unfinished stages honestly', async () => {
    const { api } = await review();
    const { user } = renderApp(api);
    await screen.findByLabelText('Title');
    const nav = screen.getByRole('navigation', { name: 'Review stages' });
    // Every stage has landed (Screening last, issue 14): none is marked "Later", and the note goes.
    for (const name of [/Protocol/, /Screening/]) expect(within(nav).getByRole('button', { name }).textContent).not.toContain('Later');
    expect(within(nav).queryByText(/Stages marked/)).toBeNull();
    await user.click(document.body);
    await user.keyboard('{Alt>}3{/Alt}');
    expect(await screen.findByRole('tab', { name: 'Screen' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Screening' }));
    await user.keyboard('{Alt>}4{/Alt}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Studies & data' })).toBeTruthy();
  });

  it('Ctrl+Z undoes the last change outside text fields, and leaves text fields alone', async () => {
    const { api, protocol } = await review();
    const { user } = renderApp(api);
    const question = await screen.findByLabelText('Review question');
    await user.type(question, 'Q1');
    await user.tab();
    await waitFor(async () => expect((await protocol()).question).toBe('Q1'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Undo' }).hasAttribute('disabled')).toBe(false));

    question.focus();
    await user.keyboard('{Control>}z{/Control}');
    expect(api.callsTo('history.undo')).toHaveLength(0);

    act(() => (document.activeElement as HTMLElement).blur());
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(api.callsTo('history.undo')).toHaveLength(1));
    await waitFor(() => expect((screen.getByLabelText('Review question') as HTMLTextAreaElement).value).toBe(''));
    expect((await protocol()).question).toBe('');
  });

  it('Ctrl+N opens Add study in the Studies stage', async () => {
    const { api } = await review();
    const { user } = renderApp(api, 'studies');
    await screen.findByRole('heading', { level: 1, name: 'Studies & data' });
    await user.keyboard('{Control>}n{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Add study' })).toBeTruthy();
  });

  it('shows file, schema version and reviewer in the status bar', async () => {
    const { api } = await review();
    renderApp(api);
    const bar = await screen.findByRole('contentinfo', { name: 'Status' });
    await waitFor(() => expect(bar.textContent).toContain('review.grove'));
    expect(bar.textContent).toContain(`v${LATEST_SCHEMA_VERSION}`);
    expect(bar.textContent).toContain('Ada Reviewer');
  });
});

describe('Leaving a form with an invalid edit', () => {
  it('says the edit was not saved instead of dropping it silently', async () => {
    const { api } = await review();
    const { user } = renderApp(api);
    await user.clear(await screen.findByLabelText('Title'));
    await screen.findByText('the review needs a title');
    await user.keyboard('{Alt>}4{/Alt}');
    expect(await screen.findByText('An edit was not saved')).toBeTruthy();
    expect(screen.getByTestId('save-status').textContent).not.toMatch(/^Not saved/);
    expect(api.callsTo('protocol.update')).toHaveLength(0);
  });
});

describe('Study list keyboard', () => {
  it('moves between studies with the arrow keys and deletes with Delete after confirmation', async () => {
    const { api, studyList } = await review([['Alpha 2001'], ['Beta 2002'], ['Gamma 2003']]);
    const { user } = renderApp(api, 'studies');
    const alpha = await screen.findByRole('button', { name: 'Alpha 2001' });
    alpha.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Beta 2002' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Beta 2002' })).toBeTruthy();
    await user.keyboard('{Delete}');
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete study' }));
    await waitFor(async () => expect((await studyList()).map((s) => s.label)).toEqual(['Alpha 2001', 'Gamma 2003']));
  });
});
