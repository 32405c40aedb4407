/** Runs in a table: status, run spec, times, the test sample's headline metrics, and a checkbox to compare. */
import type { Run } from '@talaty/schemas';
import { Link } from 'react-router';
import { formatDateTime, formatDuration } from '../../../components/format.ts';
import { HeadlineMetricCells, HeadlineMetricHeaders } from '../../../components/headline-metrics.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { runDuration, shortId } from '../run-state.ts';
import { GateBadge } from './run-status.tsx';

export function RunsTable(props: {
  runs: readonly Run[];
  specNames: ReadonlyMap<string, string>;
  selected: ReadonlySet<string>;
  onToggle: (runId: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Compare</span>
            </th>
            <th scope="col">Run</th>
            <th scope="col">Run spec</th>
            <th scope="col">Status</th>
            <th scope="col">Gates</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
            <HeadlineMetricHeaders />
          </tr>
        </thead>
        <tbody>
          {props.runs.map((run) => {
            const test = run.status === 'SUCCEEDED' ? run.metrics_summary.test : null;
            return (
              <tr key={run.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select run ${shortId(run.id)} to compare`}
                    checked={props.selected.has(run.id)}
                    onChange={() => props.onToggle(run.id)}
                  />
                </td>
                <td>
                  <Link to={`/runs/${run.id}`} className="mono">
                    {shortId(run.id)}
                  </Link>
                </td>
                <td>
                  <Link to={`/run-specs/${run.run_spec_id}`}>
                    {props.specNames.get(run.run_spec_id) ?? shortId(run.run_spec_id)}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>
                  <GateBadge outcome={run.gate_outcome} />
                </td>
                <td>{formatDateTime(run.started_at ?? run.created_at)}</td>
                <td className="num">{formatDuration(runDuration(run))}</td>
                <HeadlineMetricCells test={test} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
