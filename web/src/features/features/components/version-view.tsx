/** A feature-set version read-only: its target, role columns, notes and every feature definition. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { DataTable } from '../../../components/data-table.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { kindColumn, missingColumn, monotoneColumn, rationaleColumn, sourceColumn } from './feature-columns.tsx';

const orNone = (value: string | null) => (value === null ? <span className="muted">none</span> : <code>{value}</code>);

export function VersionSummary(props: { version: FeatureSetVersion }) {
  const v = props.version;
  return (
    <dl className="stats">
      <div>
        <dt>Features</dt>
        <dd>{v.features.length}</dd>
      </div>
      <div>
        <dt>Target column</dt>
        <dd>
          <code>{v.target.column}</code>
        </dd>
      </div>
      <div>
        <dt>Bad value</dt>
        <dd>
          <code>{JSON.stringify(v.target.bad_value)}</code>
        </dd>
      </div>
      <div>
        <dt>ID column</dt>
        <dd>{orNone(v.id_column)}</dd>
      </div>
      <div>
        <dt>Date column</dt>
        <dd>{orNone(v.date_column)}</dd>
      </div>
      <div>
        <dt>Weight column</dt>
        <dd>{orNone(v.weight_column)}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd className="ff-small">
          {formatDateTime(v.created_at)} by {v.created_by}
        </dd>
      </div>
      {v.status === 'PUBLISHED' ? (
        <div>
          <dt>Published</dt>
          <dd className="ff-small">
            {formatDateTime(v.published_at)} by {v.published_by}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

export function VersionFeaturesTable(props: { version: FeatureSetVersion }) {
  const rows = props.version.features.map((f, i) => ({ ...f, position: i + 1 }));
  return (
    <DataTable
      caption={`Features of version ${props.version.version}, in model order`}
      rows={rows}
      rowKey={(f) => f.name}
      empty="This version has no features."
      columns={[
        { header: '#', numeric: true, cell: (f) => f.position },
        { header: 'Name', cell: (f) => <strong>{f.name}</strong> },
        sourceColumn,
        kindColumn,
        monotoneColumn,
        missingColumn,
        {
          header: 'Special values',
          className: 'mono',
          cell: (f) => (f.special_values.length === 0 ? '—' : f.special_values.join(', ')),
        },
        rationaleColumn(),
      ]}
    />
  );
}
