/** A model's versions: stage, aliases and the test metrics that decide between them. */
import type { ModelVersion } from '@talaty/schemas';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../../components/format.ts';
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
            <th scope="col" className="num">
              Test AUC
            </th>
            <th scope="col" className="num">
              Test Gini
            </th>
            <th scope="col" className="num">
              Test KS
            </th>
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
                <td className="num">{formatNumber(test?.auc)}</td>
                <td className="num">{formatNumber(test?.gini)}</td>
                <td className="num">{formatNumber(test?.ks)}</td>
                <td>{formatDateTime(v.created_at)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
