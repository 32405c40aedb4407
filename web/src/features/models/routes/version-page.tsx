/**
 * /models/:modelId/versions/:version: one registered model version — its lineage as a chain of
 * links, its metrics and the run's evaluation charts, the digests that pin it, its parameters and
 * the model artifact.
 */
import type { ModelVersion } from '@talaty/schemas';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { RunCharts } from '../../../components/run-charts.tsx';
import { SampleMetricsTable } from '../../../components/sample-metrics-table.tsx';
import { SettingsTable } from '../../../components/settings-table.tsx';
import { useRun } from '../../../lib/queries/get-run.ts';
import { useRunMetrics } from '../../../lib/queries/get-run-metrics.ts';
import { useRunSpec } from '../../../lib/queries/get-run-spec.ts';
import { useModel } from '../api/get-model.ts';
import { useModelVersion } from '../api/get-model-version.ts';
import { ArtifactDownload } from '../components/artifact-download.tsx';
import { Lineage } from '../components/lineage.tsx';
import { StageBadge } from '../components/stage-badge.tsx';

export function Component() {
  const { modelId = '', version = '' } = useParams();
  const model = useModel(modelId);
  const query = useModelVersion(modelId, Number(version));
  const name = model.data?.name ?? 'Model';
  return (
    <QueryView query={query} label="model version">
      {(v) => (
        <>
          <PageHeader
            title={`${name} v${v.version}`}
            subtitle={
              <>
                <StageBadge stage={v.stage} />
                {v.aliases.length === 0 ? null : <> · aliases {v.aliases.join(', ')}</>} · registered{' '}
                {formatDateTime(v.created_at)} · <Link to={`/models/${modelId}`}>all versions</Link>
              </>
            }
            actions={<ArtifactDownload runId={v.run_id} name="model.json" />}
          />
          {v.description === '' ? null : <p>{v.description}</p>}
          <section aria-labelledby="lineage">
            <h2 id="lineage">Lineage</h2>
            <Lineage version={v} modelName={name} />
          </section>
          <section aria-labelledby="metrics">
            <h2 id="metrics">Metrics</h2>
            <SampleMetricsTable metrics={v.metrics_summary} caption="Metrics by sample" sampleLabel={(s) => s} />
            <dl className="stats models-psi">
              <div>
                <dt>PSI train → test</dt>
                <dd>{formatNumber(v.metrics_summary.psi.train_to_test)}</dd>
              </div>
              <div>
                <dt>PSI train → oot</dt>
                <dd>{formatNumber(v.metrics_summary.psi.train_to_oot)}</dd>
              </div>
            </dl>
          </section>
          <Charts runId={v.run_id} />
          <div className="grid">
            <Pins version={v} />
            <Params runSpecId={v.run_spec_id} />
          </div>
        </>
      )}
    </QueryView>
  );
}

/** The run's evaluation charts (ROC, KS, gains, calibration, importance), from its metrics.json. */
function Charts(props: { runId: string }) {
  const metrics = useRunMetrics(props.runId, true);
  return (
    <section aria-labelledby="charts">
      <h2 id="charts">Charts</h2>
      <QueryView query={metrics} label="the run's metrics">
        {(m) => <RunCharts metrics={m} />}
      </QueryView>
    </section>
  );
}

function Pins(props: { version: ModelVersion }) {
  const run = useRun(props.version.run_id);
  return (
    <section aria-labelledby="pins">
      <h2 id="pins">Pinned digests</h2>
      <dl className="models-digests">
        <dt>Dataset sha256</dt>
        <dd className="mono">{run.data?.dataset_sha256 ?? (run.isPending ? '…' : '—')}</dd>
        <dt>Runner digest (sha256)</dt>
        <dd className="mono">{props.version.runner_digest}</dd>
        <dt>Model artifact</dt>
        <dd className="mono">{props.version.artifact_uri}</dd>
      </dl>
    </section>
  );
}

function Params(props: { runSpecId: string }) {
  const spec = useRunSpec(props.runSpecId);
  return (
    <section aria-labelledby="params">
      <h2 id="params">Parameters</h2>
      <QueryView query={spec} label="parameters">
        {(s) => <SettingsTable caption="Model parameters" value={s.model_params} keyHeader="Parameter" />}
      </QueryView>
    </section>
  );
}
