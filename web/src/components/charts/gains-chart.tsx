/** Cumulative gains: the share of bads captured by the riskiest deciles, against a random ranking. */
import type { GainsRow } from '@talaty/schemas';
import { formatNumber, formatPercent } from '../format.ts';
import { gainsPoints } from './curves.ts';
import { LineChart } from './line-chart.tsx';

export interface GainsCurve {
  readonly label: string;
  readonly gains: readonly GainsRow[];
}

const captureAt = (gains: readonly GainsRow[], decile: number) => gains.find((r) => r.decile === decile);

export function GainsChart(props: { curves: readonly GainsCurve[]; title?: string }) {
  const title = props.title ?? 'Cumulative gains';
  const summary = `${title}: the riskiest 20 % of rows capture ${props.curves
    .map((c) => `${formatPercent(captureAt(c.gains, 2)?.cum_capture)} of bads in ${c.label}`)
    .join(', ')}.`;
  const deciles = [...new Set(props.curves.flatMap((c) => c.gains.map((r) => r.decile)))].sort((a, b) => a - b);
  return (
    <LineChart
      title={title}
      summary={summary}
      xLabel="Share of rows, riskiest first"
      yLabel="Share of bads captured"
      xDomain={[0, 1]}
      yDomain={[0, 1]}
      series={props.curves.map((c) => ({ label: c.label, points: gainsPoints(c.gains) }))}
      diagonal="Random"
      markers="all"
      table={{
        columns: ['Decile', ...props.curves.flatMap((c) => [`${c.label}: capture`, `${c.label}: lift`])],
        rows: deciles.map((d) => [
          d,
          ...props.curves.flatMap((c) => {
            const row = captureAt(c.gains, d);
            return [formatPercent(row?.cum_capture), formatNumber(row?.lift, 2)];
          }),
        ]),
      }}
    />
  );
}
