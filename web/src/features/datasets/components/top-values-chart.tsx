/** The most frequent values of a categorical column as horizontal bars (hand-written SVG). */
import { formatPercent } from '../../../components/format.ts';
import type { ColumnProfile } from './distribution.ts';

const SHOWN = 5;
const ROW = 15;
const WIDTH = 220;
const LABEL = 78;
const SHARE = 44;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function TopValuesChart(props: { column: ColumnProfile; rowCount: number }) {
  const { column } = props;
  const present = props.rowCount - column.missing_count;
  const top = column.top_values.slice(0, SHOWN);
  if (top.length === 0 || present <= 0) return null;
  const most = Math.max(...top.map((t) => t.count));
  const rest = column.distinct_estimate - top.length;
  const approx = column.top_values_exact ? '' : 'about ';
  const label =
    `Most frequent values of ${column.name}: ` +
    top.map((t) => `${t.value === '' ? '(empty)' : t.value} ${approx}${formatPercent(t.count / present)}`).join(', ') +
    (rest > 0 ? `; about ${rest} more values` : '');
  const bar = WIDTH - LABEL - SHARE;
  return (
    <svg
      className="chart dataset-top-values"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${top.length * ROW}`}
      width={WIDTH}
      height={top.length * ROW}
    >
      {top.map((t, i) => (
        <g key={t.value} transform={`translate(0 ${i * ROW})`}>
          <text x={0} y={ROW - 4}>
            {clip(t.value, 12)}
          </text>
          <rect x={LABEL} y={3} width={Math.max(1, (t.count / most) * bar)} height={ROW - 5} />
          <text x={WIDTH} y={ROW - 4} textAnchor="end">
            {formatPercent(t.count / present, 0)}
          </text>
        </g>
      ))}
    </svg>
  );
}
