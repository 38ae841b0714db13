import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

// Exports shared by the Analyses and Reports stages: files are handed to the browser as
// downloads (blob URLs), figures are shown from data: URLs (never inlined as HTML), PNGs
// are rasterised through a canvas at print resolution, and PDFs come from the browser's
// own print (window.print()) of a print view that holds only the figure or table.

/** CSS pixels are 1/96 in: this scale gives a 300 dpi bitmap of a figure drawn at its CSS size. */
export const PRINT_DPI_SCALE = 300 / 96;

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** A file name from a title: "Medical utilisation: post-intervention" → "medical-utilisation-post-intervention". */
export function fileSlug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'figure'
  );
}

/** Draws the SVG on a white canvas at `scale` and resolves with PNG bytes. */
export function svgToPng(svg: string, scale = PRINT_DPI_SCALE): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const w = Math.ceil((img.naturalWidth || img.width) * scale);
      const h = Math.ceil((img.naturalHeight || img.height) * scale);
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('This window cannot draw images.'));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      ctx.drawImage(img, 0, 0, w, h);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png');
    };
    img.onerror = () => reject(new Error('The figure could not be drawn.'));
    img.src = svgDataUrl(svg);
  });
}

export type Paper = 'A4' | 'letter';
export type Orientation = 'portrait' | 'landscape';

export interface PrintJob {
  readonly paper: Paper;
  readonly orientation: Orientation;
  readonly content: ReactNode;
}

/**
 * Holds what is to be printed. `print(job)` puts the job in a print view (a direct child
 * of <body>, hidden on screen) and calls window.print(); the print stylesheet hides the
 * app, so only the table or figure reaches the paper or the PDF. The view is removed
 * after printing. Electron's printToPDF is not wired yet, so both hosts use window.print().
 */
export function usePrintView(): { print: (job: PrintJob) => void; view: ReactNode } {
  const [job, setJob] = useState<{ job: PrintJob; seq: number } | null>(null);
  useEffect(() => {
    if (!job) return;
    document.body.classList.add('is-printing');
    const done = () => {
      document.body.classList.remove('is-printing');
      setJob((cur) => (cur?.seq === job.seq ? null : cur));
    };
    window.addEventListener('afterprint', done, { once: true });
    // Give the figure image a frame to decode before the print snapshot is taken.
    const t = window.setTimeout(() => window.print(), 50);
    return () => {
      window.clearTimeout(t);
      window.removeEventListener('afterprint', done);
    };
  }, [job]);
  return {
    print: (j) => setJob((cur) => ({ job: j, seq: (cur?.seq ?? 0) + 1 })),
    view: job
      ? createPortal(
          <div className="print-view" data-testid="print-view">
            {/* @page cannot be set per element; the chosen paper goes in this one rule. */}
            <style>{`@page { size: ${job.job.paper} ${job.job.orientation}; margin: 18mm; }`}</style>
            {job.job.content}
          </div>,
          document.body,
        )
      : null,
  };
}
