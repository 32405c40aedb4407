/** Feature importance as horizontal bars of total gain, largest first. */
import type { FeatureImportance } from '@talaty/schemas';
import { formatCount, formatNumber, formatPercent } from '../format.ts';
import { barLayout } from './bars.ts';
import { ChartDataTable } from './data-table.tsx';

const ROW = 22;
const LABEL = 150;
/** Drawn at its own size (not stretched to the column), so names stay at the page's text size. */
const WIDTH = 560;

export function ImportanceChart(props: { importance: readonly FeatureImportance[]; limit?: number; title?: string }) {
  const title = props.title ?? 'Feature importance (gain)';
  const limit = props.limit ?? 15;
  const sorted = [...props.importance].sort((a, b) => b.gain - a.gain);
  const shown = sorted.slice(0, limit);
  const total = sorted.reduce((sum, f) => sum + f.gain, 0);
  const share = (gain: number) => formatPercent(total === 0 ? 0 : gain / total);
  const bars = barLayout(shown, (f) => f.gain, WIDTH - LABEL - 70, ROW);
  const height = Math.max(ROW, shown.length * ROW) + 8;
  const top3 = shown.slice(0, 3).map((f) => `${f.feature} ${share(f.gain)}`);
  const more = sorted.length > shown.length ? ` (top ${shown.length} of ${sorted.length} features drawn)` : '';
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <svg
        className="chart bars"
        width={WIDTH}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`${title}: ${top3.join(', ') || 'no features'} of total gain${more}.`}
      >
        {bars.map((b) => (
          <g key={b.item.feature} transform={`translate(0 ${b.y + 4})`}>
            <text x={LABEL - 6} y={ROW / 2} textAnchor="end" dominantBaseline="middle">
              {b.item.feature.length > 22 ? `${b.item.feature.slice(0, 21)}…` : b.item.feature}
            </text>
            <rect className="bar" x={LABEL} y={3} width={b.width} height={ROW - 6} />
            <text x={LABEL + b.width + 4} y={ROW / 2} dominantBaseline="middle">
              {share(b.item.gain)}
            </text>
          </g>
        ))}
      </svg>
      <ChartDataTable
        caption={title}
        table={{
          columns: ['Feature', 'Gain', 'Share of gain', 'Splits'],
          rows: sorted.map((f) => [f.feature, formatNumber(f.gain, 2), share(f.gain), formatCount(f.splits)]),
        }}
      />
    </figure>
  );
}
