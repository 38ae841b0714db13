import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScreeningOrder, ScreeningRecord, ScreeningStage } from '@grove/shared';
import { errorMessage, useClient } from '../../api/client.ts';
import { useAppStore } from '../../store/app.ts';
import { sendDecision, undoLast } from './mutations.ts';
import { fetchMyDecisions, fetchNext, fetchStatus } from './queries.ts';
import * as Q from './queue.ts';

// The screening view's controller: the queue (queue.ts) as React state, the batches it asks
// for, and the decisions it sends one at a time in the background, in the order made, with
// undo queued behind them. A key never waits for the backend: the next record is already
// in the queue.

export type Card = ScreeningRecord;

const mineOf = (r: Card): Q.DecisionInput | null =>
  r.mine ? { decision: r.mine.decision, reasonId: r.mine.reasonId, note: r.mine.note, labels: r.mine.labels } : null;

export interface ScreeningQueue {
  readonly state: Q.QueueState<Card>;
  /** The reviewer's counts at the session's start, moved by each decision made since. */
  readonly counts: Q.SessionCounts | null;
  /** Records in the stage (from the status at the session's start). */
  readonly total: number | null;
  readonly loadError: string | null;
  decide(input: Q.DecisionInput): void;
  undo(): void;
  back(): void;
  forward(): void;
  /** The record leaves the queue without a decision (a full text that could not be obtained). */
  setAside(recordId: string): void;
  dismissError(): void;
  reload(): void;
}

