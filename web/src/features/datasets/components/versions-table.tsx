/** A dataset's versions, newest first: status (with the failure reason), format, rows, size, digest. */
import type { DatasetVersion } from '@talaty/schemas';
import { Link } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { formatBytes, formatCount } from '../../../components/format.ts';
import { StatusBadge } from '../../../components/status-badge.tsx';

export function VersionsTable(props: { datasetId: string; versions: readonly DatasetVersion[] }) {
  return (
    <DataTable
      caption="Versions"
      className="dataset-versions"
      rows={props.versions}
      rowKey={(v) => v.id}
      empty="No versions yet: upload a file below."
      columns={[
        {
          header: 'Version',
          rowHeader: true,
          cell: (v) => <Link to={`/datasets/${props.datasetId}/versions/${v.version}`}>Version {v.version}</Link>,
        },
        {
          header: 'Status',
          cell: (v) => (
            <>
              <StatusBadge status={v.status} />
              {v.failure === null ? null : (
                <p className="error dataset-failure">
                  {v.failure.code}: {v.failure.message}
                </p>
              )}
            </>
          ),
        },
        { header: 'Format', cell: (v) => v.format },
        { header: 'Rows', numeric: true, cell: (v) => formatCount(v.row_count) },
        { header: 'Columns', numeric: true, cell: (v) => (v.columns === null ? '—' : v.columns.length) },
        { header: 'Size', numeric: true, cell: (v) => formatBytes(v.size_bytes) },
        {
          header: 'SHA-256',
          cell: (v) => (v.sha256 === null ? '—' : <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>),
        },
        { header: 'As of', cell: (v) => v.as_of ?? '—' },
        { header: 'Created', cell: (v) => <ChangedBy at={v.created_at} by={v.created_by} /> },
      ]}
    />
  );
}
