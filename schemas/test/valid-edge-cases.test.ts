/**
 * Legitimate documents at the edges of the rules are accepted: the refinements must not reject
 * what a real runner or API writes (floating-point sums, one-leaf trees, samples without bads).
 */
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../src/common.ts';
import { Metrics } from '../src/metrics.ts';
import { ModelArtifact } from '../src/model-artifact.ts';
import { SplitPolicy } from '../src/split-policy.ts';

const issues = (result: { error?: { issues: unknown[] } }) => result.error?.issues ?? [];

describe('edge cases that are valid', () => {
  it.each([
    [0.7, 0.2, 0.1],
    [1 / 3, 1 / 3, 1 / 3],
    [0.6, 0.3, 0.1],
  ])('split fractions %d / %d / %d, whose float sum is not exactly 1', (train, valid, test) => {
    const policy = { method: 'random', fractions: { train, valid, test }, stratify: true, seed: 1 };
    expect(issues(SplitPolicy.safeParse(policy))).toEqual([]);
  });

  it('a model whose only tree is a single leaf, and a model with no trees', () => {
    const artifact = exampleOf(ModelArtifact);
    const leaf = {
      split_feature: [-1],
      threshold: [0],
      categories_left: [null],
      missing_left: [false],
      left: [-1],
      right: [-1],
      value: [0.01],
      cover: [100],
      gain: [0],
    };
    expect(issues(ModelArtifact.safeParse({ ...artifact, trees: [leaf] }))).toEqual([]);
    expect(issues(ModelArtifact.safeParse({ ...artifact, trees: [] }))).toEqual([]);
  });

  it('metrics of a sample without bads: auc, gini and ks null, nothing captured', () => {
    const metrics = exampleOf(Metrics);
    const noBads = {
      ...metrics.train,
      n: 20,
      bad_rate: 0,
      auc: null,
      gini: null,
      ks: null,
      gains: Array.from({ length: 10 }, (_, i) => ({
        decile: i + 1,
        n: 2,
        bads: 0,
        bad_rate: 0,
        cum_capture: 0,
        lift: 0,
      })),
      calibration: Array.from({ length: 10 }, (_, i) => ({ bin: i + 1, n: 2, mean_predicted: 0.01, observed_rate: 0 })),
      hosmer_lemeshow: null,
    };
    expect(issues(Metrics.safeParse({ ...metrics, oot: noBads }))).toEqual([]);
  });

  it('metrics of a sample smaller than ten rows, with uneven deciles', () => {
    const metrics = exampleOf(Metrics);
    const tiny = {
      ...metrics.train,
      n: 7,
      bad_rate: 2 / 7,
      gains: [3, 2, 2].map((n, i) => ({
        decile: i + 1,
        n,
        bads: i === 0 ? 2 : 0,
        bad_rate: i === 0 ? 2 / 3 : 0,
        cum_capture: 1,
        lift: i === 0 ? 7 / 3 : 0,
      })),
      calibration: [2, 2, 3].map((n, i) => ({
        bin: i + 1,
        n,
        mean_predicted: 0.1 * (i + 1),
        observed_rate: i === 2 ? 2 / 3 : 0,
      })),
      hosmer_lemeshow: { statistic: 1.5, degrees_of_freedom: 1, p_value: 0.22 },
    };
    expect(issues(Metrics.safeParse({ ...metrics, test: tiny }))).toEqual([]);
  });
});
