import { useMemo, useState } from 'react';
import { prismaFlowCsv, prismaFlowSvg } from '@grove/shared/prisma/index';
import { errorMessage } from '../../../api/client.ts';
import { downloadBlob, downloadText, svgDataUrl, svgToPng, usePrintView } from '../../../components/exporting.tsx';
import { useAppStore } from '../../../store/app.ts';
import { countValue, flowRows, sourceText } from './flow-rows.ts';
import { usePrismaFlow } from './queries.ts';
import './prisma.css';

// The PRISMA 2020 flow diagram in the Reports stage: the same SVG `grove report --prisma`
// writes, drawn from the review as it is now (counts entered by hand marked †), the checks a
// reader would make, every count in a table with where it came from, and the exports: print
// (PDF through the browser's print), SVG, PNG at 300 dpi and the PRISMA2020 app's CSV.

const FILE = 'prisma-2020-flow-diagram';

export function PrismaPanel() {
  const store = useAppStore();
  const query = usePrismaFlow();
  const { print, view } = usePrintView();
  const [busy, setBusy] = useState(false);
  const report = query.data;
  const svg = useMemo(() => (report ? prismaFlowSvg(report.flow, { idPrefix: 'prisma-flow' }) : null), [report]);
  const rows = useMemo(() => (report ? flowRows(report.flow) : []), [report]);

  if (query.error)
    return (
      <p className="notice notice--error card" role="alert">
        The flow diagram could not be made: {errorMessage(query.error)}
      </p>
    );
  if (!report || !svg)
    return (
      <p className="muted" role="status">
        Making the flow diagram…
      </p>
    );

  const handEntered = rows.some((r) => r.count?.source === 'hand-entered');
  const png = async () => {
    setBusy(true);
    try {
      downloadBlob(`${FILE}.png`, await svgToPng(svg));
    } catch (err) {
      store.getState().pushToast({ title: 'The PNG could not be made', description: errorMessage(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const alt = `PRISMA 2020 flow diagram. ${rows
    .filter((r) => !r.detail && r.count !== null)
    .map((r) => `${r.label}: ${countValue(r.count)}`)
    .join('; ')}. Every count is listed in the table below the figure.`;

  return (
    <div className="rp-panel prisma-panel">
      <div className="rp-toolbar">
        <p className="field__hint">
          The PRISMA 2020 template for new reviews with searches of databases, registers and other sources, computed from the review.
          {handEntered
            ? ' Counts marked † were entered by hand (Protocol, PRISMA counts): the review does not hold the records behind them.'
            : ''}
        </p>
        <span className="button-row rp-toolbar__actions">
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() =>
              print({
                paper: 'A4',
                orientation: 'landscape',
                content: (
                  <figure className="print-figure print-figure--prisma">
                    <img src={svgDataUrl(svg)} alt={alt} />
                  </figure>
                ),
              })
            }
          >
            Print / PDF
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              downloadBlob(`${FILE}.svg`, new Blob([prismaFlowSvg(report.flow, { xmlDeclaration: true })], { type: 'image/svg+xml' }))
            }
          >
            Export SVG
          </button>
          <button type="button" className="button button--small" disabled={busy} onClick={() => void png()}>
            {busy ? 'Making PNG…' : 'Export PNG (300 dpi)'}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => downloadText(`${FILE}.csv`, prismaFlowCsv(report.flow), 'text/csv;charset=utf-8')}
          >
            Export CSV (PRISMA2020 app)
          </button>
        </span>
      </div>

      {report.checks.length > 0 ? (
        <div className="notice card prisma-panel__checks" role="note" data-testid="prisma-checks">
          <strong>The numbers do not all add up:</strong>
          <ul>
            {report.checks.map((c) => (
              <li key={c.rule}>{c.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="prisma-panel__figure">
        <img src={svgDataUrl(svg)} alt={alt} data-testid="prisma-diagram" />
      </div>

      <details className="prisma-panel__table">
        <summary>Counts and where they came from</summary>
        <table className="prisma-counts" aria-label="PRISMA flow counts" data-testid="prisma-counts">
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col">Column</th>
              <th scope="col">Box</th>
              <th scope="col">n</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={r.detail ? 'prisma-counts__detail' : undefined}>
                <td>{r.phase}</td>
                <td>{r.column}</td>
                <th scope="row">{r.label}</th>
                <td className="prisma-counts__n">{countValue(r.count)}</td>
                <td>{sourceText(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {view}
    </div>
  );
}
