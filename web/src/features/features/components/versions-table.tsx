/** A feature set's versions: number, status, size, target and notes, newest first. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { Link } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';

export function VersionsTable(props: { featureSetId: string; versions: readonly FeatureSetVersion[] }) {
  return (
    <DataTable
      caption="Versions, newest first"
      rows={props.versions}
      rowKey={(v) => v.id}
      empty="No versions yet: start a draft below."
      columns={[
        {
          header: 'Version',
          cell: (v) => (
            <Link to={`/feature-sets/${props.featureSetId}/versions/${v.version}`}>Version {v.version}</Link>
          ),
        },
        { header: 'Status', cell: (v) => <StatusBadge status={v.status} /> },
        { header: 'Features', numeric: true, cell: (v) => v.features.length },
        {
          header: 'Target',
          cell: (v) => (
            <>
              <code>{v.target.column}</code> = <code>{JSON.stringify(v.target.bad_value)}</code>
            </>
          ),
        },
        {
          header: 'Notes',
          cell: (v) => (v.notes === '' ? <span className="muted">—</span> : <div className="ff-clamp">{v.notes}</div>),
        },
        { header: 'Created', cell: (v) => <ChangedBy at={v.created_at} by={v.created_by} /> },
      ]}
    />
  );
}
