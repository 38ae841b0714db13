import { formatKappa, formatKappaCi, formatPercent } from '@grove/shared/agreement/index';
import type { ScreeningStatus } from '@grove/shared';

// Agreement per stage, as `screening.status` computes it (the same figures as `grove screen
// status`): each reviewer's decisions, conflicts open and resolved, percent agreement,
// Cohen's κ with its 95% CI (Fleiss, Cohen & Everitt 1969) and PABAK.

const STAGE_NAMES = { 'title-abstract': 'Title and abstract', 'full-text': 'Full text' } as const;

type StageRow = ScreeningStatus['stages'][number] & { readonly pabak?: number | null };

export function AgreementView(props: { status: ScreeningStatus }) {
  return (
    <div className="screen-agreement">
      {props.status.stages.map((raw) => {
        const s: StageRow = raw;
        const reviewers = Object.entries(s.decisions);
        return (
          <section key={s.stage} className="card screen-agreement__stage" aria-labelledby={`agreement-${s.stage}`}>
            <h2 id={`agreement-${s.stage}`} className="card__title">
              {STAGE_NAMES[s.stage]}
            </h2>
            <dl className="screen-agreement__figures" data-testid={`agreement-${s.stage}`}>
              <div>
                <dt>Records</dt>
                <dd>{s.records}</dd>
              </div>
              <div>
                <dt>Agreement</dt>
                <dd>{s.agreement === null ? '—' : formatPercent(s.agreement)}</dd>
              </div>
              <div>
                <dt>Cohen’s κ</dt>
                <dd data-testid={`kappa-${s.stage}`}>
                  {s.kappa === null ? '—' : formatKappa(s.kappa)}
                  {s.kappaCi ? <span className="screen-agreement__ci"> ({formatKappaCi(s.kappaCi)})</span> : null}
                </dd>
              </div>
              <div>
                <dt>PABAK</dt>
                <dd>{s.pabak === undefined || s.pabak === null ? '—' : formatKappa(s.pabak)}</dd>
              </div>
              <div>
                <dt>Conflicts</dt>
                <dd>
                  {s.conflicts} open, {s.resolved} resolved
                </dd>
              </div>
            </dl>
            {reviewers.length === 0 ? (
              <p className="muted">No decisions yet.</p>
            ) : (
              <table className="screen-agreement__table">
                <caption className="visually-hidden">Decisions per reviewer, {STAGE_NAMES[s.stage]}</caption>
                <thead>
                  <tr>
                    <th scope="col">Reviewer</th>
                    <th scope="col">Included</th>
                    <th scope="col">Excluded</th>
                    <th scope="col">Maybe</th>
                  </tr>
                </thead>
                <tbody>
                  {reviewers.map(([name, c]) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td>{c.include}</td>
                      <td>{c.exclude}</td>
                      <td>{c.maybe}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {s.kappa === null && s.agreement !== null ? (
              <p className="field__hint">κ is undefined when both reviewers used one category throughout.</p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
