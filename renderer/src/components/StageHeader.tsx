import { useEffect, useRef, type ReactNode } from 'react';
import { useApp, useAppStore } from '../store/app.ts';

/** The stage's h1. Takes focus when the user switched to this stage, so keyboard and screen-reader users land on it. */
export function StageHeader(props: { title: string; children?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const store = useAppStore();
  const wantFocus = useApp((s) => s.focusStageHeading);
  useEffect(() => {
    if (wantFocus) {
      ref.current?.focus();
      store.setState({ focusStageHeading: false });
    }
  }, [wantFocus, store]);
  return (
    <header className="stage-header">
      <div className="stage-header__text">
        <h1 ref={ref} tabIndex={-1} className="stage-header__title">
          {props.title}
        </h1>
        {props.children ? <div className="stage-header__intro">{props.children}</div> : null}
      </div>
      {props.actions ? <div className="stage-header__actions">{props.actions}</div> : null}
    </header>
  );
}
