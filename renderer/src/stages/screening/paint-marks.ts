// Performance marks from a decision key to the next record painted, read by the paint
// benchmark (bench/screening-paint.bench.ts) through the page's Performance API: a mark when
// the key is taken, and a measure in the animation frame after the next record has rendered.

export const KEY_MARK = 'grove:screen:key';
export const PAINT_MEASURE = 'grove:screen:paint';
/** Measures kept: the benchmark reads them as it goes; older ones are dropped. */
const KEEP = 5000;

let pending = false;

export function markKey(): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.mark(KEY_MARK);
  pending = true;
}

/** Called once the record on screen has rendered (a layout effect): measures at the next frame. */
export function markPainted(): void {
  if (!pending || typeof requestAnimationFrame === 'undefined') return;
  pending = false;
  requestAnimationFrame(() => {
    try {
      performance.measure(PAINT_MEASURE, KEY_MARK);
    } catch {
      return; // the key mark was cleared: nothing to measure
    }
    performance.clearMarks(KEY_MARK);
    if (performance.getEntriesByName(PAINT_MEASURE).length > KEEP) performance.clearMeasures(PAINT_MEASURE);
  });
}
