/** A dataset's versions, newest first: status (with the failure reason), format, rows, size, digest. */
import type { DatasetVersion } from '@talaty/schemas';
import { Link } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { formatBytes, formatCount } from '../../../components/format.ts';
import { StatusBadge } from '../../../components/status-badge.tsx';

export function VersionsTable(props: { datasetId: string; versions: readonly DatasetVersion[] }) {
  if (props.versions.length === 0) return <p className="muted">No versions yet: upload a file below.</p>;
  return (
    <div className="table-wrap">
      <table className="dataset-versions">
        <caption className="visually-hidden">Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Format</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Columns
            </th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">SHA-256</th>
            <th scope="col">As of</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <Link to={`/datasets/${props.datasetId}/versions/${v.version}`}>Version {v.version}</Link>
              </th>
              <td>
                <StatusBadge status={v.status} />
                {v.failure === null ? null : (
                  <p className="error dataset-failure">
                    {v.failure.code}: {v.failure.message}
                  </p>
                )}
              </td>
              <td>{v.format}</td>
              <td className="num">{formatCount(v.row_count)}</td>
              <td className="num">{v.columns === null ? '—' : v.columns.length}</td>
              <td className="num">{formatBytes(v.size_bytes)}</td>
              <td>{v.sha256 === null ? '—' : <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>}</td>
              <td>{v.as_of ?? '—'}</td>
              <td>
                <ChangedBy at={v.created_at} by={v.created_by} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
