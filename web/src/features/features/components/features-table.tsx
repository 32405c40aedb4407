/** The catalog as a table: each feature's column, kind, monotone direction and missing policy. */
import type { Feature } from '@talaty/schemas';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/data-table.tsx';
import { missingPolicyText } from './feature-draft.ts';
import { Monotone } from './monotone.tsx';

const columns: readonly Column<Feature>[] = [
  { header: 'Name', cell: (f) => <Link to={`/features/${f.id}`}>{f.name}</Link> },
  { header: 'Source column', className: 'mono', cell: (f) => f.source_column },
  { header: 'Kind', cell: (f) => f.kind },
  { header: 'Monotone', cell: (f) => <Monotone value={f.monotone} /> },
  { header: 'Missing values', cell: (f) => missingPolicyText(f.missing_policy) },
  {
    header: 'Rationale',
    cell: (f) =>
      f.rationale === '' ? <span className="muted">—</span> : <div className="ff-clamp">{f.rationale}</div>,
  },
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
