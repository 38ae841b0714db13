import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Orientation, Paper } from '../../components/exporting.tsx';

// The on-screen sheet of paper a report table is previewed on (issue 12 item 8). It shows
// what the PDF will show:
//  - the sheet is scaled down to the width available, so an A4 landscape page is seen
//    whole at 1440 px instead of clipped on the right;
//  - a table wider than the sheet's text width is shrunk to fit it, as the print engine
//    shrinks content to the page width, instead of running past the paper's edge.
// Both use CSS zoom, which (unlike a transform) also shrinks the space the sheet takes.

/** Paper widths in CSS pixels (96 per inch). */
const MM = 96 / 25.4;
const WIDTH_PX: Record<Paper, Record<Orientation, number>> = {
  A4: { portrait: 210 * MM, landscape: 297 * MM },
  letter: { portrait: 8.5 * 96, landscape: 11 * 96 },
};

export function PaperPreview(props: { paper: Paper; orientation: Orientation; label: string; children: ReactNode }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const sheetRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    const sheet = sheetRef.current;
    const content = contentRef.current;
    if (!wrap || !sheet || !content) return;
    const sheetWidth = WIDTH_PX[props.paper][props.orientation];
    const fit = () => {
      // Measured at full size in one layout pass, then scaled.
      sheet.style.zoom = '1';
      content.style.zoom = '1';
      const sheetStyle = getComputedStyle(sheet);
      const textWidth = sheetWidth - parseFloat(sheetStyle.paddingLeft) - parseFloat(sheetStyle.paddingRight);
      const contentScale = Math.min(1, textWidth / Math.max(1, content.scrollWidth));
      const wrapStyle = getComputedStyle(wrap);
      const available = wrap.clientWidth - parseFloat(wrapStyle.paddingLeft) - parseFloat(wrapStyle.paddingRight);
      const sheetScale = Math.min(1, available / sheetWidth);
      content.style.zoom = contentScale < 1 ? String(contentScale) : '';
      sheet.style.zoom = sheetScale < 1 ? String(sheetScale) : '';
      sheet.dataset.scale = sheetScale.toFixed(3);
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(wrap);
    observer.observe(content.firstElementChild ?? content);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [props.paper, props.orientation, props.children]);

  return (
    <div className="rp-paper-wrap" ref={wrapRef}>
      <div
        ref={sheetRef}
        className={`rp-paper rp-paper--${props.paper} rp-paper--${props.orientation}`}
        aria-label={props.label}
        role="region"
      >
        <div ref={contentRef} className="rp-paper__content">
          {props.children}
        </div>
      </div>
    </div>
  );
}
