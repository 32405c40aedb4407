/**
 * The top of the report: what ran (identity and provenance), how it ended (outcome, failure,
 * gate outcome), the gate results and the timings.
 */
import type { Metrics, RunManifest, RunResult } from '@talaty/schemas';
import { esc, num, seconds } from './format.ts';
import { SAMPLE_STYLE } from './samples.ts';
import { code, facts, table } from './table.ts';

/** The run's time: the sum of its phases. */
const totalOf = (timings: Readonly<Record<string, number>>) => Object.values(timings).reduce((sum, s) => sum + s, 0);

export function identity(manifest: RunManifest, result: RunResult, metrics: Metrics | null): string {
  const spec = manifest.run_spec;
  const fsv = manifest.feature_set_version;
  const bestIteration = result.best_iteration ?? metrics?.best_iteration ?? null;
  const pairs: Array<readonly [string, string]> = [
    ['Run id', code(manifest.run_id)],
    ['Run spec', `${esc(spec.name)} ${code(spec.id)}`],
    ['Run spec description', esc(spec.description || '—')],
    ['Run spec created', `${esc(spec.created_at)} by ${esc(spec.created_by)}`],
    ['Model name', esc(spec.model_name)],
    [
      'Dataset version',
      manifest.dataset.dataset_version_id === null ? 'none (local file)' : code(manifest.dataset.dataset_version_id),
    ],
    ['Dataset SHA-256', manifest.dataset.sha256 === null ? 'not pinned' : code(manifest.dataset.sha256)],
    ['Dataset location', `${code(manifest.dataset.uri)} (${esc(manifest.dataset.format)})`],
    ['Feature-set version', `${code(fsv.id)} version ${esc(fsv.version)} of feature set ${code(fsv.feature_set_id)}`],
    ['Feature-set published', `${esc(fsv.published_at)} by ${esc(fsv.published_by)}`],
    [
      'Runner digest',
      result.runner_digest === null ? 'none (ran from source, development only)' : code(result.runner_digest),
    ],
    ['Outcome', `<strong>${esc(result.outcome)}</strong>`],
    ['Gate outcome', esc(result.gate_outcome ?? '—')],
    [
      'Best iteration',
      bestIteration === null && result.outcome === 'failed'
        ? '— (the run failed)'
        : bestIteration === null
          ? `— (no early stopping: all trees kept, n_trees = ${esc(spec.model_params.n_trees)})`
          : `${esc(bestIteration)} of at most ${esc(spec.model_params.n_trees)} trees`,
    ],
  ];
  const phases = Object.entries(result.timings);
  pairs.push([
    'Time',
    esc(
      phases.length === 0
        ? '—'
        : `${seconds(totalOf(result.timings))} (${phases.map(([p, s]) => `${p} ${seconds(s)}`).join(', ')})`,
    ),
  ]);
  if (result.run_id !== manifest.run_id) {
    pairs.push([
      'Warning',
      `<strong>the result belongs to run ${code(result.run_id)}, not this manifest’s run</strong>`,
    ]);
  }
  return facts(pairs);
}

/** The banner under the title: the run failure, or the gate outcome of a run that succeeded. */
export function outcomeBanner(result: RunResult): string {
  if (result.outcome === 'failed') {
    return (
      `<div class="banner fail" role="alert"><p class="banner-title">Run failed: ${code(result.failure.code)}</p>` +
      `<p class="failure-message">${esc(result.failure.message)}</p>` +
      '<p>What the run produced before it failed is shown below; missing sections were never computed.</p></div>'
    );
  }
  const failed = result.gates.filter((g) => !g.passed).length;
  switch (result.gate_outcome) {
    case 'passed':
      return `<div class="banner pass" role="status"><p class="banner-title">Gates passed (${result.gates.length} of ${result.gates.length})</p><p>The model is eligible for registration as a new version of the model.</p></div>`;
    case 'failed':
      return `<div class="banner fail" role="status"><p class="banner-title">Gates failed (${failed} of ${result.gates.length} did not hold)</p><p>The run succeeded and kept its artifacts, but no model version is registered.</p></div>`;
    default:
      return '<div class="banner neutral" role="status"><p class="banner-title">No gates</p><p>The evaluation policy sets no gates; no model version is registered from gate results.</p></div>';
  }
}

type GateResult = RunResult['gates'][number];

function bound(g: GateResult): string {
  if (g.min !== null && g.max !== null) return `${num(g.min)} ≤ value ≤ ${num(g.max)}`;
  return g.min !== null ? `≥ ${num(g.min)}` : `≤ ${num(g.max)}`;
}

export function gatesTable(result: RunResult): string {
  if (result.gates.length === 0) {
    return `<p>${result.outcome === 'failed' ? 'Gates were not evaluated: the run failed.' : 'The evaluation policy sets no gates.'}</p>`;
  }
  const rows = result.gates.map((g) => [
    esc(g.metric === 'psi' ? `PSI train → ${g.split}` : g.metric.toUpperCase()),
    esc(SAMPLE_STYLE[g.split].label),
    esc(bound(g)),
    g.value === null ? 'not available' : esc(num(g.value)),
    g.passed ? '<span class="pass">pass</span>' : '<span class="fail">FAIL</span>',
  ]);
  return table('Evaluation gates', ['Metric', 'Sample', 'Bound', { header: 'Value', numeric: true }, 'Result'], rows);
}

export function timingsTable(timings: Readonly<Record<string, number>>): string {
  const entries = Object.entries(timings);
  if (entries.length === 0) return '<p>No timings were recorded.</p>';
  const rows = [...entries, ['total', totalOf(timings)] as const].map(([phase, s]) => [esc(phase), esc(seconds(s))]);
  return table('Seconds per phase', ['Phase', { header: 'Time', numeric: true }], rows);
}

export function artifactsList(result: RunResult): string {
  return facts(
    Object.entries(result.artifacts).map(([name, uri]) => [name, uri === null ? 'not written' : code(uri)] as const),
  );
}
