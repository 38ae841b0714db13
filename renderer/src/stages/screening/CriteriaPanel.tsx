import type { Eligibility } from '@grove/shared';

// The protocol's eligibility criteria, beside the record being screened (read-only: they
// are edited in the Protocol stage).

const ROWS: readonly (readonly [keyof Eligibility, string])[] = [
  ['studyDesign', 'Study design'],
  ['participants', 'Participants'],
  ['interventions', 'Interventions'],
  ['comparators', 'Comparators'],
  ['outcomes', 'Outcomes'],
  ['other', 'Other'],
];

export function CriteriaPanel(props: { eligibility: Eligibility | null }) {
  const rows = props.eligibility ? ROWS.filter(([k]) => props.eligibility![k].trim() !== '') : [];
  return (
    <section className="screen-criteria" aria-labelledby="screen-criteria-h">
      <h2 id="screen-criteria-h" className="screen-side__heading">
        Eligibility criteria
      </h2>
      {rows.length === 0 ? (
        <p className="muted">The protocol states no eligibility criteria yet (Protocol stage).</p>
      ) : (
        <dl className="screen-criteria__list">
          {rows.map(([k, label]) => (
            <div key={k}>
              <dt>{label}</dt>
              <dd>{props.eligibility![k]}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
