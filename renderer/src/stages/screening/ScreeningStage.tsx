import { useState } from 'react';
import type { ScreeningConflict, ScreeningOrder, ScreeningStage as Stage } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { StageHeader } from '../../components/StageHeader.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { firstError, useProtocol, useReviewerList } from '../../data/queries.ts';
import { useApp, useAppStore } from '../../store/app.ts';
import { AgreementView } from './AgreementView.tsx';
import { FullTextPane } from './fulltext/index.ts';
import { OrderSwitch } from './priority/OrderSwitch.tsx';
import { PriorityProgress } from './priority/PriorityProgress.tsx';
import { ConflictsView } from './ConflictsView.tsx';
import { markNotRetrieved, resolveConflict, unmarkNotRetrieved, updateSettings, type Resolution } from './mutations.ts';
import { NotRetrievedList } from './NotRetrievedList.tsx';
import { useConflicts, useNotRetrieved, useScreeningAgreement, useScreeningSettings, useScreeningStatus } from './queries.ts';
import { ScreenView } from './ScreenView.tsx';
import { patchOf, type SettingsDraft } from './settings-form.ts';
import { SettingsView } from './SettingsView.tsx';
import { useScreeningQueue } from './useScreeningQueue.ts';
import './screening.css';

// The Screening stage: screen records one at a time by keyboard (title and abstract, then
// full text), resolve conflicts between reviewers, see their agreement, and set up how the
// review screens (single or dual, the sample, highlight terms, exclusion reasons).

type View = 'screen' | 'priority' | 'conflicts' | 'agreement' | 'settings';

const STAGES: readonly { id: Stage; label: string }[] = [
  { id: 'title-abstract', label: 'Title and abstract' },
  { id: 'full-text', label: 'Full text' },
];

