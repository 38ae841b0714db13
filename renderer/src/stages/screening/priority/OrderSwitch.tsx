import type { ScreeningOrder } from '@grove/shared';

// Relevance, random or file order for the next records: a radio group the screening view
// shows above the record. Switching is always possible and changes only the order of the
// records still to screen, never which ones must be screened.

const LABELS: Record<ScreeningOrder, { label: string; hint: string }> = {
  relevance: { label: 'Relevance', hint: 'likely includes first, by the model trained on this review’s decisions' },
  random: { label: 'Random', hint: 'a fixed random order per reviewer' },
  file: { label: 'File', hint: 'the order of the imported exports' },
};

export function OrderSwitch({ value, onChange }: { value: ScreeningOrder; onChange: (order: ScreeningOrder) => void }) {
  return (
    <fieldset className="order-switch">
      <legend>Order</legend>
      {(Object.keys(LABELS) as ScreeningOrder[]).map((order) => (
        <label key={order} title={LABELS[order].hint}>
          <input type="radio" name="screening-order" value={order} checked={value === order} onChange={() => onChange(order)} />
          {LABELS[order].label}
        </label>
      ))}
    </fieldset>
  );
}
