/** The test sample's headline metrics (AUC, Gini, KS) as table columns: a list of runs or model versions. */
import type { Column } from './data-table.tsx';
import { formatNumber } from './format.ts';

interface Headline {
  readonly auc: number | null;
  readonly gini: number | null;
  readonly ks: number | null;
}

/** `test` is null while there is no test sample (or no metrics yet): each cell shows "—". */
export const headlineColumns = <T,>(test: (row: T) => Headline | null | undefined): Column<T>[] => [
  { header: 'Test AUC', numeric: true, cell: (row) => formatNumber(test(row)?.auc) },
  { header: 'Test Gini', numeric: true, cell: (row) => formatNumber(test(row)?.gini) },
  { header: 'Test KS', numeric: true, cell: (row) => formatNumber(test(row)?.ks) },
];
