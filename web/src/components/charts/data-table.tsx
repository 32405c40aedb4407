/** A chart's numbers as a table, folded under the chart: the text alternative to the drawing. */
import type { ReactNode } from 'react';

export interface TableData {
  readonly columns: readonly string[];
  /** Cells in column order; numbers are right-aligned. */
  readonly rows: ReadonlyArray<ReadonlyArray<ReactNode>>;
}

export function ChartDataTable(props: { caption: string; table: TableData }) {
  return (
    <details className="chart-data">
      <summary>Data table: {props.caption}</summary>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              {props.table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.table.rows.map((row, r) => (
              // Rows are positional data with no identity of their own.
              // biome-ignore lint/suspicious/noArrayIndexKey: static rows, never reordered
              <tr key={r}>
                {row.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={c} className={typeof cell === 'number' ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
