/** A small histogram of a numeric column (hand-written SVG), described in words for screen readers. */
import { formatPercent } from '../../../components/format.ts';
import type { ColumnProfile, Distribution } from './distribution.ts';
import { distributionOf } from './distribution.ts';

const WIDTH = 180;
const BARS = 40;
const HEIGHT = BARS + 14;

/** Short numbers for axis ends: 0.25, 1,200, 3.4e+6. */
export const compact = (value: number) =>
  Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toExponential(1)
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });

function describe(name: string, d: Distribution, median: number | undefined): string {
  if (d.kind === 'values') {
    const total = d.bars.reduce((sum, b) => sum + b.count, 0);
    const values = d.bars.map((b) => `${compact(b.value)}: ${formatPercent(b.count / total)}`).join(', ');
    return `Values of ${name}: ${values}`;
  }
  const first = d.bins[0];
  const last = d.bins[d.bins.length - 1];
  if (first === undefined || last === undefined) return `Distribution of ${name}`;
  const tails = [
    d.below > 0 ? `${formatPercent(d.below, 0)} below ${compact(first.from)} not drawn` : '',
    d.above > 0 ? `${formatPercent(d.above, 0)} above ${compact(last.to)} not drawn` : '',
  ].filter((t) => t !== '');
  const middle = median === undefined ? '' : `, median ${compact(median)}`;
  return `Histogram of ${name} from ${compact(first.from)} to ${compact(last.to)}${middle}${tails.length > 0 ? `; ${tails.join(', ')}` : ''}`;
}

function Bars(props: { d: Distribution }) {
  const { d } = props;
  if (d.kind === 'values') {
    const most = Math.max(...d.bars.map((b) => b.count));
    const step = WIDTH / d.bars.length;
    return d.bars.map((b, i) => {
      const h = Math.max(1, (b.count / most) * BARS);
      return <rect key={b.value} x={(i * step + 1).toFixed(1)} y={BARS - h} width={Math.max(1, step - 2)} height={h} />;
    });
  }
  const first = d.bins[0];
  const last = d.bins[d.bins.length - 1];
  if (first === undefined || last === undefined) return null;
  const span = last.to - first.from;
  // A column of one value has no width: one full bar.
  if (span <= 0) return <rect x={0} y={0} width={WIDTH} height={BARS} />;
  const densities = d.bins.map((b) => b.share / (b.to - b.from));
  const peak = Math.max(...densities);
  const x = (v: number) => ((v - first.from) / span) * WIDTH;
  return d.bins.map((b, i) => {
    const h = Math.max(1, ((densities[i] ?? 0) / peak) * BARS);
    const left = x(b.from);
    return (
      <rect
        key={`${b.from}-${b.to}`}
        x={left.toFixed(2)}
        y={(BARS - h).toFixed(2)}
        width={Math.max(0.5, x(b.to) - left - 0.5).toFixed(2)}
        height={h.toFixed(2)}
      />
    );
  });
}

export function DistributionChart(props: { column: ColumnProfile; rowCount: number }) {
  const d = distributionOf(props.column, props.rowCount);
  if (d === null) return null;
  const ends =
    d.kind === 'values'
      ? [d.bars[0]?.value, d.bars[d.bars.length - 1]?.value]
      : [d.bins[0]?.from, d.bins[d.bins.length - 1]?.to];
  return (
    <svg
      className="chart dataset-histogram"
      role="img"
      aria-label={describe(props.column.name, d, props.column.numeric?.quantiles.p50)}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
    >
      <g className="bars">
        <Bars d={d} />
      </g>
      <line x1={0} x2={WIDTH} y1={BARS + 0.5} y2={BARS + 0.5} className="axis" />
      <text x={0} y={HEIGHT - 2}>
        {d.kind === 'bins' && d.below > 0 ? '‹ ' : ''}
        {ends[0] === undefined ? '' : compact(ends[0])}
      </text>
      <text x={WIDTH} y={HEIGHT - 2} textAnchor="end">
        {ends[1] === undefined ? '' : compact(ends[1])}
        {d.kind === 'bins' && d.above > 0 ? ' ›' : ''}
      </text>
    </svg>
  );
}