export function ScreeningStage() {
  const store = useAppStore();
  const reviewerId = useApp((s) => s.reviewerId);
  const reviewers = useReviewerList();
  const me = reviewers.find((r) => r.id === reviewerId) ?? null;
  const [stage, setStage] = useState<Stage>('title-abstract');
  const [view, setView] = useState<View>('screen');
  const [busy, setBusy] = useState(false);
  const settings = useScreeningSettings();
  const protocol = useProtocol();
  const conflicts = useConflicts(stage);
  const status = useScreeningStatus(view === 'agreement');
  const agreement = useScreeningAgreement(view === 'agreement');
  // Priority screening (issue 15) orders title/abstract screening by predicted relevance;
  // full text keeps file order. Dual-screening samples do not depend on it.
  const [order, setOrder] = useState<ScreeningOrder>('file');
  const queueOrder: ScreeningOrder = stage === 'title-abstract' ? order : 'file';
  const queue = useScreeningQueue(stage, me?.name ?? null, queueOrder);
  const notRetrieved = useNotRetrieved(stage === 'full-text' && view === 'screen');

  const act = async <T,>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    try {
      return await fn();
    } catch (err) {
      store.getState().pushToast({ title: `Could not ${what}`, description: errorMessage(err), tone: 'error' });
      return null;
    } finally {
      setBusy(false);
    }
  };
  const resolve = async (c: ScreeningConflict, r: Resolution) => {
    try {
      await resolveConflict(store, stage, c.recordId, r);
      return true;
    } catch (err) {
      store.getState().pushToast({ title: 'Could not resolve the conflict', description: errorMessage(err), tone: 'error' });
      return false;
    }
  };
  const markUnobtained = async (recordId: string, note: string) =>
    (await act('mark the full text as not obtained', () => markNotRetrieved(store, recordId, note))) !== null;
  const unmark = (recordId: string) =>
    void act('unmark the full text', () => unmarkNotRetrieved(store, recordId)).then((done) => {
      // Back in the queue: one that has reached its end asks again.
      if (done && queue.state.exhausted) queue.reload();
    });
  const saveSettings = async (d: SettingsDraft) => {
    const r = patchOf(d);
    if (!r.ok) return false;
    return (await act('save the screening settings', () => updateSettings(store, r.patch))) !== null;
  };

  const open = conflicts.data ?? [];
  const conflictsView =
    settings.data && conflicts.data ? <ConflictsView stage={stage} settings={settings.data} conflicts={open} onResolve={resolve} /> : null;
  const error = firstError(settings, protocol);

  return (
    <div className="stage stage--screening">
      <StageHeader
        title="Screening"
        actions={
          <div className="screen-stage-switch" role="radiogroup" aria-label="Screening stage">
            {STAGES.map((s) => (
              <label key={s.id} className={`screen-stage-switch__option${stage === s.id ? ' is-selected' : ''}`}>
                <input type="radio" name="screening-stage" value={s.id} checked={stage === s.id} onChange={() => setStage(s.id)} />
                {s.label}
              </label>
            ))}
          </div>
        }
      >
        <p>
          One record at a time against the eligibility criteria: <kbd>I</kbd> include, <kbd>E</kbd> exclude, <kbd>M</kbd> maybe. Under dual
          screening each reviewer decides blind to the other; disagreements wait for whoever resolves them.
        </p>
      </StageHeader>
      {!me ? (
        <div className="notice card" role="note">
          <p>
            Choose who you are to screen: each decision is recorded under its reviewer’s name, and dual screening keeps reviewers blind to
            each other.
          </p>
          <button type="button" className="button button--primary" onClick={() => store.getState().setReviewerDialogOpen(true)}>
            Choose reviewer
          </button>
        </div>
      ) : null}
      {error ? <p role="alert">{errorMessage(error)}</p> : null}
      <Tabs
        label="Screening views"
        value={view}
        onChange={setView}
        tabs={[
          { id: 'screen', label: 'Screen' },
          { id: 'priority', label: 'Priority screening' },
          { id: 'conflicts', label: open.length > 0 ? `Conflicts (${open.length})` : 'Conflicts' },
          { id: 'agreement', label: 'Agreement' },
          { id: 'settings', label: 'Settings' },
        ]}
      >
        {!settings.data ? (
          <p role="status">Loading the screening settings…</p>
        ) : view === 'screen' ? (
          me ? (
            <>
              <ScreenView
                stage={stage}
                settings={settings.data}
                eligibility={protocol.data?.eligibility ?? null}
                queue={queue}
                whenDone={conflictsView}
                fulltextPane={stage === 'full-text' ? (recordId) => <FullTextPane recordId={recordId} /> : undefined}
                onMarkNotRetrieved={stage === 'full-text' ? markUnobtained : undefined}
                notRetrieved={stage === 'full-text' ? (notRetrieved.data?.length ?? 0) : 0}
              />
              {stage === 'full-text' && notRetrieved.data ? <NotRetrievedList marked={notRetrieved.data} onUnmark={unmark} /> : null}
            </>
          ) : null
        ) : view === 'priority' ? (
          <div className="screen-priority">
            <OrderSwitch value={order} onChange={setOrder} />
            {stage === 'full-text' ? (
              <p className="muted">Full texts are screened in file order; the order above applies to titles and abstracts.</p>
            ) : null}
            <PriorityProgress />
          </div>
        ) : view === 'conflicts' ? (
          (conflictsView ?? <p role="status">{conflicts.error ? errorMessage(conflicts.error) : 'Loading the conflicts…'}</p>)
        ) : view === 'agreement' ? (
          agreement.data ? (
            <AgreementView agreement={agreement.data} status={status.data ?? null} />
          ) : (
            <p role="status">{agreement.error ? errorMessage(agreement.error) : 'Computing agreement…'}</p>
          )
        ) : (
          <SettingsView key={JSON.stringify(settings.data)} settings={settings.data} busy={busy} onSave={saveSettings} />
        )}
      </Tabs>
    </div>
  );
}
