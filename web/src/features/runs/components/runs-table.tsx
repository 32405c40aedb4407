/** Runs in a table: status, run spec, times, the test sample's headline metrics, and a checkbox to compare. */
import type { Run } from '@talaty/schemas';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table.tsx';
import { formatDateTime, formatDuration } from '../../../components/format.ts';
import { headlineColumns } from '../../../components/headline-metrics.tsx';
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
    <DataTable
      caption="Runs, newest first"
      rows={props.runs}
      rowKey={(run) => run.id}
      columns={[
        {
          header: <span className="visually-hidden">Compare</span>,
          cell: (run) => (
            <input
              type="checkbox"
              aria-label={`Select run ${shortId(run.id)} to compare`}
              checked={props.selected.has(run.id)}
              onChange={() => props.onToggle(run.id)}
            />
          ),
        },
        {
          header: 'Run',
          cell: (run) => (
            <Link to={`/runs/${run.id}`} className="mono">
              {shortId(run.id)}
            </Link>
          ),
        },
        {
          header: 'Run spec',
          cell: (run) => (
            <Link to={`/run-specs/${run.run_spec_id}`}>
              {props.specNames.get(run.run_spec_id) ?? shortId(run.run_spec_id)}
            </Link>
          ),
        },
        { header: 'Status', cell: (run) => <StatusBadge status={run.status} /> },
        { header: 'Gates', cell: (run) => <GateBadge outcome={run.gate_outcome} /> },
        { header: 'Started', cell: (run) => formatDateTime(run.started_at ?? run.created_at) },
        { header: 'Duration', numeric: true, cell: (run) => formatDuration(runDuration(run)) },
        ...headlineColumns<Run>((run) => (run.status === 'SUCCEEDED' ? run.metrics_summary.test : null)),
      ]}
    />
  );
}
