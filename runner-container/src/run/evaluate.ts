/**
 * Scores every sample with the trained model and measures it: per-sample metrics, PSI from train
 * to test and to oot over the policy's bins, importance; then the evaluation gates.
 */
import type { Metrics, ModelArtifact, RunManifest, RunResult, SplitMetrics } from '@talaty/schemas';
import { psi, splitMetrics } from '../metrics/metrics.ts';
import { type CompiledModel, importance, predictRaw, probability } from '../predict/index.ts';
import type { RunSample } from './samples.ts';
import { OOT, TEST, TRAIN, VALID } from './split.ts';

export type Succeeded = Extract<RunResult, { outcome: 'succeeded' }>;
export type Gate = RunManifest['run_spec']['evaluation_policy']['gates'][number];
type GateResult = Succeeded['gates'][number];

export interface ScoredSample {
  readonly sample: RunSample;
  readonly raw: Float64Array;
  readonly p: Float64Array;
}

export function scoreSamples(
  model: CompiledModel,
  samples: ReadonlyArray<RunSample | null>,
): Array<ScoredSample | null> {
  return samples.map((sample) => {
    if (sample === null) return null;
    const raw = predictRaw(model, sample.columns);
    return { sample, raw, p: raw.map((r) => probability(model.objective, r)) };
  });
}

const outcomesOf = (s: ScoredSample) => ({ p: s.p, y: s.sample.y, w: s.sample.weights });

/** The Metrics document but its timings, which the caller adds once the evaluation is timed. */
export function measure(
  artifact: ModelArtifact,
  scored: ReadonlyArray<ScoredSample | null>,
  psiBins: number,
): Omit<Metrics, 'timings'> {
  const metricsOf = (s: ScoredSample | null | undefined): SplitMetrics | null =>
    s === null || s === undefined ? null : splitMetrics(outcomesOf(s));
  const train = scored[TRAIN] as ScoredSample;
  const psiTo = (s: ScoredSample | null | undefined) =>
    s === null || s === undefined ? null : psi(outcomesOf(train), outcomesOf(s), psiBins);
  return {
    train: metricsOf(train) as SplitMetrics,
    valid: metricsOf(scored[VALID]),
    test: metricsOf(scored[TEST]),
    oot: metricsOf(scored[OOT]),
    psi: { train_to_test: psiTo(scored[TEST]), train_to_oot: psiTo(scored[OOT]) },
    importance: importance(artifact),
    best_iteration: artifact.best_iteration,
  };
}

/** The gate's value: the named sample's metric, or for psi train → that sample; null when unknown. */
function gateValue(gate: Gate, metrics: Metrics): number | null {
  if (gate.metric === 'psi') {
    if (gate.split === 'test') return metrics.psi.train_to_test;
    if (gate.split === 'oot') return metrics.psi.train_to_oot;
    return null;
  }
  return metrics[gate.split]?.[gate.metric] ?? null;
}

/** Each gate passes when its value is known and within [min, max]; the outcome is none without gates. */
export function applyGates(
  gates: readonly Gate[],
  metrics: Metrics,
): { gates: GateResult[]; gate_outcome: Succeeded['gate_outcome'] } {
  const results = gates.map((gate): GateResult => {
    const value = gateValue(gate, metrics);
    const passed =
      value !== null && (gate.min === null || value >= gate.min) && (gate.max === null || value <= gate.max);
    return { ...gate, value, passed };
  });
  const gate_outcome = results.length === 0 ? 'none' : results.every((g) => g.passed) ? 'passed' : 'failed';
  return { gates: results, gate_outcome };
}

export function summaryOf(metrics: Metrics): Succeeded['metrics_summary'] {
  const scalars = (m: SplitMetrics | null) =>
    m === null
      ? null
      : { n: m.n, bad_rate: m.bad_rate, auc: m.auc, gini: m.gini, ks: m.ks, logloss: m.logloss, brier: m.brier };
  return {
    train: scalars(metrics.train) as NonNullable<ReturnType<typeof scalars>>,
    valid: scalars(metrics.valid),
    test: scalars(metrics.test),
    oot: scalars(metrics.oot),
    psi: metrics.psi,
  };
}
