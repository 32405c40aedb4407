/** A feature set's versions: number, status, size, target and notes, newest first. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { Link } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';

export function VersionsTable(props: { featureSetId: string; versions: readonly FeatureSetVersion[] }) {
  if (props.versions.length === 0) return <p className="muted">No versions yet: start a draft below.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Features
            </th>
            <th scope="col">Target</th>
            <th scope="col">Notes</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr key={v.id}>
              <td>
                <Link to={`/feature-sets/${props.featureSetId}/versions/${v.version}`}>Version {v.version}</Link>
              </td>
              <td>
                <StatusBadge status={v.status} />
              </td>
              <td className="num">{v.features.length}</td>
              <td>
                <code>{v.target.column}</code> = <code>{JSON.stringify(v.target.bad_value)}</code>
              </td>
              <td>{v.notes === '' ? <span className="muted">—</span> : <div className="ff-clamp">{v.notes}</div>}</td>
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
