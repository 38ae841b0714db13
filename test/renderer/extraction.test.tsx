import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtractionForm } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import type { StageId } from '../../renderer/src/stages/stages.ts';
import type { AppStore } from '../../renderer/src/store/app.ts';
import { realBackend, type RealBackend } from './support/real-backend.ts';
import { addStudy } from './support/seed.ts';

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function renderApp(api: RealBackend, stage: StageId, setup?: (s: AppStore) => void) {
  api.forget();
  const user = userEvent.setup();
  let store: AppStore | null = null;
  const view = render(
    <App
      client={api.client}
      initialStage={stage}
      onStore={(s) => {
        store = s;
        setup?.(s);
      }}
    />,
  );
  return { user, store: () => store!, ...view };
}

const FORM: ExtractionForm = {
  sections: [{ id: 'sec-p', title: 'Participants', description: '' }],
  fields: [
    { id: 'f-age', sectionId: 'sec-p', label: 'Mean age', type: 'number', unit: 'years', options: [], help: '' },
    { id: 'f-women', sectionId: 'sec-p', label: 'Women', type: 'percentage', unit: '', options: [], help: '' },
  ],
};

/** An empty review with one study, Cook 2012a. */
async function oneStudy() {
  const api = (open = realBackend('empty'));
  const study = await addStudy(api.client, 'Cook 2012a');
  return { api, study };
}

/**
 * Cook 2012a with two arms (40 and 42 randomised), a continuous outcome (Recovery, RAS) and
 * a dichotomous one (Hospital admission), each at the end of treatment and at 6 months.
 */
async function gridReview() {
  const { api, study } = await oneStudy();
  const { client } = api;
  await client.call('protocol.update', {
    patch: {
      outcomeDomains: [{ id: 'dom-1', name: 'Recovery', description: '', includes: [] }],
      plannedOutcomes: [
        { id: 'po-rec', domainId: 'dom-1', name: 'Recovery', description: '' },
        { id: 'po-hosp', domainId: 'dom-1', name: 'Hospital admission', description: '' },
      ],
    },
  });
  const arm = (label: string, role: 'intervention' | 'control', randomised: number) =>
    client.call('arms.create', { studyId: study.id, arm: { label, role, description: '', randomised } });
  const intervention = await arm('Peer support', 'intervention', 40);
  const control = await arm('Usual care', 'control', 42);
  const recovery = await client.call('studyOutcomes.create', {
    studyId: study.id,
    outcome: { outcomeId: 'po-rec', measure: 'RAS', direction: 'higher-better', dataType: 'continuous', notes: '' },
  });
  const hospital = await client.call('studyOutcomes.create', {
    studyId: study.id,
    outcome: { outcomeId: 'po-hosp', measure: 'Admissions', direction: 'lower-better', dataType: 'dichotomous', notes: '' },
  });
  const timepoint = (label: string, weeksAfterTreatment: number) =>
    client.call('timepoints.create', { studyId: study.id, timepoint: { label, weeksAfterTreatment, categoryOverride: null } });
  const end = await timepoint('End of treatment', 0);
  const sixMonths = await timepoint('6 months', 26);
  const results = async () => (await api.elsewhere.call('studyData.get', { studyId: study.id })).results;
  return {
    api,
    ids: {
      intervention: intervention.id,
      control: control.id,
      recovery: recovery.id,
      hospital: hospital.id,
      end: end.id,
      sixMonths: sixMonths.id,
    },
    results,
  };
}

async function openStudyTab(user: ReturnType<typeof userEvent.setup>, tab: 'Characteristics' | 'Outcome data') {
  await user.click(await screen.findByRole('tab', { name: tab }));
}

