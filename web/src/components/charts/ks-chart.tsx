/** The KS chart of one sample: cumulative shares of bads and goods by p_bad, the widest gap marked. */
import type { KsPoint } from '@talaty/schemas';
import { formatNumber } from '../format.ts';
import { ksSeries, maxGap } from './curves.ts';
import { LineChart } from './line-chart.tsx';
import { spreadPoints } from './path.ts';
import { niceDomain } from './scale.ts';

export function KsChart(props: { label: string; curve: readonly KsPoint[]; title?: string }) {
  const title = props.title ?? `KS curve (${props.label})`;
  const { bads, goods } = ksSeries(props.curve);
  const gap = maxGap(props.curve);
  const thresholds = props.curve.map((p) => p.threshold);
  const xDomain =
    thresholds.length === 0 ? ([0, 1] as const) : niceDomain(Math.min(...thresholds), Math.max(...thresholds));
  const summary =
    gap === undefined
      ? `${title}: no points.`
      : `${title}: the largest gap between the cumulative shares of goods and bads is ${formatNumber(gap.gap, 3)} at p_bad ${formatNumber(gap.threshold, 3)}.`;
  return (
    <LineChart
      title={title}
      summary={summary}
      xLabel="Threshold (p_bad)"
      yLabel="Cumulative share at or below"
      xDomain={[Math.max(0, xDomain[0]), Math.min(1, xDomain[1])]}
      yDomain={[0, 1]}
      series={[
        { label: 'Bads', points: bads },
        { label: 'Goods', points: goods },
      ]}
      segments={
        gap === undefined
          ? []
          : [
              {
                from: { x: gap.threshold, y: gap.bad },
                to: { x: gap.threshold, y: gap.good },
                label: `KS ${formatNumber(gap.gap, 3)}`,
              },
            ]
      }
      table={{
        columns: ['Threshold', 'Bads at or below', 'Goods at or below', 'Gap'],
        rows: spreadPoints(props.curve, 11).map((p) => [
          formatNumber(p.threshold, 3),
          formatNumber(p.bad_cdf, 3),
          formatNumber(p.good_cdf, 3),
          formatNumber(Math.abs(p.good_cdf - p.bad_cdf), 3),
        ]),
      }}
    />
  );
}
