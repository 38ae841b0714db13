import { certaintyDisplay, type DashboardEntry, type GradeRecord, type OutlineComparison } from '@grove/shared';
import { estimateText, i2Text, MEASURE_NAMES, pText } from './format.ts';
import { Sparkline } from './Sparkline.tsx';

// Every outcome with data, one row each, analysed with the outcome's own settings: its
// RevMan number, k, N, the pooled estimate with its CI, P, I², a sparkline of the study
// CIs, the GRADE certainty ("Not yet rated" until rated) and the draft wording. The outcome opens it.

export function Dashboard(props: {
  analyses: readonly DashboardEntry[];
  grades?: ReadonlyMap<string, GradeRecord>;
  outline?: readonly OutlineComparison[];
  onOpen: (id: string) => void;
}) {
  const numbers = new Map((props.outline ?? []).flatMap((c) => c.outcomes.map((o) => [o.id, o.number] as const)));
  return (
    <div className="an-dash__scroll">
      <table className="an-dash">
        <caption className="visually-hidden">Analyses: every outcome and timepoint with data</caption>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">Outcome</th>
            <th scope="col">Timepoint or comparison</th>
            <th scope="col" className="num">
              <abbr title="Number of studies">k</abbr>
            </th>
            <th scope="col" className="num">
              <abbr title="Participants providing data">N</abbr>
            </th>
            <th scope="col">Estimate [95% CI]</th>
            <th scope="col" className="num">
              P
            </th>
            <th scope="col" className="num">
              I²
            </th>
            <th scope="col">Studies</th>
            <th scope="col">Certainty (GRADE)</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {props.analyses.map((a) => {
            const p = a.pooled;
            const k = a.studies;
            return (
              <tr key={a.id} data-analysis={a.id} onClick={() => props.onOpen(a.id)}>
                <td className="an-dash__no" title={a.id}>
                  {numbers.get(a.id) ?? ''}
                </td>
                <th scope="row">
                  <button
                    type="button"
                    className="an-dash__open"
                    onClick={(e) => {
                      e.stopPropagation();
                      props.onOpen(a.id);
                    }}
                  >
                    {a.outcomeName}
                  </button>
                  {a.domainName && a.domainName !== a.outcomeName ? <span className="an-dash__domain">{a.domainName}</span> : null}
                </th>
                <td>{a.categoryName}</td>
                <td className="num">{k}</td>
                <td className="num">{a.participants}</td>
                <td className="an-dash__est">
                  {p ? (
                    <>
                      <abbr title={MEASURE_NAMES[a.effectMeasure] ?? a.effectMeasure}>{a.effectMeasure}</abbr> {estimateText(p)}
                    </>
                  ) : (
                    <span className="muted">{a.synthesis === 'no data' ? 'No usable data' : 'Narrative synthesis'}</span>
                  )}
                </td>
                <td className="num">{p ? pText(p.p) : '–'}</td>
                <td className="num">{p ? i2Text(p) : '–'}</td>
                <td>
                  {a.spark ? (
                    <Sparkline
                      spark={a.spark}
                      ratio={a.ratio}
                      label={`${k} ${k === 1 ? 'study' : 'studies'}${p ? `, pooled ${a.effectMeasure} ${estimateText(p)}` : ''}`}
                    />
                  ) : null}
                </td>
                <td className="an-dash__grade" data-testid="certainty">
                  {props.grades?.get(a.id) ? (
                    <span className={`grade-level grade-level--${props.grades.get(a.id)!.final}`}>
                      {certaintyDisplay(props.grades.get(a.id)!.final)}
                    </span>
                  ) : (
                    <span className="muted">Not yet rated</span>
                  )}
                </td>
                <td className="an-dash__sentence">{a.sentence}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
