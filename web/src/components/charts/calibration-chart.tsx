/** Calibration: observed bad rate against mean predicted p_bad per bin, with the diagonal of perfect calibration. */
import type { CalibrationBin } from '@talaty/schemas';
import { formatCount, formatNumber } from '../format.ts';
import { calibrationPoints, extent } from './curves.ts';
import { LineChart } from './line-chart.tsx';
import { niceDomain } from './scale.ts';

export interface CalibrationCurve {
  readonly label: string;
  readonly bins: readonly CalibrationBin[];
}

export function CalibrationChart(props: { curves: readonly CalibrationCurve[]; title?: string }) {
  const title = props.title ?? 'Calibration';
  const series = props.curves.map((c) => ({ label: c.label, points: calibrationPoints(c.bins) }));
  const top = Math.min(1, niceDomain(0, Math.max(0.05, extent(series.map((s) => s.points))))[1]);
  const worst = props.curves.map((c) => {
    const gaps = c.bins.filter((b) => b.n > 0).map((b) => Math.abs(b.observed_rate - b.mean_predicted));
    return `${c.label} largest bin gap ${formatNumber(gaps.length === 0 ? null : Math.max(...gaps), 3)}`;
  });
  return (
    <LineChart
      title={title}
      summary={`${title}: observed bad rate against mean predicted p_bad per bin; ${worst.join(', ')}.`}
      xLabel="Mean predicted p_bad"
      yLabel="Observed bad rate"
      xDomain={[0, top]}
      yDomain={[0, top]}
      series={series}
      diagonal="Perfect calibration"
      markers="all"
      table={{
        columns: ['Series', 'Bin', 'Rows', 'Mean predicted', 'Observed'],
        rows: props.curves.flatMap((c) =>
          c.bins.map((b) => [
            c.label,
            b.bin,
            formatCount(b.n),
            formatNumber(b.mean_predicted, 3),
            formatNumber(b.observed_rate, 3),
          ]),
        ),
      }}
    />
  );
}
