import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtractionForm, Timepoint } from '@grove/shared';
import { App } from '../../renderer/src/App.tsx';
import type { StageId } from '../../renderer/src/stages/stages.ts';
import type { AppStore } from '../../renderer/src/store/app.ts';
import { createFakeApi, makeStudy, type FakeApi, type FakeInit } from './fake-api.ts';

afterEach(() => cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function renderApp(api: FakeApi, stage: StageId, setup?: (s: AppStore) => void) {
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

const STUDY = makeStudy('Cook 2012a');

const FORM: ExtractionForm = {
  sections: [{ id: 'sec-p', title: 'Participants', description: '' }],
  fields: [
    { id: 'f-age', sectionId: 'sec-p', label: 'Mean age', type: 'number', unit: 'years', options: [], help: '' },
    { id: 'f-women', sectionId: 'sec-p', label: 'Women', type: 'percentage', unit: '', options: [], help: '' },
  ],
};

function gridData(): FakeInit {
  const sid = STUDY.id;
  const tp = (id: string, label: string, weeks: number): Timepoint => ({
    id,
    studyId: sid,
    label,
    weeksAfterTreatment: weeks,
    categoryOverride: null,
  });
  return {
    studies: [STUDY],
    protocol: {
      outcomeDomains: [{ id: 'dom-1', name: 'Recovery', description: '', includes: [] }],
      plannedOutcomes: [
        { id: 'po-rec', domainId: 'dom-1', name: 'Recovery', description: '' },
        { id: 'po-hosp', domainId: 'dom-1', name: 'Hospital admission', description: '' },
      ],
    },
    arms: [
      { id: 'arm-i', studyId: sid, label: 'Peer support', role: 'intervention', description: '', randomised: 40 },
      { id: 'arm-c', studyId: sid, label: 'Usual care', role: 'control', description: '', randomised: 42 },
    ],
    outcomes: [
      { id: 'so-rec', studyId: sid, outcomeId: 'po-rec', measure: 'RAS', direction: 'higher-better', dataType: 'continuous', notes: '' },
      {
        id: 'so-hosp',
        studyId: sid,
        outcomeId: 'po-hosp',
        measure: 'Admissions',
        direction: 'lower-better',
        dataType: 'dichotomous',
        notes: '',
      },
    ],
    timepoints: [tp('tp-0', 'End of treatment', 0), tp('tp-26', '6 months', 26)],
  };
}

async function openStudyTab(user: ReturnType<typeof userEvent.setup>, tab: 'Characteristics' | 'Outcome data') {
  await user.click(await screen.findByRole('tab', { name: tab }));
}

describe('Extraction form designer', () => {
  it('adds a section and a field and saves the whole form validated', async () => {
    const api = createFakeApi({ studies: [STUDY] });
    const { user } = renderApp(api, 'studies');
    await user.click(await screen.findByRole('tab', { name: 'Extraction form' }));
    await user.click(await screen.findByRole('button', { name: '+ Add section' }));
    // The new title has focus and is selected: typing replaces it.
    await user.keyboard('Participants');
    await user.click(screen.getByRole('button', { name: '+ Add field' }));
    await user.keyboard('Mean age');
    await user.selectOptions(screen.getByLabelText('Type'), 'number');
    await user.type(screen.getByLabelText('Unit'), 'years');
    await waitFor(() => expect(api.state.form.fields).toHaveLength(1), { timeout: 2000 });
    await waitFor(() => expect(api.state.form.fields[0]).toMatchObject({ label: 'Mean age', type: 'number', unit: 'years' }), {
      timeout: 2000,
    });
    expect(api.state.form.sections).toEqual([expect.objectContaining({ title: 'Participants' })]);

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
    await waitFor(() => expect(api.state.form.fields[0]?.options.map((o) => o.label)).toEqual(['Inpatient', 'Community']), {
      timeout: 2000,
    });
  });
});

describe('Study characteristics', () => {
  it('keeps N/R distinct from empty and never sends an invalid entry', async () => {
    const api = createFakeApi({ studies: [STUDY], form: FORM });
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
        { studyId: STUDY.id, fieldId: 'f-age', content: { status: 'value', value: 45.2 }, sourceNote: '', comment: '' },
      ]),
    );

    // Typing N/R is "not reported"; emptying the field clears it (not yet extracted).
    await user.clear(women);
    await user.type(women, 'n/r');
    await user.tab();
    await waitFor(() =>
      expect(api.state.characteristics.find((c) => c.fieldId === 'f-women')?.content).toEqual({ status: 'not-reported' }),
    );
    expect(screen.getByRole('button', { name: 'Women: not reported' }).getAttribute('aria-pressed')).toBe('true');
    await user.clear(women);
    await user.tab();
    await waitFor(() => expect(api.state.characteristics.find((c) => c.fieldId === 'f-women')).toBeUndefined());
    expect(screen.getByRole('button', { name: 'Women: not reported' }).getAttribute('aria-pressed')).toBe('false');

    // The N/R button and Alt+Shift+N mark it too.
    await user.click(screen.getByRole('button', { name: 'Women: not reported' }));
    await waitFor(() =>
      expect(api.state.characteristics.find((c) => c.fieldId === 'f-women')?.content).toEqual({ status: 'not-reported' }),
    );
    await user.click(age);
    await user.keyboard('{Alt>}{Shift>}N{/Shift}{/Alt}');
    await waitFor(() => expect(api.state.characteristics.find((c) => c.fieldId === 'f-age')?.content).toEqual({ status: 'not-reported' }));
    expect((age as HTMLInputElement).value).toBe('N/R');
    const sent = api.callsTo('characteristics.set').map((c) => (c as { content: unknown }).content);
    expect(sent).not.toContainEqual(expect.objectContaining({ value: 140 }));
  });
});

