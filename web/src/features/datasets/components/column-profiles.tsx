/** Every column of a profiled version: type, missing share, distinct values, summary and its shape. */
import type { DatasetProfile } from '@talaty/schemas';
import { DataTable } from '../../../components/data-table.tsx';
import { formatCount, formatPercent } from '../../../components/format.ts';
import { compact, DistributionChart } from './distribution-chart.tsx';
import { TopValuesChart } from './top-values-chart.tsx';

const numberOrDash = (value: number | undefined) => (value === undefined ? '—' : compact(value));

export function ColumnProfiles(props: { profile: DatasetProfile }) {
  const { profile } = props;
  return (
    <DataTable
      caption={`Columns of version ${profile.version}`}
      className="column-profiles"
      rows={profile.columns}
      rowKey={(c) => c.name}
      columns={[
        {
          header: 'Column',
          rowHeader: true,
          className: 'mono',
          cell: (c) => (
            <>
              {c.name}
              {profile.target?.column === c.name ? <span className="badge badge-muted">target</span> : null}
            </>
          ),
        },
        { header: 'Type', cell: (c) => c.type },
        {
          header: 'Missing',
          numeric: true,
          cell: (c) => (
            <span title={`${formatCount(c.missing_count)} of ${formatCount(profile.row_count)} rows`}>
              {formatPercent(c.missing_count / profile.row_count)}
            </span>
          ),
        },
        { header: 'Distinct', numeric: true, cell: (c) => formatCount(c.distinct_estimate) },
        {
          header: 'Min',
          numeric: true,
          cell: (c) => (c.dates === null ? numberOrDash(c.numeric?.min) : c.dates.min),
        },
        { header: 'Mean', numeric: true, cell: (c) => numberOrDash(c.numeric?.mean) },
        {
          header: 'Max',
          numeric: true,
          cell: (c) => (c.dates === null ? numberOrDash(c.numeric?.max) : c.dates.max),
        },
        {
          header: 'Distribution',
          cell: (c) =>
            c.numeric === null ? (
              <TopValuesChart column={c} rowCount={profile.row_count} />
            ) : (
              <DistributionChart column={c} rowCount={profile.row_count} />
            ),
        },
      ]}
    />
  );
}

/** The quantiles the histograms are drawn from, as a table (the charts' text alternative). */
export function QuantileTable(props: { profile: DatasetProfile }) {
  const numeric = props.profile.columns.flatMap((c) => (c.numeric === null ? [] : [{ name: c.name, n: c.numeric }]));
  if (numeric.length === 0) return null;
  const keys = ['p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;
  return (
    <details className="quantiles">
      <summary>Quantiles of the numeric columns</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col" className="num">
                Min
              </th>
              {keys.map((k) => (
                <th key={k} scope="col" className="num">
                  {k}
                </th>
              ))}
              <th scope="col" className="num">
                Max
              </th>
              <th scope="col" className="num">
                Std
              </th>
            </tr>
          </thead>
          <tbody>
            {numeric.map(({ name, n }) => (
              <tr key={name}>
                <th scope="row" className="mono">
                  {name}
                  {n.quantiles_exact ? null : <span className="muted"> (sampled)</span>}
                </th>
                <td className="num">{compact(n.min)}</td>
                {keys.map((k) => (
                  <td key={k} className="num">
                    {compact(n.quantiles[k])}
                  </td>
                ))}
                <td className="num">{compact(n.max)}</td>
                <td className="num">{compact(n.std)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
