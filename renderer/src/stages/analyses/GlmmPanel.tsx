import type { BlockError, GlmmResult } from '@grove/shared/stats/index';
import { glmmSummary } from './glmm-summary.ts';

// The binomial-normal GLMM for the odds ratio (issue 17; Stijnen 2010, metafor's rma.glmm
// model "UM.FS"), beside the outcome's own analysis: it models the 2×2 counts directly, so
// it needs no continuity correction and keeps single-zero studies exactly. Beyond RevMan.

export function GlmmPanel(props: {
  shown: boolean;
  onToggle: (shown: boolean) => void;
  result: GlmmResult | BlockError | undefined;
  loading: boolean;
  /** The outcome's model: the GLMM follows it. */
  model: 'fixed' | 'random';
}) {
  const g = props.result && !('error' in props.result) ? props.result : null;
  return (
    <section className="card an-glmm" aria-labelledby="an-glmm-h">
      <h2 id="an-glmm-h" className="card__title">
        Binomial-normal GLMM <span className="muted">(beyond RevMan)</span>
      </h2>
      <p className="card__intro">
        The odds ratio from a {props.model === 'random' ? 'random-effects' : 'fixed-effect'} logistic model of the event counts (Stijnen 2010,
        as metafor’s <code>rma.glmm</code>): no continuity correction; studies with no events in both arms carry no information.
      </p>
      <div className="button-row">
        <button type="button" className="button button--small" aria-pressed={props.shown} onClick={() => props.onToggle(!props.shown)}>
          {props.shown ? 'Hide GLMM' : 'Show GLMM'}
        </button>
      </div>
      {props.shown && props.loading && !props.result ? (
        <p className="muted" role="status">
          Fitting the GLMM…
        </p>
      ) : null}
      {props.shown && props.result && 'error' in props.result ? (
        <p className="field__error" role="alert">
          {props.result.error}
        </p>
      ) : null}
      {props.shown && g ? (
        <p data-testid="glmm-result" role="status">
          {glmmSummary(g)}
        </p>
      ) : null}
    </section>
  );
}