describe('Extraction form designer', () => {
  it('adds a section and a field and saves the whole form validated', async () => {
    const { api } = await oneStudy();
    // A new review starts with the neutral RCT form: this one starts from nothing.
    await api.client.call('form.update', { form: { sections: [], fields: [] } });
    const form = () => api.elsewhere.call('form.get', {});
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Extraction form' }));
    await user.click(await screen.findByRole('button', { name: '+ Add section' }));
    // The new title has focus and is selected: typing replaces it.
    await user.keyboard('Participants');
    await user.click(screen.getByRole('button', { name: '+ Add field' }));
    await user.keyboard('Mean age');
    await user.selectOptions(screen.getByLabelText('Type'), 'number');
    await user.type(screen.getByLabelText('Unit'), 'years');
    await waitFor(async () => expect((await form()).fields).toHaveLength(1));
    await waitFor(async () => expect((await form()).fields[0]).toMatchObject({ label: 'Mean age', type: 'number', unit: 'years' }));
    expect((await form()).sections).toEqual([expect.objectContaining({ title: 'Participants' })]);

    // A label cleared is held back with a message at the field.
    const sent = api.callsTo('form.update').length;
    const label = screen.getByLabelText('Label');
    await user.clear(label);
    expect(await screen.findByText('a field needs a label')).toBeTruthy();
    expect(label.getAttribute('aria-invalid')).toBe('true');
    await sleep(800);
    expect(api.callsTo('form.update')).toHaveLength(sent);

    // A choice field needs two options before it is saved.
    await user.type(label, 'Setting');
    await user.selectOptions(screen.getByLabelText('Type'), 'singleChoice');
    expect(await screen.findByText('a choice field needs at least two options')).toBeTruthy();
    await user.type(screen.getByLabelText('Options'), 'Inpatient{Enter}Community');
    await waitFor(async () => expect((await form()).fields[0]?.options.map((o) => o.label)).toEqual(['Inpatient', 'Community']));
  });
});

describe('Study characteristics', () => {
  it('keeps N/R distinct from empty and never sends an invalid entry', async () => {
    const { api, study } = await oneStudy();
    await api.client.call('form.update', { form: FORM });
    const value = async (fieldId: string) =>
      (await api.elsewhere.call('characteristics.list', { studyId: study.id })).find((c) => c.fieldId === fieldId);
    const { user } = renderApp(api, 'studies');
    await openStudyTab(user, 'Characteristics');
    const age = await screen.findByLabelText('Mean age (years)');
    const women = screen.getByLabelText('Women (%)');

    // A letter in a number field: message at the field, nothing sent.
    await user.type(age, '4a');
    expect(await screen.findByText('"4a" is not a number')).toBeTruthy();
    expect(age.getAttribute('aria-invalid')).toBe('true');
    await user.type(women, '140');
    expect(await screen.findByText('a percentage must be between 0 and 100')).toBeTruthy();
    await sleep(700);
    expect(api.callsTo('characteristics.set')).toHaveLength(0);

    // Fixing one saves it; the other stays held back.
    await user.clear(age);
    await user.type(age, '45.2');
    await user.tab();
    await waitFor(() =>
      expect(api.callsTo('characteristics.set')).toEqual([
        { studyId: study.id, fieldId: 'f-age', content: { status: 'value', value: 45.2 }, sourceNote: '', comment: '' },
      ]),
    );

    // Typing N/R is "not reported"; emptying the field clears it (not yet extracted).
    await user.clear(women);
    await user.type(women, 'n/r');
    await user.tab();
    await waitFor(async () => expect((await value('f-women'))?.content).toEqual({ status: 'not-reported' }));
    expect(screen.getByRole('button', { name: 'Women: not reported' }).getAttribute('aria-pressed')).toBe('true');
    await user.clear(women);
    await user.tab();
    await waitFor(async () => expect(await value('f-women')).toBeUndefined());
    expect(screen.getByRole('button', { name: 'Women: not reported' }).getAttribute('aria-pressed')).toBe('false');

    // The N/R button and Alt+Shift+N mark it too.
    await user.click(screen.getByRole('button', { name: 'Women: not reported' }));
    await waitFor(async () => expect((await value('f-women'))?.content).toEqual({ status: 'not-reported' }));
    await user.click(age);
    await user.keyboard('{Alt>}{Shift>}N{/Shift}{/Alt}');
    await waitFor(async () => expect((await value('f-age'))?.content).toEqual({ status: 'not-reported' }));
    expect((age as HTMLInputElement).value).toBe('N/R');
    const sent = api.callsTo('characteristics.set').map((c) => (c as { content: unknown }).content);
    expect(sent).not.toContainEqual(expect.objectContaining({ value: 140 }));
  });
});

