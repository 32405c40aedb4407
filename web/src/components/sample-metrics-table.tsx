/**
 * The scalar metrics of each sample: a run's metrics document (with Hosmer–Lemeshow) or the metrics
 * summary of a run or a model version; PSI from train as a column on request.
 */
import { type Column, DataTable } from './data-table.tsx';
import { formatCount, formatNumber, formatPercent } from './format.ts';
import { SAMPLE_LABEL, SAMPLES, type SampleName } from './samples.ts';

export interface SampleMetrics {
  readonly n: number;
  readonly bad_rate: number;
  readonly auc: number | null;
  readonly gini: number | null;
  readonly ks: number | null;
  readonly logloss: number;
  readonly brier: number;
  readonly hosmer_lemeshow?: { readonly statistic: number; readonly p_value: number } | null;
}

export type SampleMetricsSummary = {
  readonly [K in SampleName]: SampleMetrics | null;
} & { readonly psi: { readonly train_to_test: number | null; readonly train_to_oot: number | null } };

/** The metrics every sample has, in the order tables show them. */
export const SAMPLE_METRICS: ReadonlyArray<{ readonly label: string; readonly value: (m: SampleMetrics) => string }> = [
  { label: 'Rows', value: (m) => formatCount(m.n) },
  { label: 'Bad rate', value: (m) => formatPercent(m.bad_rate) },
  { label: 'AUC', value: (m) => formatNumber(m.auc) },
  { label: 'Gini', value: (m) => formatNumber(m.gini) },
  { label: 'KS', value: (m) => formatNumber(m.ks) },
  { label: 'Log loss', value: (m) => formatNumber(m.logloss) },
  { label: 'Brier', value: (m) => formatNumber(m.brier) },
];

export const psiOf = (summary: Pick<SampleMetricsSummary, 'psi'>, sample: SampleName): number | null =>
  sample === 'test' ? summary.psi.train_to_test : sample === 'oot' ? summary.psi.train_to_oot : null;

interface Row {
  readonly name: SampleName;
  readonly m: SampleMetrics;
}

export function SampleMetricsTable(props: {
  metrics: SampleMetricsSummary;
  caption: string;
  psiColumn?: boolean;
  /** How a row names its sample (default "Train", "Validation", "Test", "Out of time"). */
  sampleLabel?: (sample: SampleName) => string;
}) {
  const label = props.sampleLabel ?? ((sample: SampleName) => SAMPLE_LABEL[sample]);
  const rows = SAMPLES.flatMap((name): Row[] => {
    const m = props.metrics[name];
    return m === null ? [] : [{ name, m }];
  });
  const columns: Column<Row>[] = [
    { header: 'Sample', rowHeader: true, cell: (r) => label(r.name) },
    ...SAMPLE_METRICS.map(
      (metric): Column<Row> => ({ header: metric.label, numeric: true, cell: (r) => metric.value(r.m) }),
    ),
  ];
  if (props.psiColumn) {
    columns.push({ header: 'PSI vs train', numeric: true, cell: (r) => formatNumber(psiOf(props.metrics, r.name)) });
  }
  if (rows.some((r) => r.m.hosmer_lemeshow !== undefined)) {
    columns.push({
      header: 'Hosmer–Lemeshow p',
      numeric: true,
      cell: (r) => formatNumber(r.m.hosmer_lemeshow?.p_value, 3),
    });
  }
  return <DataTable caption={props.caption} rows={rows} rowKey={(r) => r.name} columns={columns} />;
}
