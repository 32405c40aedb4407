/** A dataset's newest version and its status, for the datasets list (polled while it is on its way). */
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useLatestDatasetVersion } from '../api/list-dataset-versions.ts';

export function LatestVersion(props: { datasetId: string }) {
  const latest = useLatestDatasetVersion(props.datasetId);
  if (latest.isPending) return <span className="muted">…</span>;
  if (latest.isError) return <span className="muted">unknown</span>;
  if (latest.data === null) return <span className="muted">none yet</span>;
  const v = latest.data;
  return (
    <span className="latest-version">
      <Link to={`/datasets/${props.datasetId}/versions/${v.version}`}>Version {v.version}</Link>{' '}
      <StatusBadge status={v.status} />
    </span>
  );
}
