/** The test sample's headline metrics (AUC, Gini, KS) as table columns: a list of runs or model versions. */
import { formatNumber } from './format.ts';

interface Headline {
  readonly auc: number | null;
  readonly gini: number | null;
  readonly ks: number | null;
}

export function HeadlineMetricHeaders() {
  return (
    <>
      <th scope="col" className="num">
        Test AUC
      </th>
      <th scope="col" className="num">
        Test Gini
      </th>
      <th scope="col" className="num">
        Test KS
      </th>
    </>
  );
}

/** `test` is null while there is no test sample (or no metrics yet): each cell shows "—". */
export function HeadlineMetricCells(props: { test: Headline | null | undefined }) {
  return (
    <>
      <td className="num">{formatNumber(props.test?.auc)}</td>
      <td className="num">{formatNumber(props.test?.gini)}</td>
      <td className="num">{formatNumber(props.test?.ks)}</td>
    </>
  );
}