describe('Results grid', () => {
  const cell = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

  it('shows invalid entries at the cell and does not send them', async () => {
    const api = createFakeApi(gridData());
    const { user } = renderApp(api, 'studies');
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
          studyOutcomeId: 'so-rec',
          timepointId: 'tp-0',
          armId: 'arm-i',
          result: { kind: 'continuous', mean: null, sd: 1.5, n: null, derivation: null },
        },
      ]),
    );
  });

  it('moves with the keyboard like a spreadsheet and fills a pasted block from the active cell', async () => {
    const api = createFakeApi(gridData());
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
    await waitFor(() => expect(api.state.results).toHaveLength(4));
    // The block is one change: a single results.setMany (one undo step), no per-cell calls.
    expect(api.callsTo('results.setMany')).toHaveLength(1);
    expect((api.callsTo('results.setMany')[0] as { cells: unknown[] }).cells).toHaveLength(4);
    expect(api.callsTo('results.set')).toHaveLength(0);
    expect(api.state.results.find((r) => r.armId === 'arm-c' && r.timepointId === 'tp-26')?.result).toEqual({
      kind: 'continuous',
      mean: 11.2,
      sd: 4,
      n: 39,
      derivation: null,
    });
    // A PDF row "12.1 (3.4) 38" splits on brackets and spaces.
    await user.click(cell('Events, Peer support, Hospital admission at End of treatment'));
    await user.paste('5 38 9 40');
    await waitFor(() =>
      expect(api.state.results.find((r) => r.studyOutcomeId === 'so-hosp' && r.armId === 'arm-c')?.result).toEqual({
        kind: 'dichotomous',
        events: 9,
        n: 40,
        derivation: null,
      }),
    );
  });

  it('stores a calculator result with its derivation and shows it as derived', async () => {
    const api = createFakeApi(gridData());
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
    expect(screen.getByText('SD = SE·√N', { selector: 'dd' })).toBeTruthy();

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
    const api = createFakeApi({ studies: [makeStudy('Cook 2012a'), makeStudy('Eisen 2012')] });
    const { user } = renderApp(api, 'risk-of-bias');
    const grid = await screen.findByRole('grid', { name: 'Risk of bias judgements' });
    const first = within(grid).getByRole('gridcell', { name: 'Cook 2012a, Sequence generation: not judged' });
    expect(first.tabIndex).toBe(0);
    act(() => first.focus());
    await user.keyboard('h');
    await waitFor(() => expect(api.state.rob[makeStudy('Cook 2012a').id]?.sequenceGeneration.judgement).toBe('high'));
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Cook 2012a, Sequence generation: High risk');
    // Overall: a key domain at high decides it.
    await waitFor(() => expect(within(grid).getByRole('gridcell', { name: /^Cook 2012a, overall: High risk/ })).toBeTruthy());

    await user.keyboard('{ArrowRight}3');
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Cook 2012a, Allocation concealment: Unclear risk'),
    );
    await user.keyboard('{ArrowDown}l');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Eisen 2012, Allocation concealment: Low risk'));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Eisen 2012, Allocation concealment: not judged'));
    expect(api.state.rob[makeStudy('Eisen 2012').id]?.allocationConcealment).toEqual({ level: 'study', judgement: null, support: '' });

    await user.keyboard('{ArrowUp}{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Cook 2012a: Allocation concealment (selection bias)' });
    await user.type(within(dialog).getByLabelText('Support for judgement'), 'Not described.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() =>
      expect(api.state.rob[makeStudy('Cook 2012a').id]?.allocationConcealment).toEqual({
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
