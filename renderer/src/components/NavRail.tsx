import { STAGES } from '../stages/stages.ts';
import { useApp } from '../store/app.ts';

/** The left rail: the stages of a review in order. Stages that have not landed are marked "Later". */
export function NavRail() {
  const stage = useApp((s) => s.stage);
  const setStage = useApp((s) => s.setStage);
  const alt = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌥' : 'Alt+';
  return (
    <nav className="rail" aria-label="Review stages">
      <ol className="rail__list">
        {STAGES.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className={`rail__item${s.id === stage ? ' is-current' : ''}${s.available ? '' : ' is-later'}`}
              aria-current={s.id === stage ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${s.key}`}
              aria-describedby={s.available ? undefined : 'rail-later-note'}
              title={`${s.purpose} (${alt}${s.key})`}
              onClick={() => setStage(s.id)}
            >
              <span className="rail__num" aria-hidden="true">
                {i + 1}
              </span>
              <span className="rail__label">{s.label}</span>
              {s.available ? null : <span className="rail__later">Later</span>}
            </button>
          </li>
        ))}
      </ol>
      {STAGES.some((s) => !s.available) ? (
        <p id="rail-later-note" className="rail__note">
          Stages marked “Later” are not available yet.
        </p>
      ) : null}
    </nav>
  );
}