describe('Results grid', () => {
  const cell = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

  it('shows invalid entries at the cell and does not send them', async () => {
    const { api, ids } = await gridReview();
    renderApp(api, 'studies');
    // Each entry typed at once (no pause between keys): "12" or "50" must not be saved as
    // the valid "1" or "5" because a busy machine let the save's timer run mid-word.
    const user = userEvent.setup({ delay: null });
    await openStudyTab(user, 'Outcome data');
    await screen.findByLabelText('SD, Peer support, Recovery at End of treatment');

    await user.type(cell('SD, Peer support, Recovery at End of treatment'), '0');
    expect(await screen.findByText('SD must be greater than 0')).toBeTruthy();
    await user.type(cell('Mean, Usual care, Recovery at End of treatment'), '3,x');
    expect(await screen.findByText('“3,x” is not a number')).toBeTruthy();
    await user.type(cell('Events, Peer support, Hospital admission at End of treatment'), '12');
    await user.type(cell('N, Peer support, Hospital admission at End of treatment'), '10');
    expect(await screen.findByText('events (12) cannot exceed N (10)')).toBeTruthy();
    await user.type(cell('N, Usual care, Hospital admission at End of treatment'), '50');
    expect(await screen.findByText('N (50) is larger than the 42 randomised to “Usual care”')).toBeTruthy();
    const sd = cell('SD, Peer support, Recovery at End of treatment');
    expect(sd.getAttribute('aria-invalid')).toBe('true');
    expect(sd.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(sd.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('SD must be greater than 0');
    await user.tab();
    await sleep(900);
    expect(api.callsTo('results.set')).toHaveLength(0);
    expect(screen.getByTestId('save-status').textContent).toMatch(/^Not saved: /);

    // A valid entry in the same grid is saved on its own.
    await user.clear(sd);
    await user.type(sd, '1.5');
    await user.tab();
    await waitFor(() =>
      expect(api.callsTo('results.set')).toEqual([
        {
          studyOutcomeId: ids.recovery,
          timepointId: ids.end,
          armId: ids.intervention,
          result: { kind: 'continuous', mean: null, sd: 1.5, n: null, derivation: null },
        },
      ]),
    );
  });

  it('moves with the keyboard like a spreadsheet and fills a pasted block from the active cell', async () => {
    const { api, ids, results } = await gridReview();
    const { user } = renderApp(api, 'studies');
    await openStudyTab(user, 'Outcome data');
    const mean0 = await screen.findByLabelText('Mean, Peer support, Recovery at End of treatment');
    await user.click(mean0);
    expect(document.activeElement).toBe(mean0);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(cell('Mean, Peer support, Recovery at 6 months'));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(cell('Events, Peer support, Hospital admission at End of treatment'));
    await user.keyboard('{ArrowUp}{ArrowRight}');
    expect(document.activeElement).toBe(cell('SD, Peer support, Recovery at 6 months'));
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(cell('Mean, Usual care, Recovery at 6 months'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(cell('N, Peer support, Recovery at 6 months'));
    await user.keyboard('{Tab}');
    expect(document.activeElement).toBe(cell('Mean, Usual care, Recovery at 6 months'));

    // Paste a 2 × 6 block (from a spreadsheet) into the first cell.
    await user.click(mean0);
    await user.paste('12.1\t3.4\t38\t11.0\t3.9\t40\n13.5\t3.1\t35\t11.2\t4.0\t39\n');
    expect(cell('N, Usual care, Recovery at 6 months').value).toBe('39');
    await waitFor(async () => expect(await results()).toHaveLength(4));
    // The block is one change: a single results.setMany (one undo step), no per-cell calls.
    expect(api.callsTo('results.setMany')).toHaveLength(1);
    expect((api.callsTo('results.setMany')[0] as { cells: unknown[] }).cells).toHaveLength(4);
    expect(api.callsTo('results.set')).toHaveLength(0);
    expect((await results()).find((r) => r.armId === ids.control && r.timepointId === ids.sixMonths)?.result).toEqual({
      kind: 'continuous',
      mean: 11.2,
      sd: 4,
      n: 39,
      derivation: null,
    });
    // A PDF row "12.1 (3.4) 38" splits on brackets and spaces.
    await user.click(cell('Events, Peer support, Hospital admission at End of treatment'));
    await user.paste('5 38 9 40');
    await waitFor(async () =>
      expect((await results()).find((r) => r.studyOutcomeId === ids.hospital && r.armId === ids.control)?.result).toEqual({
        kind: 'dichotomous',
        events: 9,
        n: 40,
        derivation: null,
      }),
    );
  });

  it('stores a calculator result with its derivation and shows it as derived', async () => {
    const { api } = await gridReview();
    const { user } = renderApp(api, 'studies');
    await openStudyTab(user, 'Outcome data');
    const sd = await screen.findByLabelText('SD, Peer support, Recovery at End of treatment');
    await user.click(sd);
    await user.keyboard('=');
    const dialog = await screen.findByRole('dialog', { name: 'Calculate for Peer support' });
    await user.click(within(dialog).getByLabelText('SD from SE'));
    expect((within(dialog).getByLabelText('N (Peer support)') as HTMLInputElement).value).toBe('40');
    await user.type(within(dialog).getByLabelText('SE of the mean'), '0.5');
    await user.click(within(dialog).getByRole('button', { name: /^Use SD = 3.16228/ }));
    await waitFor(() => expect(api.callsTo('results.set')).toHaveLength(1));
    const sent = api.callsTo('results.set')[0] as {
      result: { sd: number; derivation: { method: string; inputs: unknown; formula: string; reference: string } };
    };
    expect(sent.result.sd).toBeCloseTo(0.5 * Math.sqrt(40), 12);
    expect(sent.result.derivation).toEqual({
      method: 'sd-from-se',
      inputs: { se: 0.5, n: 40 },
      formula: 'SD = SE·√N',
      reference: 'Cochrane Handbook v6 §6.5.2.2',
    });
    const sdCell = cell('SD, Peer support, Recovery at End of treatment');
    expect(sdCell.closest('td')?.className).toContain('cell--derived');
    await waitFor(() => expect(document.activeElement).toBe(sdCell));
    // The derivation's formula, typeset (MathML) and labelled with the formula as written.
    expect(screen.getAllByTestId('formula').map((f) => f.getAttribute('aria-label'))).toContain('SD = SE·√N');

    // Typing over the derived number makes it a reported one again.
    await user.clear(sdCell);
    await user.type(sdCell, '3.2');
    await user.tab();
    await waitFor(() => expect((api.callsTo('results.set').at(-1) as { result: { derivation: unknown } }).result.derivation).toBeNull());
    expect(sdCell.closest('td')?.className).not.toContain('cell--derived');
  });
});

describe('Risk of bias stage', () => {
  it('judges with the keyboard: L/H/U, 1/2/3, Delete, Enter for the support text', async () => {
    const api = (open = realBackend('empty'));
    await addStudy(api.client, 'Cook 2012a');
    await addStudy(api.client, 'Eisen 2012');
    const judgements = async (label: string) => (await api.elsewhere.call('rob.list', {})).find((r) => r.label === label)?.assessment;
    const { user } = renderApp(api, 'risk-of-bias');
    const grid = await screen.findByRole('grid', { name: 'Risk of bias judgements' });
    const first = within(grid).getByRole('gridcell', { name: 'Cook 2012a, Sequence generation: not judged' });
    expect(first.tabIndex).toBe(0);
    act(() => first.focus());
    await user.keyboard('h');
    await waitFor(async () => expect((await judgements('Cook 2012a'))?.sequenceGeneration.judgement).toBe('high'));
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Cook 2012a, Sequence generation: High risk');
    // Overall: a key domain at high decides it.
    await waitFor(() => expect(within(grid).getByRole('gridcell', { name: /^Cook 2012a, overall: High risk/ })).toBeTruthy());

    // 1/2/3 in the order the grid shows: Low, Unclear, High.
    await user.keyboard('{ArrowRight}2');
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Cook 2012a, Allocation concealment: Unclear risk'),
    );
    await user.keyboard('{ArrowDown}l');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Eisen 2012, Allocation concealment: Low risk'));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Eisen 2012, Allocation concealment: not judged'));
    expect((await judgements('Eisen 2012'))?.allocationConcealment).toEqual({ level: 'study', judgement: null, support: '' });

    await user.keyboard('{ArrowUp}{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Cook 2012a: Allocation concealment (selection bias)' });
    await user.type(within(dialog).getByLabelText('Support for judgement'), 'Not described.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(async () =>
      expect((await judgements('Cook 2012a'))?.allocationConcealment).toEqual({
        level: 'study',
        judgement: 'unclear',
        support: 'Not described.',
      }),
    );
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe(
        'Cook 2012a, Allocation concealment: Unclear risk. Support: Not described.',
      ),
    );
    expect(api.callsTo('rob.setDomain')).toHaveLength(5);

    // Pending overall shows distinctly.
    expect(within(grid).getAllByText('Pending').length).toBeGreaterThan(0);
    // The figures are images, never inlined markup.
    const images = screen.getAllByRole('img');
    expect(images.some((i) => i.getAttribute('src')?.startsWith('data:image/svg+xml'))).toBe(true);
    expect(document.querySelector('main svg')).toBeNull();
  });
});
