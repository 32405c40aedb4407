/** The headline metrics of a model version: one row per sample, then PSI. */
import type { ModelVersion } from '@talaty/schemas';
import { formatCount, formatNumber, formatPercent } from '../../../components/format.ts';

type Summary = ModelVersion['metrics_summary'];

const samples = ['train', 'valid', 'test', 'oot'] as const;

export function MetricsSummaryTable(props: { summary: Summary }) {
  const { summary } = props;
  return (
    <>
      <div className="table-wrap">
        <table className="keyed-table">
          <caption className="visually-hidden">Metrics by sample</caption>
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
            </tr>
          </thead>
          <tbody>
            {samples.map((name) => {
              const s = summary[name];
              if (s === null) return null;
              return (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td className="num">{formatCount(s.n)}</td>
                  <td className="num">{formatPercent(s.bad_rate)}</td>
                  <td className="num">{formatNumber(s.auc)}</td>
                  <td className="num">{formatNumber(s.gini)}</td>
                  <td className="num">{formatNumber(s.ks)}</td>
                  <td className="num">{formatNumber(s.logloss)}</td>
                  <td className="num">{formatNumber(s.brier)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <dl className="stats models-psi">
        <div>
          <dt>PSI train → test</dt>
          <dd>{formatNumber(summary.psi.train_to_test)}</dd>
        </div>
        <div>
          <dt>PSI train → oot</dt>
          <dd>{formatNumber(summary.psi.train_to_oot)}</dd>
        </div>
      </dl>
    </>
  );
}
