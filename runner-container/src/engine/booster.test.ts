import { fileURLToPath } from 'node:url';
import { documents } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { creditData, EAGER_HANDOUT, paramsWith, prepared, trainOn } from '../../test/fixtures.ts';
import type { Table } from '../data/table.ts';
import { readCsv } from '../io/csv.ts';
import { rankMetrics } from '../metrics/metrics.ts';
import { compileModel, encodeFeatures, predictRaw } from '../predict/index.ts';
import { objectiveNamed } from './objective.ts';

const data = creditData(4000, 1);
const holdout = creditData(4000, 2);
const treesOf = (a: { trees: unknown[] }) => JSON.stringify(a.trees);

/** A committed credit dataset, its target renamed `bad` and `drop` columns left out. */
async function dataset(file: string, target: string, drop: string[] = []): Promise<Table> {
  const path = fileURLToPath(new URL(`../../../test/fixtures/datasets/${file}`, import.meta.url));
  const table = await readCsv(path);
  const columns = table.columns
    .filter((c) => !drop.includes(c.name))
    .map((c) => (c.name === target ? { ...c, name: 'bad' } : c));
  return { ...table, columns };
}

function auc(raw: Float64Array, y: Float64Array): number {
  return rankMetrics({ p: raw, y, w: null }).auc as number;
}

