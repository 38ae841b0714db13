import './jsdom-shims.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { answerFromKey } from '../../renderer/src/stages/rob/Rob2Form.tsx';
import { emptyStudyFields } from '@grove/shared';
import { realBackend, type RealBackend } from './support/real-backend.ts';

// RoB 2: only the questions the answers call for, live proposals from the official
// algorithms, and an override that needs a reason.

let open: RealBackend | null = null;
afterEach(() => {
  cleanup();
  open?.close();
  open = null;
});

const focused = () => document.activeElement?.getAttribute('aria-labelledby') ?? '';

describe('RoB 2 assessment form', () => {
  it('maps the answer keys', () => {
    const k = (key: string, shiftKey = false, code?: string) => answerFromKey({ key, shiftKey, ...(code ? { code } : {}) });
    expect([k('y'), k('Y', true), k('N', true), k('n'), k('i'), k('a')]).toEqual(['Y', 'PY', 'PN', 'N', 'NI', 'NA']);
    expect([k('1', false, 'Digit1'), k('@', true, 'Digit2'), k('3', false, 'Digit3'), k('4'), k('5'), k('0')]).toEqual([
      'Y',
      'PY',
      'PN',
      'N',
      'NI',
      'NA',
    ]);
    expect(k('x')).toBeNull();
  });

  it(
    'shows only the questions asked, proposes judgements by the algorithm and refuses an override without a reason',
    { timeout: 30_000 },
    async () => {
      open = realBackend('empty');
      const { client } = open;
      await client.call('studies.create', { study: { ...emptyStudyFields('Cook 2012a'), status: 'included' }, reports: [] });
      await client.call('rob.settings.update', { patch: { tool: 'rob2' } });
      const saved = () => client.call('rob2.list', {});
      const user = userEvent.setup();
      render(<App client={client} initialStage="risk-of-bias" />);

      await user.click(await screen.findByRole('button', { name: '+ Assess a result' }, { timeout: 10_000 }));
      await user.type(screen.getByLabelText('Name of the result'), 'Recovery (RAS), 6 months');
      await user.click(screen.getByRole('button', { name: 'Start the assessment' }));
      await waitFor(async () => expect(await saved()).toHaveLength(1));
      await screen.findByRole('heading', { name: 'Cook 2012a: Recovery (RAS), 6 months' });

      const d1 = screen.getByRole('region', { name: /D1 Bias arising from the randomization process/ });
      const d2 = screen.getByRole('region', { name: /D2 Bias due to deviations/ });
      const ids = (region: HTMLElement) =>
        within(region)
          .queryAllByRole('radiogroup')
          .map((g) => g.getAttribute('aria-labelledby'));
      expect(ids(d1)).toEqual(['rob2-q-1.1', 'rob2-q-1.2', 'rob2-q-1.3']);
      // 2.3–2.5 wait for 2.1/2.2, 2.7 for 2.6: not shown yet.
      expect(ids(d2)).toEqual(['rob2-q-2.1', 'rob2-q-2.2', 'rob2-q-2.6']);
      expect(within(d1).getByTestId('proposal').textContent).toContain('waiting for 1.2');

      // Keyboard: Y on 1.1, ↓, Shift+Y (PY) on 1.2, ↓, N on 1.3 → Low.
      act(() => within(d1).getAllByRole('radiogroup')[0]!.focus());
      await user.keyboard('y{ArrowDown}');
      expect(focused()).toBe('rob2-q-1.2');
      await user.keyboard('{Shift>}Y{/Shift}{ArrowDown}n');
      const q12 = within(d1).getAllByRole('radiogroup')[1]!;
      expect(within(q12).getByRole('radio', { name: 'Probably yes' }).getAttribute('aria-checked')).toBe('true');
      expect(within(d1).getByTestId('proposal').textContent).toMatch(/^Proposed: .*Low$/);

      // 1.2 answered No: the algorithm says High at once.
      await user.keyboard('{ArrowUp}n');
      expect(within(d1).getByTestId('proposal').textContent).toMatch(/^Proposed: .*High$/);
      await user.keyboard('y');

      // Answering 2.1 Yes asks 2.3 (deviations because of the trial context).
      await user.keyboard('{ArrowDown}{ArrowDown}y');
      expect(focused()).toBe('rob2-q-2.1');
      expect(ids(d2)).toEqual(['rob2-q-2.1', 'rob2-q-2.2', 'rob2-q-2.3', 'rob2-q-2.6']);

      // Accept D1's proposal; an override without a reason is refused, with one it is recorded.
      const j1 = within(d1).getByRole('group', { name: /D1 .*: judgement/ });
      await user.click(within(j1).getByRole('button', { name: 'Accept Low' }));
      expect(within(j1).getByText('Accepted')).toBeTruthy();
      await user.click(within(j1).getByRole('button', { name: 'Override…' }));
      await user.click(within(j1).getByRole('radio', { name: 'Some concerns' }));
      await user.click(within(j1).getByRole('button', { name: 'Record this judgement' }));
      expect(within(j1).getByRole('alert').textContent).toBe('give a reason for overriding the proposed judgement');
      await user.type(within(j1).getByLabelText('Reason for overriding the proposal'), 'Baseline imbalance in age');
      await user.click(within(j1).getByRole('button', { name: 'Record this judgement' }));
      expect(within(j1).getByText('Overridden')).toBeTruthy();

      // Saved: the answers and the decision, with the proposal recomputed by the server.
      await waitFor(async () =>
        expect((await saved())[0]?.assessment.domains.D1).toMatchObject({
          answers: { '1.1': 'Y', '1.2': 'Y', '1.3': 'N' },
          judgement: {
            proposed: 'low',
            final: { judgement: 'some-concerns', basedOnProposal: 'low', overrideReason: 'Baseline imbalance in age' },
          },
        }),
      );
      expect((await saved())[0]?.assessment.domains.D2.answers).toEqual({ '2.1': 'Y' });

      // Back to the list: the result with its D1 judgement.
      await user.click(screen.getByRole('button', { name: '← All results' }));
      const list = await screen.findByRole('table', { name: 'RoB 2 assessments' });
      expect(within(list).getByRole('cell', { name: 'D1: Some concerns' })).toBeTruthy();
    },
  );
});
