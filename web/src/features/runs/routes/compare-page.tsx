/**
 * /runs/compare?ids=a,b,c: two or more runs side by side — their parameters (differences marked),
 * metrics per sample, and ROC and gains curves overlaid, one line style per run.
 */
import type { Metrics } from '@talaty/schemas';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { GainsChart } from '../../../components/charts/gains-chart.tsx';
import { RocChart } from '../../../components/charts/roc-chart.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { defaultSample, SampleSelect } from '../../../components/sample-select.tsx';
import { SAMPLE_LABEL, SAMPLES, type SampleName } from '../../../components/samples.ts';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useRunList } from '../../../lib/queries/get-run.ts';
import { useRunMetricsList } from '../../../lib/queries/get-run-metrics.ts';
import { useRunSpecList } from '../../../lib/queries/get-run-spec.ts';
import { parseIds } from '../compare.ts';
import { type ComparedRun, MetricsComparison, ParameterTable } from '../components/compare-tables.tsx';
import { GateBadge } from '../components/run-status.tsx';
import { shortId } from '../run-state.ts';

export function Component() {
  const [params] = useSearchParams();
  const ids = parseIds(params.get('ids'));
  return (
    <>
      <PageHeader title="Compare runs" subtitle={`${ids.length} runs side by side.`} />
      {ids.length < 2 ? (
        <p>
          Pick two or more runs on the <Link to="/runs">Runs page</Link> to compare them.
        </p>
      ) : (
        <Comparison ids={ids} />
      )}
    </>
  );
}

function Comparison(props: { ids: readonly string[] }) {
  const runs = useRunList(props.ids);
  const loaded = runs.flatMap((q) => (q.data === undefined ? [] : [q.data]));
  const specs = useRunSpecList([...new Set(loaded.map((r) => r.run_spec_id))]);
  const metrics = useRunMetricsList(
    loaded.map((r) => r.id),
    loaded.map((r) => r.status === 'SUCCEEDED'),
  );
  const failed = runs.find((q) => q.isError);
  if (failed !== undefined) return <ErrorMessage error={failed.error} />;
  if (loaded.length < props.ids.length) {
    return (
      <p className="loading" role="status">
        Loading the runs…
      </p>
    );
  }
  const specById = new Map(specs.flatMap((q) => (q.data === undefined ? [] : [[q.data.id, q.data] as const])));
  const compared: ComparedRun[] = loaded.map((run) => {
    const spec = specById.get(run.run_spec_id);
    return { run, spec, label: `${shortId(run.id)}${spec === undefined ? '' : ` · ${spec.name}`}` };
  });
  return (
    <>
      <section aria-labelledby="compare-runs">
        <h2 id="compare-runs">Runs</h2>
        <ul className="compare-runs">
          {compared.map((c) => (
            <li key={c.run.id}>
              <Link to={`/runs/${c.run.id}`}>Run {c.label}</Link> <StatusBadge status={c.run.status} />{' '}
              <GateBadge outcome={c.run.gate_outcome} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="compare-params">
        <h2 id="compare-params">Parameters</h2>
        {/* Until every run spec is in, a missing one would make each of its parameters look different. */}
        {specs.some((q) => q.isPending) ? (
          <p className="loading" role="status">
            Loading the run specs…
          </p>
        ) : (
          <ParameterTable runs={compared} />
        )}
        <ErrorMessage error={specs.find((q) => q.isError)?.error} />
      </section>
      <section aria-labelledby="compare-metrics">
        <h2 id="compare-metrics">Metrics</h2>
        <MetricsComparison runs={compared} />
      </section>
      <section aria-labelledby="compare-curves">
        <h2 id="compare-curves">Curves</h2>
        <Curves runs={compared} metrics={metrics.map((q) => q.data)} />
        <ErrorMessage error={metrics.find((q) => q.isError)?.error} />
      </section>
    </>
  );
}

function Curves(props: { runs: readonly ComparedRun[]; metrics: ReadonlyArray<Metrics | undefined> }) {
  const withMetrics = props.runs.flatMap((r, i) => {
    const m = props.metrics[i];
    return m === undefined ? [] : [{ label: r.label, m }];
  });
  const samples = SAMPLES.filter((s) => withMetrics.some((r) => r.m[s] !== null));
  const [chosen, setChosen] = useState<SampleName | undefined>(undefined);
  if (withMetrics.length === 0) {
    return <p className="muted">Curves appear once the runs have SUCCEEDED and their metrics are loaded.</p>;
  }
  const sample = chosen !== undefined && samples.includes(chosen) ? chosen : defaultSample(samples);
  const curves = withMetrics.flatMap((r) => {
    const split = r.m[sample];
    return split === null ? [] : [{ label: r.label, split }];
  });
  return (
    <>
      <SampleSelect label="Sample" samples={samples} value={sample} onChange={setChosen} />
      <div className="chart-grid">
        <RocChart
          title={`ROC curves (${SAMPLE_LABEL[sample]})`}
          curves={curves.map((c) => ({ label: c.label, roc: c.split.roc, auc: c.split.auc }))}
        />
        <GainsChart
          title={`Cumulative gains (${SAMPLE_LABEL[sample]})`}
          curves={curves.map((c) => ({ label: c.label, gains: c.split.gains }))}
        />
      </div>
    </>
  );
}
