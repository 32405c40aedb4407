/**
 * A loaded dataset held by column: numbers in Float64Arrays (NaN = missing), text in string arrays
 * (null = missing). Readers produce it; the trainer, predictor and metrics consume it.
 */
export type Column =
  | { readonly kind: 'number'; readonly name: string; readonly values: Float64Array }
  | { readonly kind: 'string'; readonly name: string; readonly values: ReadonlyArray<string | null> };

export interface Table {
  readonly rows: number;
  readonly columns: readonly Column[];
}

export function columnNamed(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The cell as text: numbers print as JavaScript prints them, missing is null. */
export function cellText(column: Column, row: number): string | null {
  if (column.kind === 'string') return column.values[row] ?? null;
  const v = column.values[row] as number;
  return Number.isNaN(v) ? null : String(v);
}

/** Rows `rows` of the table, in that order. */
export function selectRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = table.columns.map((c): Column => {
    if (c.kind === 'number') {
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i] as number] as number;
      return { kind: 'number', name: c.name, values };
    }
    return { kind: 'string', name: c.name, values: Array.from(rows, (r) => c.values[r] ?? null) };
  });
  return { rows: rows.length, columns };
}
