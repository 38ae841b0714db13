import { formatKappa, formatKappaCi, formatPercent } from '@grove/shared/agreement/index';
import type { AgreementDetail, ScreeningStatus, StageAgreement } from '@grove/shared';

// Agreement per stage (`screening.agreement`, the figures `grove screen status` prints):
// percent agreement, Cohen's κ with its 95% CI (Fleiss, Cohen & Everitt 1969) and PABAK,
// over every record two reviewers decided and per part of the dual sample; beside them each
// reviewer's decisions and the conflicts (`screening.status`).

const STAGE_NAMES = { 'title-abstract': 'Title and abstract', 'full-text': 'Full text' } as const;
const PART_NAMES = {
  'in-sample': 'In the dual sample',
  'outside-sample': 'Outside the sample',
  'first-included': 'Included by the first reviewer',
  'first-excluded': 'Excluded by the first reviewer',
} as const;

function kappaCell(a: AgreementDetail): string {
  if (a.kappa === null) return a.kappaStatus === 'single-category' ? 'undefined (one category)' : '—';
  return a.kappaCi ? `${formatKappa(a.kappa)} (${formatKappaCi(a.kappaCi)})` : formatKappa(a.kappa);
}

function AgreementRow(props: { label: string; a: AgreementDetail; testId?: string }) {
  const { a } = props;
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{a.n}</td>
      <td>{a.percentAgreement === null ? '—' : formatPercent(a.percentAgreement)}</td>
      <td data-testid={props.testId}>{kappaCell(a)}</td>
      <td>{a.pabak === null ? '—' : formatKappa(a.pabak)}</td>
    </tr>
  );
}

export function AgreementView(props: { agreement: readonly StageAgreement[]; status: ScreeningStatus | null }) {
  return (
    <div className="screen-agreement">
      {props.agreement.map((s) => {
        const st = props.status?.stages.find((x) => x.stage === s.stage) ?? null;
        const reviewers = st ? Object.entries(st.decisions) : [];
        return (
          <section key={s.stage} className="card screen-agreement__stage" aria-labelledby={`agreement-${s.stage}`}>
            <h2 id={`agreement-${s.stage}`} className="card__title">
              {STAGE_NAMES[s.stage]}
            </h2>
            <p className="card__intro">
              {s.settings.mode === 'single' ? 'Single screening.' : 'Dual screening.'}
              {st ? ` ${st.records} records; ${st.conflicts} open ${st.conflicts === 1 ? 'conflict' : 'conflicts'}, ${st.resolved} resolved.` : ''}
            </p>
            <table className="screen-agreement__table">
              <caption className="visually-hidden">Agreement between reviewers, {STAGE_NAMES[s.stage]}</caption>
              <thead>
                <tr>
                  <th scope="col">Over</th>
                  <th scope="col">Both decided</th>
                  <th scope="col">Agreement</th>
                  <th scope="col">Cohen’s κ (95% CI)</th>
                  <th scope="col">PABAK</th>
                </tr>
              </thead>
              <tbody>
                <AgreementRow label="All" a={s.all} testId={`kappa-${s.stage}`} />
                {s.samples.map((p) => (
                  <AgreementRow key={p.part} label={PART_NAMES[p.part]} a={p.agreement} />
                ))}
              </tbody>
            </table>
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
          </section>
        );
      })}
    </div>
  );
}
