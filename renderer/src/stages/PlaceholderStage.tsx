import { StageHeader } from '../components/StageHeader.tsx';
import type { StageDef } from './stages.ts';

/** An honest panel for a stage that has not landed: it says so and what it will do. */
export function PlaceholderStage({ stage }: { stage: StageDef }) {
  return (
    <div className="stage stage--placeholder">
      <StageHeader title={stage.label} />
      <section className="card notice notice--later" aria-labelledby="later-h">
        <h2 id="later-h" className="card__title">
          Not available yet
        </h2>
        <p>
          <strong>
            {stage.label} {stage.plural ? 'arrive' : 'arrives'} with a later release. Nothing here works yet.
          </strong>
        </p>
        <p>{stage.purpose}</p>
        {stage.plans?.length ? (
          <>
            <p>When it arrives, this stage will let you:</p>
            <ul>
              {stage.plans.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="muted">Your review file is not changed by visiting this page.</p>
      </section>
    </div>
  );
}
