import { useState } from 'react';
import { DIRECTIONS, type ApiClient, type OutcomeScale } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { Select } from '../../components/fields.tsx';
import { useApiQuery } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useAppStore } from '../../store/app.ts';

// The scales a planned outcome is measured on, with their direction and unit, set in the
// protocol (issue 12 item 4): the first scale is what a new study's row starts from, and
// its direction is the outcome's until studies measure it, so a lower-is-better outcome is
// entered as lower is better from the first study on. Scales are rows of their own
// (scales.create / scales.update, each an undoable change), not part of the protocol
// document, so they can only be added to an outcome the protocol has saved.

type Direction = (typeof DIRECTIONS)[number];
const LABELS: Record<Direction, string> = { 'higher-better': 'Higher is better', 'lower-better': 'Lower is better' };
const NONE: readonly OutcomeScale[] = [];

export function PlannedScales(props: { outcomeId: string; outcomeName: string }) {
  const { outcomeId, outcomeName } = props;
  const store = useAppStore();
  const scales = (useApiQuery(queryKeys.scales, 'scales.list', {}).data ?? NONE).filter((s) => s.outcomeId === outcomeId);
  const saved = useApiQuery(queryKeys.protocol, 'protocol.get', {}).data;
  const isSaved = saved?.plannedOutcomes.some((o) => o.id === outcomeId && o.name.trim() !== '') ?? false;
  const [draft, setDraft] = useState<{ name: string; direction: Direction; unit: string }>({
    name: '',
    direction: 'higher-better',
    unit: '',
  });
  const name = outcomeName.trim() || 'this outcome';

  const run = async (fn: (c: ApiClient) => Promise<unknown>, failed: string) => {
    try {
      await store.getState().mutate(fn);
      return true;
    } catch (err) {
      store.getState().pushToast({ title: failed, description: errorMessage(err), tone: 'error' });
      return false;
    }
  };
  const add = async () => {
    if (!draft.name.trim()) return;
    const ok = await run(
      (c) =>
        c.call('scales.create', { outcomeId, scale: { name: draft.name.trim(), direction: draft.direction, unit: draft.unit.trim() } }),
      'The scale was not added',
    );
    if (ok) setDraft({ name: '', direction: draft.direction, unit: '' });
  };

  return (
    <fieldset className="planned-scales">
      <legend>Scales of {name}</legend>
      {scales.length === 0 ? (
        <p className="muted planned-scales__none">
          No scale yet: a study entered for {name} starts as higher is better until you add its scale here.
        </p>
      ) : (
        <table className="planned-scales__table">
          <thead>
            <tr>
              <th scope="col">Scale</th>
              <th scope="col">Direction</th>
              <th scope="col">Unit</th>
            </tr>
          </thead>
          <tbody>
            {scales.map((s, i) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  {i === 0 ? <span className="muted"> (usual)</span> : null}
                </th>
                <td>
                  <Select<Direction>
                    aria-label={`Direction of the scale ${s.name}`}
                    value={s.direction}
                    options={DIRECTIONS.map((d) => ({ value: d, label: LABELS[d] }))}
                    onChange={(direction) =>
                      void run((c) => c.call('scales.update', { id: s.id, patch: { direction } }), 'The scale was not changed')
                    }
                  />
                </td>
                <td>{s.unit || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="planned-scales__add">
        <input
          type="text"
          aria-label={`New scale of ${name}`}
          placeholder="Scale name"
          value={draft.name}
          disabled={!isSaved}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <Select<Direction>
          aria-label={`Direction of the new scale of ${name}`}
          value={draft.direction}
          disabled={!isSaved}
          options={DIRECTIONS.map((d) => ({ value: d, label: LABELS[d] }))}
          onChange={(direction) => setDraft({ ...draft, direction })}
        />
        <input
          type="text"
          aria-label={`Unit of the new scale of ${name}`}
          placeholder="Unit (optional)"
          value={draft.unit}
          disabled={!isSaved}
          onChange={(e) => setDraft({ ...draft, unit: e.target.value })}
        />
        <button type="button" className="button button--small" disabled={!isSaved || !draft.name.trim()} onClick={() => void add()}>
          Add scale
        </button>
        {!isSaved ? <span className="muted">Name the outcome first; its scales are added once it is saved.</span> : null}
      </div>
    </fieldset>
  );
}