describe('booster', () => {
  it('writes an artifact the ModelArtifact schema accepts, and learns the risk function', async () => {
    const params = paramsWith({ n_trees: 80, learning_rate: 0.1 });
    const { artifact, features } = await trainOn(data.table, params);
    expect(documents.ModelArtifact.safeParse(artifact).success).toBe(true);
    expect(artifact.trees).toHaveLength(80);
    const test = prepared(holdout.table, params, features).sample;
    const model = auc(predictRaw(compileModel(artifact), test.columns), test.y);
    const oracle = auc(holdout.logit, test.y);
    // The model cannot beat the true log-odds; a working booster comes close to it.
    expect(model).toBeLessThan(oracle + 0.01);
    expect(model).toBeGreaterThan(oracle - 0.03);
  });

  it('gives the same model for the same seed and thread count, with sampling on', async () => {
    const params = paramsWith({ row_subsample: 0.7, col_subsample: 0.6, seed: 7 });
    for (const threads of [1, 2]) {
      const a = await trainOn(data.table, params, { threads, handout: EAGER_HANDOUT });
      const b = await trainOn(data.table, params, { threads, handout: EAGER_HANDOUT });
      expect(treesOf(b.artifact)).toBe(treesOf(a.artifact));
    }
    const other = await trainOn(data.table, { ...params, seed: 8 });
    const first = await trainOn(data.table, params);
    expect(treesOf(other.artifact)).not.toBe(treesOf(first.artifact));
  });

  it('uses the worker threads it is given and agrees with one thread up to summation order', async () => {
    const big = creditData(30_000, 3);
    const params = paramsWith({ n_trees: 5, max_depth: 3 });
    const one = await trainOn(big.table, params, { threads: 1 });
    const two = await trainOn(big.table, params, { threads: 2, handout: EAGER_HANDOUT });
    expect(two.artifact.training.threads).toBe(2);
    expect(two.artifact.trees.map((t) => t.split_feature)).toEqual(one.artifact.trees.map((t) => t.split_feature));
    const a = predictRaw(compileModel(one.artifact), one.sample.columns);
    const b = predictRaw(compileModel(two.artifact), one.sample.columns);
    for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(1e-9);
  });

  it('stops early at the best validation round and keeps only those trees', async () => {
    const params = paramsWith({
      n_trees: 300,
      learning_rate: 0.5,
      max_depth: 6,
      min_data_in_leaf: 1,
      early_stopping_rounds: 10,
    });
    const { artifact, features } = await trainOn(data.table, params, { valid: holdout.table });
    const best = artifact.best_iteration as number;
    expect(best).toBeGreaterThan(1);
    expect(best).toBeLessThan(300);
    expect(artifact.trees).toHaveLength(best);
    // The kept prefix has the lowest validation loss of every prefix up to best + 10.
    const valid = prepared(holdout.table, params, features).sample;
    const loss = objectiveNamed('binary_logistic').loss;
    const lossWith = (trees: number) => {
      const raw = predictRaw(compileModel({ ...artifact, trees: artifact.trees.slice(0, trees) }), valid.columns);
      return raw.reduce((s, v, i) => s + loss(v, valid.y[i] as number), 0);
    };
    for (const fewer of [1, Math.floor(best / 2), best - 1])
      expect(lossWith(fewer)).toBeGreaterThanOrEqual(lossWith(best));
  });

  it('grows leaf-wise up to max_leaves and depth-wise up to max_depth', async () => {
    const leafwise = await trainOn(
      data.table,
      paramsWith({ growth: 'leafwise', max_leaves: 5, max_depth: 10, min_data_in_leaf: 5 }),
    );
    const depthwise = await trainOn(data.table, paramsWith({ max_depth: 3, min_data_in_leaf: 5 }));
    const leaves = (t: { split_feature: number[] }) => t.split_feature.filter((f) => f === -1).length;
    const depth = (t: { left: number[]; right: number[] }, node = 0): number =>
      t.left[node] === -1 ? 0 : 1 + Math.max(depth(t, t.left[node] as number), depth(t, t.right[node] as number));
    expect(Math.max(...leafwise.artifact.trees.map(leaves))).toBe(5);
    expect(Math.max(...depthwise.artifact.trees.map((t) => depth(t)))).toBe(3);
    expect(Math.max(...depthwise.artifact.trees.map(leaves))).toBe(8);
  });

  it('gives the same trees from histograms without row counts as with them (min_data_in_leaf = 1)', async () => {
    // 30000 rows, 23 numeric features, no missing values.
    const taiwan = await dataset('taiwan-default/UCI_Credit_Card.csv', 'default.payment.next.month', ['ID']);
    const params = paramsWith({ n_trees: 30, max_depth: 6, learning_rate: 0.1, min_data_in_leaf: 1 });
    for (const threads of [1, 2]) {
      const without = await trainOn(taiwan, params, { threads });
      const withCounts = await trainOn(taiwan, params, { threads, histogramChannels: 3 });
      expect(treesOf(without.artifact)).toBe(treesOf(withCounts.artifact));
      expect(without.artifact.trees.filter((t) => t.split_feature.length >= 63)).toHaveLength(30);
    }
  });

  it('partitions training rows alike without row counts, also with missing values and categories', async () => {
    // Missing values and categories absent from a node may go another way (see split.ts); rows do not.
    const hmeq = await dataset('hmeq/hmeq.csv', 'BAD');
    const params = paramsWith({ n_trees: 60, max_depth: 6, learning_rate: 0.1, min_data_in_leaf: 1 });
    const without = await trainOn(hmeq, params);
    const withCounts = await trainOn(hmeq, params, { histogramChannels: 3 });
    expect(without.features.filter((f) => f.kind === 'categorical')).toHaveLength(2);
    const a = predictRaw(compileModel(without.artifact), without.sample.columns);
    const b = predictRaw(compileModel(withCounts.artifact), without.sample.columns);
    for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(1e-9);
    const splits = (t: { split_feature: number[]; threshold: number[] }) =>
      JSON.stringify([t.split_feature, t.threshold]);
    expect(without.artifact.trees.map(splits)).toEqual(withCounts.artifact.trees.map(splits));
  });

  it('still enforces min_data_in_leaf > 1', async () => {
    // Squared error without weights: a leaf's cover (hessian sum) is its number of training rows.
    const base = { objective: 'squared_error' as const, max_depth: 8, min_hessian_in_leaf: 0 };
    const covers = async (minDataInLeaf: number) => {
      const { artifact } = await trainOn(data.table, paramsWith({ ...base, min_data_in_leaf: minDataInLeaf }));
      return artifact.trees.flatMap((t) => t.cover.filter((_, node) => t.split_feature[node] === -1));
    };
    expect(Math.min(...(await covers(40)))).toBeGreaterThanOrEqual(40);
    // Without the constraint, leaves are smaller: the constraint binds.
    expect(Math.min(...(await covers(1)))).toBeLessThan(10);
    await expect(trainOn(data.table, paramsWith({ min_data_in_leaf: 2 }), { histogramChannels: 2 })).rejects.toThrow(
      /min_data_in_leaf/,
    );
  });

  it('respects min_data_in_leaf and min_hessian_in_leaf', async () => {
    const { artifact } = await trainOn(
      data.table,
      paramsWith({ min_data_in_leaf: 300, min_hessian_in_leaf: 40, max_depth: 8 }),
    );
    for (const tree of artifact.trees) {
      tree.split_feature.forEach((f, node) => {
        if (f === -1) expect(tree.cover[node]).toBeGreaterThanOrEqual(40);
      });
    }
    // With 4000 rows and at least 300 per leaf, no tree has more than 13 leaves.
    expect(Math.max(...artifact.trees.map((t) => t.split_feature.filter((f) => f === -1).length))).toBeLessThanOrEqual(
      13,
    );
  });

  it('splits the categorical feature natively, sending unseen categories the way of missing', async () => {
    const { artifact, features } = await trainOn(data.table, paramsWith({ n_trees: 20 }));
    const region = features.findIndex((f) => f.name === 'region');
    const sets = artifact.trees.flatMap((t) =>
      t.categories_left.filter((c, node) => t.split_feature[node] === region && c !== null),
    );
    expect(sets.length).toBeGreaterThan(0);
    // The riskiest region (south) and the safest (north) are never on the same side of the first region split.
    const first = sets[0] as string[];
    expect(first.includes('south')).not.toBe(first.includes('north'));
    const rows = (value: string | null) => ({
      rows: 1,
      columns: data.table.columns.map((c) =>
        c.name === 'region'
          ? { kind: 'string' as const, name: c.name, values: [value] }
          : { kind: 'number' as const, name: c.name, values: Float64Array.of(0.5) },
      ),
    });
    const model = compileModel(artifact);
    const score = (value: string | null) => predictRaw(model, encodeFeatures(features, rows(value)))[0];
    expect(score('atlantis')).toBe(score(null));
    expect(score('south')).not.toBe(score('north'));
  });

  it('trains the squared-error objective on the 0/1 outcome', async () => {
    const { artifact, sample } = await trainOn(data.table, paramsWith({ objective: 'squared_error', n_trees: 40 }));
    const raw = predictRaw(compileModel(artifact), sample.columns);
    expect(artifact.base_score).toBeCloseTo(sample.y.reduce((a, b) => a + b, 0) / sample.y.length, 12);
    expect(auc(raw, sample.y)).toBeGreaterThan(0.7);
  });

  it('treats a weight of 2 like a duplicated row', async () => {
    const small = creditData(600, 9);
    const params = paramsWith({ n_trees: 10, min_data_in_leaf: 1, min_hessian_in_leaf: 0 });
    // Features with at most 255 distinct values, so both runs bin identically.
    const all = prepared(small.table, params).features;
    const { features, sample } = prepared(
      small.table,
      params,
      all.filter((f) => ['income', 'age', 'region'].includes(f.name)),
    );
    const doubled = { ...sample, weights: Float64Array.from(sample.y, (_, i) => (i % 3 === 0 ? 2 : 1)) };
    const rows = Array.from(sample.y.keys()).flatMap((i) => (i % 3 === 0 ? [i, i] : [i]));
    const pick = (c: Float64Array) => Float64Array.from(rows, (i) => c[i] as number);
    const duplicated = { columns: sample.columns.map(pick), y: pick(sample.y), weights: null };
    const { train } = await import('./booster.ts');
    const run = async (s: typeof sample) =>
      (
        await train({
          features,
          target: { column: 'bad', bad_value: 1 },
          params,
          threads: 1,
          train: s,
          valid: null,
          scoreScaling: null,
          runnerVersion: 't',
          datasetSha256: null,
        })
      ).artifact;
    const a = predictRaw(compileModel(await run(doubled)), sample.columns);
    const b = predictRaw(compileModel(await run(duplicated)), sample.columns);
    // Same bins and the same sums up to their order: predictions agree to rounding.
    for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(1e-9);
  });
});
