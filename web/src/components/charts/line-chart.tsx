/**
 * A line chart in plain SVG: axes with round ticks, one or more series (each with its own colour,
 * dash pattern and markers, and a legend entry), an optional diagonal reference line and labelled
 * segments (e.g. the KS gap). The drawing is one `role="img"` (its parts presentational) with a
 * summary for screen readers; the numbers follow in a folded table.
 */

import { ChartDataTable, type TableData } from './data-table.tsx';
import { type ChartFrame, frame } from './frame.ts';
import { linePath, markerPath, type Point, spreadPoints } from './path.ts';
import { tickLabel, tickStep, ticks } from './scale.ts';
import { type SeriesStyle, seriesStyle } from './series-style.ts';

export interface LineSeries {
  readonly label: string;
  readonly points: readonly Point[];
}

export interface Segment {
  readonly from: Point;
  readonly to: Point;
  readonly label: string;
}

export interface LineChartProps {
  readonly title: string;
  /** What the chart shows, in words (its accessible name). */
  readonly summary: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly series: readonly LineSeries[];
  /** A dashed y = x line with this legend label (random model, perfect calibration). */
  readonly diagonal?: string;
  readonly segments?: readonly Segment[];
  /** Markers on every point (few points) or spread along the line (dense curves). */
  readonly markers?: 'all' | 'spread';
  readonly table: TableData;
}

export function LineChart(props: LineChartProps) {
  const f = frame(props.xDomain, props.yDomain);
  const styles = props.series.map((_, i) => seriesStyle(i));
  return (
    <figure className="chart-figure">
      <figcaption>{props.title}</figcaption>
      <svg className="chart" viewBox={`0 0 ${f.width} ${f.height}`} role="img" aria-label={props.summary}>
        <Axes f={f} xLabel={props.xLabel} yLabel={props.yLabel} />
        {props.diagonal === undefined ? null : <Diagonal f={f} />}
        {props.series.map((s, i) => (
          <SeriesPath
            key={s.label}
            series={s}
            style={styles[i] as SeriesStyle}
            f={f}
            markers={props.markers ?? 'spread'}
          />
        ))}
        {(props.segments ?? []).map((s) => (
          <SegmentMark key={s.label} segment={s} f={f} />
        ))}
      </svg>
      <Legend series={props.series} styles={styles} diagonal={props.diagonal} />
      <ChartDataTable caption={props.title} table={props.table} />
    </figure>
  );
}

function Axes(props: { f: ChartFrame; xLabel: string; yLabel: string }) {
  const { f } = props;
  const [x0, x1] = f.x.domain;
  const [y0, y1] = f.y.domain;
  const xStep = tickStep(x0, x1, 5);
  const yStep = tickStep(y0, y1, 5);
  return (
    <g>
      {ticks(y0, y1, 5).map((v) => (
        <g key={`y${v}`}>
          <line className="grid" x1={f.left} x2={f.right} y1={f.y(v)} y2={f.y(v)} />
          <text x={f.left - 6} y={f.y(v)} textAnchor="end" dominantBaseline="middle">
            {tickLabel(v, yStep)}
          </text>
        </g>
      ))}
      {ticks(x0, x1, 5).map((v) => (
        <g key={`x${v}`}>
          <line className="grid" x1={f.x(v)} x2={f.x(v)} y1={f.top} y2={f.bottom} />
          <text x={f.x(v)} y={f.bottom + 14} textAnchor="middle">
            {tickLabel(v, xStep)}
          </text>
        </g>
      ))}
      <rect className="plot-border" x={f.left} y={f.top} width={f.right - f.left} height={f.bottom - f.top} />
      <text className="axis-label" x={(f.left + f.right) / 2} y={f.height - 4} textAnchor="middle">
        {props.xLabel}
      </text>
      <text
        className="axis-label"
        transform={`translate(12 ${(f.top + f.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {props.yLabel}
      </text>
    </g>
  );
}

function Diagonal(props: { f: ChartFrame }) {
  const { f } = props;
  const lo = Math.max(f.x.domain[0], f.y.domain[0]);
  const hi = Math.min(f.x.domain[1], f.y.domain[1]);
  return <line className="reference" x1={f.x(lo)} y1={f.y(lo)} x2={f.x(hi)} y2={f.y(hi)} strokeDasharray="3 3" />;
}

function SeriesPath(props: { series: LineSeries; style: SeriesStyle; f: ChartFrame; markers: 'all' | 'spread' }) {
  const { series, style, f } = props;
  const marked = props.markers === 'all' ? series.points : spreadPoints(series.points, 8);
  return (
    <g className="series">
      <path
        d={linePath(series.points, f.x, f.y)}
        fill="none"
        stroke={style.color}
        strokeWidth={2}
        strokeDasharray={style.dash}
      />
      <path
        d={marked.map((p) => markerPath(style.marker, f.x(p.x), f.y(p.y), 7)).join('')}
        fill={style.marker === 'cross' ? 'none' : style.color}
        stroke={style.color}
        strokeWidth={1.5}
      />
    </g>
  );
}

function SegmentMark(props: { segment: Segment; f: ChartFrame }) {
  const { segment: s, f } = props;
  const [x1, y1, x2, y2] = [f.x(s.from.x), f.y(s.from.y), f.x(s.to.x), f.y(s.to.y)];
  return (
    <g className="segment">
      <line x1={x1} y1={y1} x2={x2} y2={y2} strokeWidth={2} />
      <text x={Math.min(x1, x2) + 6} y={(y1 + y2) / 2} dominantBaseline="middle">
        {s.label}
      </text>
    </g>
  );
}

/** The legend in HTML text (read out as a list), each entry with a sample of its line. */
function Legend(props: {
  series: readonly LineSeries[];
  styles: readonly SeriesStyle[];
  diagonal?: string | undefined;
}) {
  return (
    <ul className="chart-legend">
      {props.series.map((s, i) => {
        const style = props.styles[i] as SeriesStyle;
        return (
          <li key={s.label}>
            <svg width="34" height="12" aria-hidden="true">
              <line x1="1" y1="6" x2="33" y2="6" stroke={style.color} strokeWidth={2} strokeDasharray={style.dash} />
              <path
                d={markerPath(style.marker, 17, 6, 7)}
                fill={style.marker === 'cross' ? 'none' : style.color}
                stroke={style.color}
              />
            </svg>
            {s.label}
          </li>
        );
      })}
      {props.diagonal === undefined ? null : (
        <li>
          <svg width="34" height="12" aria-hidden="true">
            <line className="reference" x1="1" y1="6" x2="33" y2="6" strokeDasharray="3 3" />
          </svg>
          {props.diagonal}
        </li>
      )}
    </ul>
  );
}
