import { useMemo, useState, type ReactNode } from 'react';
import { countOf, forestInputFor, NOUNS, type AnalysisSummary } from '@grove/shared';
import { forestPlotSvg } from '@grove/shared/forest/index';
import { errorMessage } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { downloadBlob, fileSlug, svgDataUrl, svgToPng } from '../../components/exporting.tsx';
import { useAppStore } from '../../store/app.ts';
import { estimateText, methodLine, pooled, studyCount } from './format.ts';
import { useForestRob } from './queries.ts';

// The outcome's forest plot: the shared RevMan 5 layout (shared/src/forest), drawn from
// the analysis on screen and shown as an image, with RoB columns on request, exported as
// SVG, PNG at print resolution, or printed (PDF) with its caption. In the outcome page's
// column the image scales down to the column's width (keeping its aspect), never clipped;
// "Open full size" shows it at its full size in a dialog that scrolls.

/** The plot is drawn at RevMan's 11 px; at full size it is shown a little larger. */
const FOREST_ZOOM = 1.25;

function svgWidth(svg: string): number {
  const m = /<svg[^>]*?\swidth="([\d.]+)/.exec(svg);
  return m ? Number(m[1]) : 800;
}

export function ForestPanel(props: {
  summary: AnalysisSummary;
  /** "Sensitivity analysis: …", for the printed caption. */
  note: string | null;
  /** Entered or imported RevMan's way (not derived from the extraction). */
  entered: boolean;
  print: (job: { paper: 'A4'; orientation: 'landscape'; content: ReactNode }) => void;
}) {
  const store = useAppStore();
  const [showRob, setShowRob] = useState(false);
  const [full, setFull] = useState(false);
  const robQuery = useForestRob(showRob);
  const rob = robQuery.data ?? null;
  const robError = robQuery.error ? errorMessage(robQuery.error) : null;
  const s = props.summary;
  const a = s.analysis;
  const robForPlot = showRob && rob ? rob : undefined;
  // RevMan draws every outcome with data; a native review's planned outcome only once it is pooled (its minimum studies).
  const drawn = a.synthesis === 'meta-analysis' || (props.entered && a.result !== null);
  const input = useMemo(() => (drawn ? forestInputFor(a, robForPlot) : null), [drawn, a, robForPlot]);
  const svg = useMemo(() => (input ? forestPlotSvg(input, { idPrefix: 'an-forest' }) : null), [input]);
  if (!svg || !input) return null;

  const p = pooled(s);
  const k = studyCount(s);
  const title = `${a.outcomeName}: ${a.categoryName.toLowerCase()}`;
  const fileBase = `forest-${fileSlug(title)}`;
  const included = a.contributions.filter((c) => c.included);

  const width = Math.round(svgWidth(svg) * FOREST_ZOOM);
  const alt = `Forest plot of ${countOf(k, NOUNS.study)} for ${title}${p ? `; pooled ${a.effectMeasure} ${estimateText(p)}` : ''}. The study results are listed in the table of studies below.`;

  const exportPng = async () => {
    try {
      downloadBlob(`${fileBase}.png`, await svgToPng(svg));
    } catch (err) {
      store.getState().pushToast({ title: 'The PNG could not be made', description: errorMessage(err), tone: 'error' });
    }
  };

  return (
    <section className="card an-forest" aria-labelledby="an-forest-h">
      <div className="an-forest__head">
        <h3 id="an-forest-h" className="card__title">
          Forest plot
        </h3>
        <span className="button-row">
          <button type="button" className="button button--small" onClick={() => setFull(true)}>
            Open full size
          </button>
          <label className="radio an-forest__rob">
            <input type="checkbox" checked={showRob} onChange={(e) => setShowRob(e.target.checked)} />
            Show risk of bias
          </label>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              downloadBlob(`${fileBase}.svg`, new Blob([forestPlotSvg(input, { xmlDeclaration: true })], { type: 'image/svg+xml' }))
            }
          >
            Export SVG
          </button>
          <button type="button" className="button button--small" onClick={() => void exportPng()}>
            Export PNG (300 dpi)
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              props.print({
                paper: 'A4',
                orientation: 'landscape',
                content: (
                  <figure className="print-figure">
                    <img src={svgDataUrl(svg)} alt={`Forest plot: ${title}`} />
                    <figcaption>
                      <strong>Forest plot of comparison: {title}.</strong> {methodLine(s)}. {props.note ? `${props.note}. ` : ''}
                      Studies: {included.map((c) => c.label).join(', ')}.
                    </figcaption>
                  </figure>
                ),
              })
            }
          >
            Print / PDF
          </button>
        </span>
      </div>
      {robError ? (
        <p className="notice notice--error" role="alert">
          The risk-of-bias judgements could not be read: {robError}
        </p>
      ) : showRob && rob && included.every((c) => (rob[c.label] ?? []).every((j) => j === null)) ? (
        <p className="muted" role="note">
          No study in this analysis has risk-of-bias judgements yet: the dashed circles mean “not judged”. Judge them under Risk of bias.
        </p>
      ) : null}
      <div className="an-forest__img">
        <img src={svgDataUrl(svg)} width={width} alt={alt} />
      </div>
      <Dialog open={full} onOpenChange={setFull} title={`Forest plot: ${title}`} full>
        <div className="an-forest__full">
          <img src={svgDataUrl(svg)} width={width} alt={alt} />
        </div>
      </Dialog>
    </section>
  );
}
