/** The scalar metrics of each sample of a run, and PSI from train to test and out-of-time. */
import type { Metrics } from '@talaty/schemas';
import { formatCount, formatNumber, formatPercent } from '../../../components/format.ts';
import { SAMPLE_LABEL, SAMPLES, type SampleName } from '../run-state.ts';

type Summary = Pick<Metrics, 'psi'> & {
  readonly [K in SampleName]: {
    n: number;
    bad_rate: number;
    auc: number | null;
    gini: number | null;
    ks: number | null;
    logloss: number;
    brier: number;
    hosmer_lemeshow?: { statistic: number; p_value: number } | null;
  } | null;
};

export const psiOf = (summary: Pick<Metrics, 'psi'>, sample: SampleName): number | null =>
  sample === 'test' ? summary.psi.train_to_test : sample === 'oot' ? summary.psi.train_to_oot : null;

/** Works on the full Metrics document (with Hosmer–Lemeshow) or a run's metrics summary. */
export function MetricsTable(props: { metrics: Summary; caption?: string }) {
  const rows = SAMPLES.flatMap((name) => {
    const m = props.metrics[name];
    return m === null ? [] : [{ name, m }];
  });
  const withHl = rows.some((r) => r.m.hosmer_lemeshow !== undefined);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption ?? 'Metrics per sample'}</caption>
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
            <th scope="col" className="num">
              PSI vs train
            </th>
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
              <th scope="row">{SAMPLE_LABEL[name]}</th>
              <td className="num">{formatCount(m.n)}</td>
              <td className="num">{formatPercent(m.bad_rate)}</td>
              <td className="num">{formatNumber(m.auc)}</td>
              <td className="num">{formatNumber(m.gini)}</td>
              <td className="num">{formatNumber(m.ks)}</td>
              <td className="num">{formatNumber(m.logloss)}</td>
              <td className="num">{formatNumber(m.brier)}</td>
              <td className="num">{formatNumber(psiOf(props.metrics, name))}</td>
              {withHl ? <td className="num">{formatNumber(m.hosmer_lemeshow?.p_value, 3)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
