import type { DashboardEntry } from '@grove/shared';

// A miniature forest plot for the dashboard: each study's CI as a line with a dot at its
// estimate, and the pooled diamond underneath. React elements, so nothing is injected.
// Ratio measures are drawn on a log axis; the line of no effect is dashed.

const W = 120;
const PAD = 4;

export function Sparkline({ spark, ratio, label }: { spark: NonNullable<DashboardEntry['spark']>; ratio: boolean; label: string }) {
  const { rows, overall } = spark;
  if (rows.length === 0) return null;
  const t = (x: number) => (ratio ? Math.log(x) : x);
  const values = [ratio ? 1 : 0, ...rows.flatMap((r) => [r.ciLower, r.ciUpper]), ...(overall ? [overall.ciLower, overall.ciUpper] : [])]
    .map(t)
    .filter(Number.isFinite);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (v: number) => PAD + ((t(v) - lo) / span) * (W - 2 * PAD);
  const step = 4;
  const h = rows.length * step + (overall ? 10 : 4);
  const zero = x(ratio ? 1 : 0);
  return (
    <svg className="sparkline" width={W} height={h} viewBox={`0 0 ${W} ${h}`} role="img" aria-label={label}>
      <line x1={zero} x2={zero} y1={0} y2={h} className="sparkline__null" />
      {rows.map((r, i) => {
        const y = 2 + i * step;
        return (
          <g key={i}>
            <line x1={x(r.ciLower)} x2={x(r.ciUpper)} y1={y} y2={y} className="sparkline__ci" />
            <rect x={x(r.estimate) - 1.25} y={y - 1.25} width={2.5} height={2.5} className="sparkline__est" />
          </g>
        );
      })}
      {overall ? (
        <polygon
          className="sparkline__diamond"
          points={`${x(overall.ciLower)},${h - 4} ${x(overall.estimate)},${h - 7.5} ${x(overall.ciUpper)},${h - 4} ${x(overall.estimate)},${h - 0.5}`}
        />
      ) : null}
    </svg>
  );
}
