import { documents, type Metrics, noRunArtifacts } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { splitMetrics } from '../metrics/metrics.ts';
import { applyGates, type Gate, summaryOf } from './evaluate.ts';

/** Metrics of a small made-up sample (AUC 14/16 = 0.875) for train, test and oot; no valid sample. */
function metrics(): Metrics {
  const p = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]);
  const y = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1]);
  const m = splitMetrics({ p, y, w: null });
  return {
    train: m,
    valid: null,
    test: m,
    oot: m,
    psi: { train_to_test: 0.05, train_to_oot: 0.3 },
    importance: [],
    best_iteration: null,
    timings: {},
  };
}

const gates = (list: object[]): Gate[] => documents.EvaluationPolicy.parse({ gates: list }).gates;

const resultOf = (m: Metrics, g: ReturnType<typeof applyGates>) =>
  documents.RunResult.safeParse({
    run_id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
    outcome: 'succeeded',
    runner_digest: null,
    artifacts: noRunArtifacts,
    timings: {},
    ...g,
    metrics_summary: summaryOf(m),
    best_iteration: null,
    failure: null,
  });

describe('applyGates', () => {
  const m = metrics();

  it('passes a gate whose value is within [min, max], bounds included', () => {
    const auc = m.test?.auc as number;
    const out = applyGates(
      gates([
        { metric: 'auc', split: 'test', min: auc },
        { metric: 'gini', split: 'oot', min: 0.7, max: 0.8 },
        { metric: 'logloss', split: 'train', max: 10 },
      ]),
      m,
    );
    expect(out.gates.map((g) => [g.value, g.passed])).toEqual([
      [auc, true],
      [0.75, true],
      [m.train.logloss, true],
    ]);
    expect(out.gate_outcome).toBe('passed');
    expect(resultOf(m, out).success).toBe(true);
  });

  it('fails the run’s gates when one value is outside its bounds', () => {
    const out = applyGates(
      gates([
        { metric: 'gini', split: 'test', min: 0.7 },
        { metric: 'ks', split: 'test', min: 0.9 },
      ]),
      m,
    );
    expect(out.gates.map((g) => g.passed)).toEqual([true, false]);
    expect(out.gate_outcome).toBe('failed');
    expect(resultOf(m, out).success).toBe(true);
  });

  it('takes psi from train to the gate’s sample', () => {
    const out = applyGates(
      gates([
        { metric: 'psi', split: 'test', max: 0.1 },
        { metric: 'psi', split: 'oot', max: 0.25 },
      ]),
      m,
    );
    expect(out.gates.map((g) => [g.value, g.passed])).toEqual([
      [0.05, true],
      [0.3, false],
    ]);
  });

  it('fails a gate whose value is unknown: a missing sample, or AUC of one class', () => {
    const oneClass: Metrics = {
      ...m,
      test: splitMetrics({ p: Float64Array.from([0.2, 0.4]), y: Float64Array.from([0, 0]), w: null }),
    };
    const out = applyGates(
      gates([
        { metric: 'auc', split: 'valid', min: 0 },
        { metric: 'gini', split: 'test', min: -1 },
      ]),
      oneClass,
    );
    expect(out.gates.map((g) => [g.value, g.passed])).toEqual([
      [null, false],
      [null, false],
    ]);
    expect(out.gate_outcome).toBe('failed');
  });

  it('has the outcome none without gates', () => {
    expect(applyGates([], m)).toEqual({ gates: [], gate_outcome: 'none' });
  });
});
