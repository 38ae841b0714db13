import { useState } from 'react';
import type { OutcomeDetail, Protocol } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { SelectField } from '../../components/fields.tsx';
import { useAppStore } from '../../store/app.ts';
import { editOutline } from './mutations.ts';

// An entered or imported outcome (RevMan's rows) can also take the arm-level data extracted
// for a planned outcome at a timepoint category: a study with no row of its own gets a row
// derived from the extraction, the RevMan rows stay direct rows, and the outcome keeps its
// own settings. Shown only where it can apply: a continuous or dichotomous outcome without
// subgroups, in a review whose protocol plans outcomes and timepoint categories.

export function ExtractionLink({ detail, protocol }: { detail: OutcomeDetail; protocol: Protocol }) {
  const store = useAppStore();
  const o = detail.outcome;
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  // A linked outcome keeps its own settings and rows: a planned outcome of the review's own
  // outline follows the conventions and holds only derived rows until someone edits it.
  const linked =
    o.source.kind === 'planned' && !o.source.followsConventions && detail.rows.some((r) => r.origin === 'direct') ? o.source : null;
  const options = protocol.plannedOutcomes.flatMap((p) =>
    protocol.timepointCategories.map((c) => ({ value: `${p.id}@${c.id}`, label: `${p.name}, ${c.name}` })),
  );
  const run = async (planned: { plannedOutcomeId: string; categoryId: string } | null) => {
    setBusy(true);
    try {
      await editOutline(store.getState().mutate, 'outline.linkPlanned', { id: o.id, planned });
      setChoice('');
    } catch (err) {
      store.getState().pushToast({ title: 'The outcome was not linked', description: errorMessage(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (linked) {
    const p = protocol.plannedOutcomes.find((x) => x.id === linked.plannedOutcomeId);
    const c = protocol.timepointCategories.find((x) => x.id === linked.categoryId);
    return (
      <section className="card an-link" aria-label="Data from the extraction">
        <p>
          Studies without a row of their own take rows derived from the extraction of <strong>{p?.name ?? linked.plannedOutcomeId}</strong>{' '}
          at <strong>{c?.name ?? linked.categoryId}</strong>; the rows entered or imported here stay as they are.
        </p>
        <button type="button" className="button button--small button--ghost" disabled={busy} onClick={() => void run(null)}>
          Stop taking extracted data
        </button>
      </section>
    );
  }
  if (o.source.kind !== 'entered' || (o.dataType !== 'continuous' && o.dataType !== 'dichotomous') || o.subgroups.length > 0) return null;
  if (options.length === 0) return null;
  return (
    <section className="card an-link" aria-label="Data from the extraction">
      <p className="card__intro">
        New studies’ arm-level data (Studies &amp; data) can join this outcome: choose the planned outcome and timepoint they were extracted
        for. The rows here stay direct rows.
      </p>
      <div className="button-row">
        <SelectField
          label="Take extracted data from"
          value={choice}
          options={[{ value: '', label: 'Choose a planned outcome…' }, ...options]}
          onChange={setChoice}
        />
        <button
          type="button"
          className="button button--small"
          disabled={busy || !choice}
          onClick={() => {
            const [plannedOutcomeId = '', categoryId = ''] = choice.split('@');
            void run({ plannedOutcomeId, categoryId });
          }}
        >
          Link
        </button>
      </div>
    </section>
  );
}
