import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { StageHeader } from '../../components/StageHeader.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { LinkingView } from '../screening/fulltext/LinkingView.tsx';
import { useAppStore } from '../../store/app.ts';
import { ImportWizard } from './ImportWizard.tsx';
import { decidePair, runDedupe, undoLastDecision, unmergeRecord, type Decision } from './mutations.ts';
import { usePrisma, useQueue, useSearchLog } from './queries.ts';
import { QueueView } from './QueueView.tsx';
import { RecordDetailDialog } from './RecordDetailDialog.tsx';
import { RecordsTable } from './RecordsTable.tsx';
import { PrismaCounts, SearchLog } from './SearchLog.tsx';
import './records.css';

// The Records stage: import database exports (one search each), the records table, the
// duplicate review queue, and the search log with the PRISMA identification counts.

type View = 'records' | 'queue' | 'searches' | 'linking';

export function RecordsStage() {
  const store = useAppStore();
  const [view, setView] = useState<View>('records');
  const [importing, setImporting] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const log = useSearchLog();
  const queue = useQueue();
  const prisma = usePrisma();

  const act = async (what: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      store.getState().pushToast({ title: `Could not ${what}`, description: errorMessage(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const decide = (pairId: string, d: Decision) => void act('save the decision', () => decidePair(store, pairId, d));
  const undo = () => void act('undo the decision', () => undoLastDecision(store));
  const open = queue.data?.open ?? 0;

  return (
    <div className="stage stage--records">
      <StageHeader
        title="Records"
        actions={
          <>
            <button type="button" className="button" disabled={busy} onClick={() => void act('remove duplicates', () => runDedupe(store))}>
              Find duplicates
            </button>
            <button type="button" className="button button--primary" onClick={() => setImporting(true)}>
              Import records…
            </button>
          </>
        }
      >
        <p>
          The records of your database searches, each kept with its raw text. Duplicates that are certain are merged (undoably); uncertain
          pairs wait in the review queue.
        </p>
      </StageHeader>
      <Tabs
        label="Records views"
        value={view}
        onChange={setView}
        tabs={[
          { id: 'records', label: 'Records' },
          { id: 'queue', label: open > 0 ? `Duplicates to review (${open})` : 'Duplicates to review' },
          { id: 'searches', label: 'Searches & PRISMA' },
          { id: 'linking', label: 'Study linking' },
        ]}
      >
        {view === 'records' ? <RecordsTable searches={log.data ?? []} onOpen={setOpenId} /> : null}
        {view === 'queue' ? (
          queue.data ? (
            <QueueView state={queue.data} busy={busy} onDecide={decide} onUndo={undo} />
          ) : (
            <p role="status">{queue.error ? errorMessage(queue.error) : 'Loading the queue…'}</p>
          )
        ) : null}
        {view === 'searches' ? (
          <div className="records-searches">
            {prisma.data ? <PrismaCounts prisma={prisma.data} /> : null}
            <SearchLog entries={log.data ?? []} />
            {log.error || prisma.error ? <p role="alert">{errorMessage(log.error ?? prisma.error)}</p> : null}
          </div>
        ) : null}
        {view === 'linking' ? <LinkingView /> : null}
      </Tabs>
      <ImportWizard open={importing} onOpenChange={setImporting} />
      <RecordDetailDialog
        id={openId}
        onClose={() => setOpenId(null)}
        onOpen={setOpenId}
        onUnmerge={(id) => void act('unmerge the record', () => unmergeRecord(store, id))}
      />
    </div>
  );
}
