/**
 * The scalar metrics of each sample: a run's metrics document (with Hosmer–Lemeshow) or the metrics
 * summary of a run or a model version; PSI from train as a column on request.
 */
import { formatCount, formatNumber, formatPercent } from './format.ts';
import { SAMPLE_LABEL, SAMPLES, type SampleName } from './samples.ts';

interface SampleMetrics {
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

export const psiOf = (summary: Pick<SampleMetricsSummary, 'psi'>, sample: SampleName): number | null =>
  sample === 'test' ? summary.psi.train_to_test : sample === 'oot' ? summary.psi.train_to_oot : null;

export function SampleMetricsTable(props: {
  metrics: SampleMetricsSummary;
  caption: string;
  psiColumn?: boolean;
  /** How a row names its sample (default "Train", "Validation", "Test", "Out of time"). */
  sampleLabel?: (sample: SampleName) => string;
}) {
  const label = props.sampleLabel ?? ((sample: SampleName) => SAMPLE_LABEL[sample]);
  const rows = SAMPLES.flatMap((name) => {
    const m = props.metrics[name];
    return m === null ? [] : [{ name, m }];
  });
  const withHl = rows.some((r) => r.m.hosmer_lemeshow !== undefined);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Sample</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Bad rate
            </th>
            <th scope="col" className="num">
              AUC
            </th>
            <th scope="col" className="num">
              Gini
            </th>
            <th scope="col" className="num">
              KS
            </th>
            <th scope="col" className="num">
              Log loss
            </th>
            <th scope="col" className="num">
              Brier
            </th>
            {props.psiColumn ? (
              <th scope="col" className="num">
                PSI vs train
              </th>
            ) : null}
            {withHl ? (
              <th scope="col" className="num">
                Hosmer–Lemeshow p
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, m }) => (
            <tr key={name}>
              <th scope="row">{label(name)}</th>
              <td className="num">{formatCount(m.n)}</td>
              <td className="num">{formatPercent(m.bad_rate)}</td>
              <td className="num">{formatNumber(m.auc)}</td>
              <td className="num">{formatNumber(m.gini)}</td>
              <td className="num">{formatNumber(m.ks)}</td>
              <td className="num">{formatNumber(m.logloss)}</td>
              <td className="num">{formatNumber(m.brier)}</td>
              {props.psiColumn ? <td className="num">{formatNumber(psiOf(props.metrics, name))}</td> : null}
              {withHl ? <td className="num">{formatNumber(m.hosmer_lemeshow?.p_value, 3)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
