/**
 * The target column's classes and, for a binary target, its share of 1s. Which value is bad is
 * chosen on a feature-set version, not here, so the share is never called a bad rate.
 */
import type { DatasetProfile } from '@talaty/schemas';
import { formatCount, formatPercent } from '../../../components/format.ts';

export function TargetProfile(props: { target: NonNullable<DatasetProfile['target']> }) {
  const { target } = props;
  return (
    <section className="card dataset-panel" aria-labelledby="target-heading">
      <h3 id="target-heading">
        Target <span className="mono">{target.column}</span>
      </h3>
      <dl className="stats">
        <div>
          <dt>Share of 1</dt>
          <dd>{target.positive_rate === null ? 'not binary' : formatPercent(target.positive_rate, 2)}</dd>
        </div>
        <div>
          <dt>Missing target</dt>
          <dd>{formatCount(target.missing_count)}</dd>
        </div>
      </dl>
      <table className="target-classes">
        <caption className="visually-hidden">Classes of {target.column}</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {target.classes.map((c) => (
            <tr key={c.value}>
              <th scope="row" className="mono">
                {c.value}
              </th>
              <td className="num">{formatCount(c.count)}</td>
              <td className="num">{formatPercent(c.rate, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Which value is bad is set on a feature-set version that uses this dataset.</p>
    </section>
  );
}
