/** ROC curves (share of bads against share of goods above each threshold), one per sample or run. */
import type { RocPoint } from '@talaty/schemas';
import { formatNumber } from '../format.ts';
import { rocPoints } from './curves.ts';
import { LineChart } from './line-chart.tsx';
import { spreadPoints } from './path.ts';

export interface RocCurve {
  readonly label: string;
  readonly roc: readonly RocPoint[];
  readonly auc: number | null;
}

export function RocChart(props: { curves: readonly RocCurve[]; title?: string }) {
  const title = props.title ?? 'ROC curve';
  const series = props.curves.map((c) => ({
    label: `${c.label} (AUC ${formatNumber(c.auc, 3)})`,
    points: rocPoints(c.roc),
  }));
  const summary = `${title}: ${props.curves.map((c) => `${c.label} AUC ${formatNumber(c.auc, 3)}`).join(', ')}.`;
  return (
    <LineChart
      title={title}
      summary={summary}
      xLabel="False positive rate (share of goods)"
      yLabel="True positive rate (share of bads)"
      xDomain={[0, 1]}
      yDomain={[0, 1]}
      series={series}
      diagonal="Random"
      table={{
        columns: ['Series', 'False positive rate', 'True positive rate'],
        rows: series.flatMap((s) =>
          spreadPoints(s.points, 11).map((p) => [s.label, formatNumber(p.x, 3), formatNumber(p.y, 3)]),
        ),
      }}
    />
  );
}
