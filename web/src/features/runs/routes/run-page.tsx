/**
 * /runs/:runId: one run, live while QUEUED or RUNNING: status, cancel, the pipeline's steps, where
 * the execution runs, the failure or the gates, metrics per sample, charts, importance, the report
 * and the logs.
 */
import type { Run } from '@talaty/schemas';
import { Link, useParams } from 'react-router';
import { useApp } from '../../../app/context.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { GateTable } from '../../../components/gate-table.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { RunCharts } from '../../../components/run-charts.tsx';
import { SampleMetricsTable } from '../../../components/sample-metrics-table.tsx';
import { useRun } from '../../../lib/queries/get-run.ts';
import { useRunMetrics } from '../../../lib/queries/get-run-metrics.ts';
import { useRunSpec } from '../../../lib/queries/get-run-spec.ts';
import { useRunEvents } from '../api/get-run-events.ts';
import { useRunModelVersion } from '../api/get-run-model-version.ts';
import { CancelRun } from '../components/cancel-run.tsx';
import { RunLogs, RunReport } from '../components/run-artifacts.tsx';
import { RunDuration } from '../components/run-duration.tsx';
import { RunStatusLine } from '../components/run-status.tsx';
import { StepTimeline } from '../components/step-timeline.tsx';
import { shortId } from '../run-state.ts';

export function Component() {
  const { runId = '' } = useParams();
  const run = useRun(runId);
  if (run.data === undefined) {
    return (
      <>
        <PageHeader title={`Run ${shortId(runId)}`} />
        <QueryView query={run} label="the run">
          {() => null}
        </QueryView>
      </>
    );
  }
  return <RunDetail run={run.data} />;
}

function RunDetail(props: { run: Run }) {
  const { run } = props;
  const spec = useRunSpec(run.run_spec_id);
  return (
    <>
      <PageHeader
        title={`Run ${shortId(run.id)}`}
        subtitle={
          <>
            Run spec <Link to={`/run-specs/${run.run_spec_id}`}>{spec.data?.name ?? shortId(run.run_spec_id)}</Link>
            {' · '}queued by {run.created_by}
          </>
        }
        actions={<CancelRun run={run} />}
      />
      <section className="card" aria-labelledby="run-summary">
        <h2 id="run-summary" className="visually-hidden">
          Summary
        </h2>
        <RunStatusLine run={run} />
        <RunFacts run={run} modelName={spec.data?.model_name} />
      </section>
      {run.status === 'FAILED' ? (
        <section className="card failure" aria-labelledby="run-failure">
          <h2 id="run-failure">Failure</h2>
          <p>
            <code>{run.failure.code}</code>: {run.failure.message}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="run-steps">
        <h2 id="run-steps">Steps</h2>
        <Steps run={run} />
      </section>
      {run.status === 'SUCCEEDED' ? <Results run={run} /> : null}
      <section aria-labelledby="run-outputs">
        <h2 id="run-outputs">Report and logs</h2>
        <RunReport run={run} />
        <RunLogs run={run} />
      </section>
    </>
  );
}

function RunFacts(props: { run: Run; modelName: string | undefined }) {
  const { run } = props;
  const { config } = useApp();
  const model = useRunModelVersion(run.id, run.status === 'SUCCEEDED' ? run.model_version_id : null);
  return (
    <dl className="stats run-facts">
      <div>
        <dt>Queued</dt>
        <dd>{formatDateTime(run.created_at)}</dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>{formatDateTime(run.started_at)}</dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>{formatDateTime(run.finished_at)}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>
          <RunDuration run={run} />
        </dd>
      </div>
      {run.status === 'SUCCEEDED' ? (
        <div>
          <dt>Model version</dt>
          <dd>
            {run.model_version_id === null ? (
              'None (gates failed)'
            ) : model.data ? (
              <Link to={`/models/${model.data.model_id}/versions/${model.data.version}`}>
                {props.modelName ?? 'Model'} v{model.data.version}
              </Link>
            ) : (
              <span className="muted">{model.isPending ? 'Looking up…' : 'Not found'}</span>
            )}
          </dd>
        </div>
      ) : null}
      <div className="wide">
        <dt>Execution</dt>
        <dd>
          {run.execution_arn === null ? (
            <span className="muted">Not started yet</span>
          ) : config.mode === 'aws' && run.console_url !== null ? (
            <a href={run.console_url} target="_blank" rel="noopener noreferrer">
              Open in the Step Functions console<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : (
            <code className="arn">{run.execution_arn}</code>
          )}
        </dd>
      </div>
      {run.runner_digest === null ? null : (
        <div className="wide">
          <dt>Runner digest</dt>
          <dd>
            <code title={run.runner_digest}>{run.runner_digest.slice(0, 16)}…</code>
          </dd>
        </div>
      )}
    </dl>
  );
}

function Steps(props: { run: Run }) {
  const events = useRunEvents(props.run.id, props.run.status);
  return (
    <QueryView query={events} label="the steps">
      {(list) =>
        list.items.length <= 1 && props.run.execution_arn === null ? (
          <p className="muted">The execution has not started yet.</p>
        ) : (
          <StepTimeline events={list.items} />
        )
      }
    </QueryView>
  );
}

function Results(props: { run: Extract<Run, { status: 'SUCCEEDED' }> }) {
  const { run } = props;
  const metrics = useRunMetrics(run.id, run.artifacts.metrics !== null);
  return (
    <>
      <section aria-labelledby="run-gates">
        <h2 id="run-gates">Gates</h2>
        <GateTable gates={run.gates} caption="Gate results" empty="The run spec sets no gates." />
      </section>
      <section aria-labelledby="run-metrics">
        <h2 id="run-metrics">Metrics</h2>
        <SampleMetricsTable metrics={metrics.data ?? run.metrics_summary} caption="Metrics per sample" psiColumn />
        {metrics.data?.best_iteration == null ? null : (
          <p className="muted">Early stopping kept {metrics.data.best_iteration} trees.</p>
        )}
      </section>
      <section aria-labelledby="run-charts">
        <h2 id="run-charts">Charts</h2>
        <QueryView query={metrics} label="the metrics">
          {(m) => <RunCharts metrics={m} />}
        </QueryView>
      </section>
    </>
  );
}
