// Round tick values for the SVG plots drawn in the outcome page (cumulative forest plot,
// Baujat plot): about four steps of 1, 2 or 5 × 10ⁿ across the axis.

function niceStep(span: number): number {
  const raw = span / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m >= 5 ? 10 : m >= 2 ? 5 : m >= 1 ? 2 : 1) * p;
}

/** The round values between lo and hi (inclusive), 0 exactly when it is one of them. */
export function linearTicks(lo: number, hi: number): number[] {
  const step = niceStep(hi - lo);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** A tick's label: no floating-point tails, a true minus sign. */
export function axisLabel(v: number): string {
  const r = Math.round(v * 1e6) / 1e6;
  return String(r).replace('-', '−');
}
