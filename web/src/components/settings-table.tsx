/**
 * A settings object (a run spec's parameters or policies) as a two-column table, nested keys dotted
 * (`fractions.train`), in the order the schema lists them (a stored document's key order is the
 * database's, not the reader's).
 */
import { DataTable } from './data-table.tsx';

type Entry = readonly [string, unknown];

/** Setting names in schema order: model parameters, split, evaluation, artifacts. */
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
  'method',
  'date_column',
  'oot_start',
  'oot_end',
  'fractions',
  'in_time',
  'train',
  'valid',
  'test',
  'stratify',
  'seed',
  'threads',
  'metrics',
  'psi_bins',
  'predictions',
  'explanations',
  'score_scaling',
  'pdo',
  'base_score',
  'base_odds',
];

const rank = (key: string) => key.split('.').map((part) => (ORDER.includes(part) ? ORDER.indexOf(part) : ORDER.length));

function bySchemaOrder(a: Entry, b: Entry): number {
  const [ra, rb] = [rank(a[0]), rank(b[0])];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const d = (ra[i] as number) - (rb[i] as number);
    if (d !== 0) return d;
  }
  return ra.length - rb.length || a[0].localeCompare(b[0]);
}

export function flatten(value: unknown, prefix = ''): Entry[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix === '' ? key : `${prefix}.${key}`));
}

const show = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? value.join(', ') || '—' : String(value);

/** `keyHeader` names the first column (default "Setting"). */
export function SettingsTable(props: { caption: string; value: unknown; keyHeader?: string }) {
  return (
    <DataTable
      caption={props.caption}
      className="keyed-table"
      rows={flatten(props.value).sort(bySchemaOrder)}
      rowKey={([key]) => key}
      columns={[
        { header: props.keyHeader ?? 'Setting', rowHeader: true, cell: ([key]) => <code>{key}</code> },
        { header: 'Value', className: 'mono', cell: ([, value]) => show(value) },
      ]}
    />
  );
}
