/** The catalog as a table: each feature's column, kind, monotone direction and missing policy. */
import type { Feature } from '@talaty/schemas';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/data-table.tsx';
import { kindColumn, missingColumn, monotoneColumn, rationaleColumn, sourceColumn } from './feature-columns.tsx';

const columns: readonly Column<Feature>[] = [
  { header: 'Name', cell: (f) => <Link to={`/features/${f.id}`}>{f.name}</Link> },
  sourceColumn,
  kindColumn,
  monotoneColumn,
  missingColumn,
  rationaleColumn(true),
];

export function FeaturesTable(props: { features: readonly Feature[]; caption: string }) {
  return (
    <DataTable
      caption={props.caption}
      rows={props.features}
      rowKey={(f) => f.id}
      columns={columns}
      empty="No features yet: add the first one."
    />
  );
}
