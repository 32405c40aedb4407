/**
 * A table of rows, one column per field: visually hidden caption (its accessible name), column
 * headers, numbers right-aligned, and a line instead of the table while there are no rows.
 */
import type { ReactNode } from 'react';

export interface Column<T> {
  readonly header: ReactNode;
  readonly cell: (row: T) => ReactNode;
  /** Right-aligned, header included. */
  readonly numeric?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  readonly rowHeader?: boolean;
  /** The cell's class (`mono`, …). */
  readonly className?: string;
}

export function DataTable<T>(props: {
  caption: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly Column<T>[];
  /** What to say instead of an empty table; without it an empty table is shown. */
  empty?: ReactNode;
  className?: string;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <p className="muted">{props.empty}</p>;
  return (
    <div className="table-wrap">
      <table className={props.className}>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a table
              <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c, i) => {
                const className = c.numeric ? 'num' : c.className;
                return c.rowHeader ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a table
                  <th key={i} scope="row" className={className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a table
                  <td key={i} className={className}>
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
