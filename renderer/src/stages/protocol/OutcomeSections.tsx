import { type OutcomeDomain, type PlannedOutcome, type Protocol } from '@grove/shared';
import { type useConfirm } from '../../components/confirm.tsx';
import { LinesField, SelectField, TextField } from '../../components/fields.tsx';
import { ItemList } from '../../components/ItemList.tsx';
import { type SetFn, type ErrFn } from './fields.ts';
import { PlannedScales } from './PlannedScales.tsx';
import { Section } from './Section.tsx';

// The outcome domains, planned outcomes and timepoint categories of the protocol: lists
// whose items refer to one another, so they are edited (and saved) together.

export function OutcomeSections(props: {
  p: Protocol;
  set: SetFn;
  err: ErrFn;
  confirm: ReturnType<typeof useConfirm>;
  update: (partial: Partial<Protocol>) => void;
}) {
  const { p, set, err, confirm, update } = props;
  const domainIds = new Set(p.outcomeDomains.map((d) => d.id));
  const orphans = p.plannedOutcomes.filter((o) => !domainIds.has(o.domainId));
  const domainName = (d: OutcomeDomain, i: number) => d.name.trim() || `Domain ${i + 1}`;

  /** Replace the outcomes of one domain (or the orphans) keeping the others, grouped by domain order. */
  const setOutcomesOf = (domainId: string | null, outcomes: PlannedOutcome[]) => {
    const groups = p.outcomeDomains.map((d) => (d.id === domainId ? outcomes : p.plannedOutcomes.filter((o) => o.domainId === d.id)));
    const rest = domainId === null ? outcomes : orphans;
    set('plannedOutcomes', [...groups.flat(), ...rest]);
  };
  const outcomeIndex = (o: PlannedOutcome) => p.plannedOutcomes.findIndex((x) => x.id === o.id);

  const renderOutcome = (o: PlannedOutcome, _i: number, patch: (x: Partial<PlannedOutcome>) => void) => {
    const gi = outcomeIndex(o);
    return (
      <>
        <div className="grid-3">
          <TextField label="Outcome name" value={o.name} onChange={(v) => patch({ name: v })} error={err(`plannedOutcomes.${gi}.name`)} />
          <SelectField
            label="Domain"
            value={domainIds.has(o.domainId) ? o.domainId : ''}
            options={[
              ...(domainIds.has(o.domainId) ? [] : [{ value: '', label: '— choose a domain —' }]),
              ...p.outcomeDomains.map((d, i) => ({ value: d.id, label: domainName(d, i) })),
            ]}
            onChange={(v) => {
              if (!v) return;
              set(
                'plannedOutcomes',
                p.plannedOutcomes.map((x) => (x.id === o.id ? { ...x, domainId: v } : x)),
              );
            }}
            error={err(`plannedOutcomes.${gi}.domainId`)}
          />
          <TextField
            label="Description"
            multiline
            rows={1}
            value={o.description}
            onChange={(v) => patch({ description: v })}
            error={err(`plannedOutcomes.${gi}.description`)}
          />
        </div>
        <PlannedScales outcomeId={o.id} outcomeName={o.name} />
      </>
    );
  };

  return (
    <>
      <Section
        id="protocol-domains"
        title="Outcome domains"
        intro="Groups of related outcomes, e.g. “Self-esteem” or “Quality of life”. Planned outcomes belong to a domain."
      >
        <ItemList<OutcomeDomain>
          items={p.outcomeDomains}
          onChange={(v) => set('outcomeDomains', v)}
          max={50}
          create={() => ({ id: crypto.randomUUID(), name: '', description: '', includes: [] })}
          itemLabel={(d, i) => `Domain ${i + 1}${d.name.trim() ? `: ${d.name.trim()}` : ''}`}
          addLabel="Add outcome domain"
          emptyText="No outcome domains yet."
          confirmRemove={async (d, i) => {
            const n = p.plannedOutcomes.filter((o) => o.domainId === d.id).length;
            if (n === 0) return true;
            return confirm({
              title: `Remove the domain “${domainName(d, i)}”?`,
              description: `Its ${n} planned outcome${n === 1 ? '' : 's'} will be removed with it. You can undo this with Undo in the status bar.`,
              confirmLabel: 'Remove domain and outcomes',
            });
          }}
          onRemove={(d) =>
            update({
              outcomeDomains: p.outcomeDomains.filter((x) => x.id !== d.id),
              plannedOutcomes: p.plannedOutcomes.filter((o) => o.domainId !== d.id),
            })
          }
          render={(d, i, patch) => (
            <>
              <TextField label="Domain name" value={d.name} onChange={(v) => patch({ name: v })} error={err(`outcomeDomains.${i}.name`)} />
              <div className="grid-2">
                <TextField
                  label="Description"
                  multiline
                  rows={3}
                  value={d.description}
                  onChange={(v) => patch({ description: v })}
                  error={err(`outcomeDomains.${i}.description`)}
                />
                <LinesField
                  label="Includes"
                  hint="Constructs the domain covers, one per line."
                  rows={3}
                  value={d.includes}
                  onChange={(v) => patch({ includes: v })}
                  error={err(`outcomeDomains.${i}.includes`)}
                />
              </div>
            </>
          )}
        />
      </Section>

      <Section id="protocol-outcomes" title="Planned outcomes" intro="The outcomes the review will analyse, grouped by domain.">
        {p.outcomeDomains.length === 0 ? (
          <p className="muted">Add an outcome domain first; planned outcomes are listed under their domain.</p>
        ) : null}
        {p.outcomeDomains.map((d, di) => {
          const mine = p.plannedOutcomes.filter((o) => o.domainId === d.id);
          return (
            <div className="outcome-group" key={d.id} role="group" aria-labelledby={`domain-${d.id}-h`}>
              <h3 className="outcome-group__title" id={`domain-${d.id}-h`}>
                {domainName(d, di)}
              </h3>
              <ItemList<PlannedOutcome>
                items={mine}
                onChange={(v) => setOutcomesOf(d.id, v)}
                max={500}
                create={() => ({ id: crypto.randomUUID(), domainId: d.id, name: '', description: '' })}
                itemLabel={(o, i) => (o.name.trim() ? o.name.trim() : `Outcome ${i + 1} in ${domainName(d, di)}`)}
                addLabel={`Add outcome to ${domainName(d, di)}`}
                emptyText="No planned outcomes in this domain yet."
                render={renderOutcome}
              />
            </div>
          );
        })}
        {orphans.length ? (
          <div className="outcome-group" role="group" aria-labelledby="domain-none-h">
            <h3 className="outcome-group__title" id="domain-none-h">
              Without a domain
            </h3>
            <ItemList<PlannedOutcome>
              items={orphans}
              onChange={(v) => setOutcomesOf(null, v)}
              create={() => ({ id: crypto.randomUUID(), domainId: p.outcomeDomains[0]?.id ?? '', name: '', description: '' })}
              itemLabel={(o, i) => (o.name.trim() ? o.name.trim() : `Outcome ${i + 1} without a domain`)}
              addLabel="Add outcome"
              addDisabledReason="Choose a domain for these outcomes."
              emptyText=""
              render={renderOutcome}
            />
          </div>
        ) : null}
      </Section>
    </>
  );
}
