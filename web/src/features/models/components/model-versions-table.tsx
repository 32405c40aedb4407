/** A model's versions: stage, aliases and the test metrics that decide between them. */
import type { ModelVersion } from '@talaty/schemas';
import { Link } from 'react-router';
import { formatDateTime } from '../../../components/format.ts';
import { HeadlineMetricCells, HeadlineMetricHeaders } from '../../../components/headline-metrics.tsx';
import { StageBadge } from './stage-badge.tsx';

export function ModelVersionsTable(props: { modelId: string; versions: ModelVersion[] }) {
  if (props.versions.length === 0) return <p className="muted">No versions registered yet.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Model versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Stage</th>
            <th scope="col">Aliases</th>
            <HeadlineMetricHeaders />
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => {
            const test = v.metrics_summary.test;
            return (
              <tr key={v.id}>
                <td>
                  <Link to={`/models/${props.modelId}/versions/${v.version}`}>v{v.version}</Link>
                </td>
                <td>
                  <StageBadge stage={v.stage} />
                </td>
                <td>{v.aliases.length === 0 ? <span className="muted">—</span> : v.aliases.join(', ')}</td>
                <HeadlineMetricCells test={test} />
                <td>{formatDateTime(v.created_at)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
