/** The model parameters a version was trained with, by their one shared name, in the schema's order. */
import type { RunSpec } from '@talaty/schemas';

type Params = RunSpec['model_params'];

const ORDER = [
  'objective',
  'n_trees',
  'learning_rate',
  'growth',
  'max_depth',
  'max_leaves',
  'min_data_in_leaf',
  'min_hessian_in_leaf',
  'min_split_gain',
  'lambda_l2',
  'row_subsample',
  'col_subsample',
  'max_bins',
  'max_cat_categories',
  'early_stopping_rounds',
  'seed',
  'threads',
] as const satisfies readonly (keyof Params)[];

export function ParamsTable(props: { params: Params }) {
  const known = new Set<string>(ORDER);
  const rest = Object.keys(props.params).filter((k) => !known.has(k));
  const rows = [...ORDER, ...rest].filter((k) => k in props.params);
  return (
    <div className="table-wrap">
      <table className="keyed-table">
        <caption className="visually-hidden">Model parameters</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((key) => (
            <tr key={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              <td className="mono">{String((props.params as Record<string, unknown>)[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
