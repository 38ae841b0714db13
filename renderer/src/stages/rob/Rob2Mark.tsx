import { judgementStyle, ROB2_JUDGEMENT_LABELS, type Rob2Judgement } from '@grove/shared/rob/index';

// A RoB 2 judgement as the coloured mark of the figures, and in words; shown by the list of
// assessments and by the form.

export function Rob2Mark({ judgement }: { judgement: Rob2Judgement | null }) {
  if (judgement === null) return <span className="rob-mark rob-mark--none" aria-hidden="true" />;
  const st = judgementStyle(judgement, 'rob2');
  return (
    <span className={`rob-mark rob-mark--${judgement}`} style={{ background: st.fill, color: st.symbolColour }} aria-hidden="true">
      {st.symbol}
    </span>
  );
}

export const rob2Label = (j: Rob2Judgement | null) => (j ? ROB2_JUDGEMENT_LABELS[j] : 'not judged');