/** `reviewerName` null: nobody is chosen, so there is nobody's queue to load. */
export function useScreeningQueue(stage: ScreeningStage, reviewerName: string | null, order: ScreeningOrder = 'file'): ScreeningQueue {
  const client = useClient();
  const queryClient = useQueryClient();
  const store = useAppStore();
  // The queue lives in a ref, and every change goes through `update`, applied to the ref at
  // once and then rendered. A key computes its decision from the ref, so it always sees the
  // batch and the saves that arrived before it, even when React has not rendered them yet:
  // replacing the state with one computed from the last render would drop them (a save left
  // "sending" for ever, a batch lost and the queue stuck on "Loading").
  const queue = useRef<Q.QueueState<Card>>(Q.emptyQueue());
  const [state, setState] = useState<Q.QueueState<Card>>(queue.current);
  const update = useCallback((change: (s: Q.QueueState<Card>) => Q.QueueState<Card>) => {
    queue.current = change(queue.current);
    setState(queue.current);
  }, []);
  const [base, setBase] = useState<{ counts: Q.SessionCounts; total: number } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [session, setSession] = useState(0);
  /** Sends and undos, one at a time in the order made. */
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  /** Per decision made (aligned with the queue's steps): whether the backend stored it. */
  const sent = useRef<{ recordId: string; ok: Promise<boolean> }[]>([]);

  /** The session the queue belongs to: replies for an earlier one (another stage) are dropped. */
  const generation = useRef(0);
  /** The session this render shows (the generation once its reset has rendered). */
  const [epoch, setEpoch] = useState(0);

  // A new session per stage, reviewer and order: the queue and the counts start again.
  useEffect(() => {
    const gen = ++generation.current;
    setEpoch(gen);
    update(() => Q.emptyQueue());
    setBase(null);
    setLoadError(null);
    sent.current = [];
    if (reviewerName === null) return;
    void fetchStatus(queryClient, client).then(
      (status) => {
        if (gen !== generation.current) return;
        const row = status.stages.find((s) => s.stage === stage);
        const mine = reviewerName ? row?.decisions[reviewerName] : undefined;
        setBase({ counts: { include: mine?.include ?? 0, exclude: mine?.exclude ?? 0, maybe: mine?.maybe ?? 0 }, total: row?.records ?? 0 });
      },
      (err: unknown) => gen === generation.current && setLoadError(errorMessage(err)),
    );
  }, [client, queryClient, stage, reviewerName, order, session, update]);

  // Keep a batch ahead of the record on screen. Not cancelled when the state moves on (the
  // fetch itself changes it): only a new session drops the reply.
  const wants = reviewerName !== null && Q.wantsMore(state) && loadError === null;
  useEffect(() => {
    // Until the new session's empty queue has rendered, the state is the old session's.
    if (!wants || epoch !== generation.current) return;
    const gen = epoch;
    const after = Q.lastId(queue.current);
    update((s) => Q.startFetch(s));
    fetchNext(queryClient, client, { stage, count: Q.BATCH, order, ...(after ? { after } : {}) }).then(
      (batch) => gen === generation.current && update((s) => Q.received(s, batch, mineOf)),
      (err: unknown) => {
        if (gen !== generation.current) return;
        setLoadError(errorMessage(err));
        update((s) => Q.fetchFailed(s, errorMessage(err)));
      },
    );
  }, [wants, epoch, queryClient, client, stage, order, update]);

  // Undo elsewhere and the File menu wait for the decisions on their way; leaving the page
  // with some unsent asks first (they would be lost).
  useEffect(() => {
    const unregister = store.getState().registerFlusher(() => chain.current.then(() => undefined));
    const onUnload = (e: BeforeUnloadEvent) => {
      if (Q.sending(queue.current) > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      unregister();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [store]);

  const decide = useCallback(
    (input: Q.DecisionInput) => {
      const r = Q.decide(queue.current, input);
      if (!r) return;
      update(() => r.state);
      const recordId = r.send.recordId;
      const ok = chain.current.then(() =>
        sendDecision(store, stage, recordId, input).then(
          () => {
            update((s) => Q.saved(s, recordId));
            return true;
          },
          (err: unknown) => {
            const at = Q.lastIndexOf(sent.current, (x) => x.recordId === recordId);
            if (at >= 0) sent.current.splice(at, 1);
            update((s) => Q.failed(s, recordId, `Not saved: ${errorMessage(err)}`));
            return false;
          },
        ),
      );
      sent.current.push({ recordId, ok });
      chain.current = ok;
    },
    [store, stage, update],
  );

  const undo = useCallback(() => {
    if (!Q.lastStep(queue.current)) {
      store.getState().pushToast({ title: 'No decision of this session to undo' });
      return;
    }
    const last = sent.current.pop();
    update((s) => Q.undone(s));
    chain.current = chain.current.then(async () => {
      // A decision the backend refused is already taken back: there is nothing to undo.
      if (!last || !(await last.ok)) return;
      try {
        await undoLast(store);
      } catch (err) {
        update((s) => ({ ...s, error: `Could not undo: ${errorMessage(err)}` }));
      }
    });
  }, [store, update]);

  const back = useCallback(() => {
    if (!Q.wantsEarlier(queue.current)) {
      update((s) => Q.back(s));
      return;
    }
    // On the first record of the session: the decisions made before it, then back.
    const gen = generation.current;
    update((s) => ({ ...s, earlierAsked: true }));
    fetchMyDecisions(queryClient, client, stage).then(
      (earlier) => gen === generation.current && update((s) => Q.back(Q.withEarlier(s, earlier, mineOf))),
      (err: unknown) => gen === generation.current && update((s) => ({ ...s, earlierAsked: false, error: errorMessage(err) })),
    );
  }, [queryClient, client, stage, update]);
  const forward = useCallback(() => update((s) => Q.forward(s)), [update]);
  const setAside = useCallback((recordId: string) => update((s) => Q.setAside(s, recordId)), [update]);
  const dismissError = useCallback(() => update((s) => ({ ...s, error: null })), [update]);
  const reload = useCallback(() => setSession((n) => n + 1), []);

  return {
    state,
    counts: base ? Q.countsWith(state, base.counts) : null,
    total: base?.total ?? null,
    loadError,
    decide,
    undo,
    back,
    forward,
    setAside,
    dismissError,
    reload,
  };
}
