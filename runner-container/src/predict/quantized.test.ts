import { type ArtifactFeature, documents, exampleOf, type ModelArtifact } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { numericFeature } from '../../test/fixtures.ts';
import { Random } from '../engine/random.ts';
import { type CompiledModel, childOf, compileModel, predictRaw } from './predictor.ts';
import { MAX_CATEGORICAL_COLUMNS_PER_STEP, MAX_PERFECT_DEPTH } from './quantized.ts';

type Tree = ModelArtifact['trees'][number];

/** The reference: base score, then each tree's leaf in tree order, down each tree with childOf. */
function expectSameAsPlainWalk(model: CompiledModel, columns: readonly Float64Array[]): void {
  const fast = predictRaw(model, columns);
  const rows = columns[0]?.length ?? 0;
  expect(fast.length).toBe(rows);
  for (let r = 0; r < rows; r++) {
    let expected = model.baseScore;
    for (const root of model.roots) {
      let i = root;
      while ((model.feature[i] as number) >= 0) {
        i = childOf(model, i, (columns[model.feature[i] as number] as Float64Array)[r] as number);
      }
      expected += model.value[i] as number;
    }
    expect(fast[r], `row ${r}`).toBe(expected); // toBe is Object.is: −0 and 0 differ
  }
}

/** Distinct thresholds of one feature, −0 beside 0 (a duplicate), ±∞ in some. */
function thresholdPool(random: Random, distinct: number): number[] {
  const special = [0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -1, 2.5];
  const pool = new Set(special.slice(0, Math.min(distinct, special.length)));
  while (pool.size < distinct) pool.add(Math.round((random.next() - 0.5) * 2000) / 8);
  const values = [...pool];
  if (pool.has(0)) values.push(-0);
  return values;
}

/** A split of one feature: a threshold, or the categories that go left. */
type Split = number | readonly string[];

class TreeBuilder {
  readonly tree: Tree = {
    split_feature: [],
    threshold: [],
    categories_left: [],
    missing_left: [],
    left: [],
    right: [],
    value: [],
    cover: [],
    gain: [],
  };
  private readonly splittable: number[];

  constructor(
    private readonly random: Random,
    private readonly pools: ReadonlyArray<readonly Split[]>,
  ) {
    this.splittable = pools.flatMap((pool, f) => (pool.length > 0 ? [f] : []));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.next() * items.length)] as T;
  }

  /** One node (feature −1: a leaf); the caller links its children, which follow it as the artifact requires. */
  private add(feature: number, split: Split): number {
    const t = this.tree;
    const node = t.split_feature.length;
    t.split_feature.push(feature);
    t.threshold.push(feature < 0 || typeof split !== 'number' ? 0 : split);
    t.categories_left.push(feature < 0 || typeof split === 'number' ? null : [...split]);
    t.missing_left.push(feature >= 0 && this.random.next() < 0.5);
    t.left.push(-1);
    t.right.push(-1);
    // Leaf values of very different sizes, so a wrong leaf or summation order changes the bits.
    t.value.push((this.random.next() - 0.5) * 10 ** Math.floor(this.random.next() * 6 - 3));
    t.cover.push(1);
    t.gain.push(0);
    return node;
  }

  /** An unbalanced random subtree whose deepest leaf is exactly `depth` below it. */
  grow(depth: number): number {
    if (depth === 0) return this.add(-1, 0);
    const feature = this.pick(this.splittable);
    const node = this.add(feature, this.pick(this.pools[feature] as Split[]));
    const deepLeft = this.random.next() < 0.5;
    const other = this.random.next() < 0.35 ? 0 : Math.floor(this.random.next() * depth);
    this.tree.left[node] = this.grow(deepLeft ? depth - 1 : other);
    this.tree.right[node] = this.grow(deepLeft ? other : depth - 1);
    return node;
  }

  /** A perfect subtree of the given depth, its splits on one feature drawn in turn from `next`. */
  perfect(depth: number, feature: number, next: () => Split): number {
    if (depth === 0) return this.add(-1, 0);
    const node = this.add(feature, next());
    this.tree.left[node] = this.perfect(depth - 1, feature, next);
    this.tree.right[node] = this.perfect(depth - 1, feature, next);
    return node;
  }

  /** One split on `feature` with two leaves. */
  stump(feature: number, split: Split): void {
    this.perfect(1, feature, () => split);
  }
}

/**
 * Left sets of a feature with `count` categories (named c0, c1, …), some shared by many nodes: none,
 * all, one, random ones of every density, and mirror images (the other categories) of some.
 */
function setPool(random: Random, count: number): string[][] {
  const names = Array.from({ length: count }, (_, k) => `c${k}`);
  const sets = [[], names, [names[Math.floor(random.next() * count)] as string]];
  for (let s = 0; s < 4; s++) {
    const density = random.next();
    const set = names.filter(() => random.next() < density);
    sets.push(set);
    if (random.next() < 0.5) sets.push(names.filter((name) => !set.includes(name)));
  }
  return sets;
}

/**
 * A model over 9 numeric features, feature 4 never split on, then one categorical feature per entry
 * of `categoryCounts`. Random trees (a leaf alone, depths up to `deepest`) draw thresholds and left
 * sets from per-feature pools, and one stump per pool entry makes every feature use its whole pool:
 * threshold counts around powers of two, where the encoder's search tables grow. A NaN threshold
 * (possible in memory, not in JSON) sends every value right.
 */
function randomModel(
  seed: number,
  deepest: number,
  categoryCounts: readonly number[] = [],
): { artifact: ModelArtifact; thresholds: number[][] } {
  const random = new Random(seed);
  const thresholds = [1, 3, 6, 7, 0, 15, 30, 255, 300].map((size) => thresholdPool(random, size));
  thresholds[2]?.push(Number.NaN);
  const pools: Split[][] = [...thresholds, ...categoryCounts.map((count) => setPool(random, count))];
  const trees: Tree[] = [];
  for (let t = 0; t < 40; t++) {
    const builder = new TreeBuilder(random, pools);
    builder.grow(t === 0 ? 0 : t === 17 ? deepest : 1 + Math.floor(random.next() * Math.min(deepest, 9)));
    trees.push(builder.tree);
  }
  pools.forEach((pool, f) => {
    for (const split of pool) {
      const builder = new TreeBuilder(random, pools);
      builder.stump(f, split);
      trees.push(builder.tree);
    }
  });
  const example = exampleOf(documents.ModelArtifact) as ModelArtifact;
  const features = [
    ...thresholds.map((_, f) => numericFeature(`x${f}`)),
    ...categoryCounts.map((count, h) => categoricalFeature(`k${h}`, count)),
  ];
  return { artifact: { ...example, base_score: random.next() - 0.5, features, trees }, thresholds };
}

function categoricalFeature(name: string, count: number): ArtifactFeature {
  return {
    name,
    source_column: name,
    kind: 'categorical',
    missing_policy: { strategy: 'learn' },
    special_values: [],
    categories: Array.from({ length: count }, (_, k) => `c${k}`),
  };
}

/**
 * A model over one feature of 40 categories (missing values right): a perfect tree of the given
 * depth whose splits are all distinct, `fresh` stumps with splits of their own, then `shared`
 * stumps on the perfect tree's root split. Split s sends c0 left (so no two are mirror images)
 * and c(1 + b) for each bit b of s.
 */
function distinctSplits(depth: number, fresh: number, shared: number): ModelArtifact {
  const names = Array.from({ length: 40 }, (_, k) => `c${k}`);
  const setOf = (s: number) => names.filter((_, k) => k === 0 || (s & (1 << (k - 1))) !== 0);
  const random = new Random(depth + fresh + shared);
  let next = 0;
  const trees = [depth, ...Array<number>(fresh + shared).fill(1)].map((d, t) => {
    const builder = new TreeBuilder(random, [[]]);
    builder.perfect(d, 0, () => setOf(t <= fresh ? next++ : 0));
    return { ...builder.tree, missing_left: builder.tree.missing_left.map(() => false) };
  });
  const example = exampleOf(documents.ModelArtifact) as ModelArtifact;
  return { ...example, features: [categoricalFeature('k0', names.length)], trees };
}

/**
 * Numeric columns whose values probe every threshold: equal to it, just around it, NaN, ±∞, ±0,
 * beyond all. Then categorical columns of category indices as encodeFeatures gives them: every
 * index in the first rows, then random ones, NaN and −0.
 */
function randomColumns(
  seed: number,
  thresholds: readonly number[][],
  categoryCounts: readonly number[],
  rows: number,
): Float64Array[] {
  const random = new Random(seed);
  const numeric = thresholds.map((pool) => {
    const finite = pool.filter(Number.isFinite);
    const column = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const u = random.next();
      const t = finite.length > 0 ? (finite[Math.floor(random.next() * finite.length)] as number) : 1;
      if (u < 0.1) column[r] = Number.NaN;
      else if (u < 0.15) column[r] = random.next() < 0.5 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      else if (u < 0.2) column[r] = random.next() < 0.5 ? -0 : 0;
      else if (u < 0.5) column[r] = t;
      else if (u < 0.7) column[r] = t + (random.next() < 0.5 ? -1 : 1) * Math.max(Math.abs(t), 1) * 2 ** -40;
      else if (u < 0.8) column[r] = (random.next() < 0.5 ? -1 : 1) * 1e6;
      else column[r] = (random.next() - 0.5) * 300;
    }
    return column;
  });
  const categorical = categoryCounts.map((count) => {
    const column = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const u = random.next();
      if (r < count) column[r] = r;
      else if (u < 0.15) column[r] = Number.NaN;
      else if (u < 0.2) column[r] = -0;
      else column[r] = Math.floor(random.next() * count);
    }
    return column;
  });
  return [...numeric, ...categorical];
}

describe('quantized perfect-tree scoring', () => {
  it('adds the same leaves in the same order as a plain walk, bit for bit, on random models and data', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const deepest = seed % 4 === 0 ? MAX_PERFECT_DEPTH + 1 + (seed % 3) : 1 + (seed % MAX_PERFECT_DEPTH);
      const { artifact, thresholds } = randomModel(seed, deepest);
      const model = compileModel(artifact);
      expect(model.quantized === null, `seed ${seed}, deepest tree ${deepest}`).toBe(deepest > MAX_PERFECT_DEPTH);
      // Row counts with a remainder after the blocks of 256 and after the lanes of 8.
      expectSameAsPlainWalk(model, randomColumns(1000 + seed, thresholds, [], 517 + 131 * seed));
    }
  });

  it('splits on categories as a plain walk does, bit for bit, on random models mixing them with numeric features', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const deepest = seed % 4 === 0 ? MAX_PERFECT_DEPTH + 1 : 1 + (seed % MAX_PERFECT_DEPTH);
      // One category alone, forty, and random counts between.
      const random = new Random(seed);
      const categoryCounts = [1, 40, ...Array.from({ length: 4 }, () => 1 + Math.floor(random.next() * 40))];
      const { artifact, thresholds } = randomModel(100 + seed, deepest, categoryCounts);
      const model = compileModel(artifact);
      const q = model.quantized;
      expect(q === null, `seed ${seed}, deepest tree ${deepest}`).toBe(deepest > MAX_PERFECT_DEPTH);
      if (q !== null) {
        // Nodes share columns: fewer columns than categorical nodes, at least one per feature.
        const nodes = model.categoryOffset.filter((offset) => offset >= 0).length;
        const columns = q.splitCount.reduce((sum, count) => sum + count, 0);
        expect(q.categorical.length).toBe(categoryCounts.length);
        expect(columns).toBeLessThan(nodes);
        expect(q.width).toBe(2 * q.inputs.length + columns);
      }
      expectSameAsPlainWalk(model, randomColumns(2000 + seed, thresholds, categoryCounts, 517 + 131 * seed));
    }
  });

  it('scores a value that is not a category index as an unknown category: as missing', () => {
    const categoryCounts = [1, 5, 40];
    const { artifact, thresholds } = randomModel(7, 6, categoryCounts);
    const model = compileModel(artifact);
    expect(model.quantized).not.toBeNull();
    const columns = randomColumns(7, thresholds, categoryCounts, 300);
    const odd = columns.map((column) => column.slice());
    const missing = columns.map((column) => column.slice());
    categoryCounts.forEach((count, h) => {
      const f = thresholds.length + h;
      const values = [count, count + 0.5, -1, -0.5, 0.5, 1.5, 2 ** 31, 2 ** 32 + 1, Number.POSITIVE_INFINITY];
      for (let r = 0; r < 300; r += 3) {
        (odd[f] as Float64Array)[r] = values[(r / 3) % values.length] as number;
        (missing[f] as Float64Array)[r] = Number.NaN;
      }
    });
    const fromOdd = predictRaw(model, odd);
    const fromMissing = predictRaw(model, missing);
    for (let r = 0; r < 300; r++) expect(fromOdd[r], `row ${r}`).toBe(fromMissing[r]);
  });

  it('takes up to 2^16 code columns, distinct categorical splits included, and falls back beyond', () => {
    for (const splits of [1 << 16, (1 << 16) + 1]) {
      const model = compileModel(distinctSplits(0, splits, 0));
      expect(model.quantized?.width ?? null, `${splits} splits`).toBe(splits > 1 << 16 ? null : splits);
      expectSameAsPlainWalk(model, randomColumns(splits, [], [40], 100));
    }
  });

  it('falls back when categorical columns outnumber the steps of a walk too much', () => {
    // A depth-12 tree and one stump: 4,096 splits in 13 steps. Stumps on the tree's root split add steps only.
    const fewest = Math.ceil(4096 / MAX_CATEGORICAL_COLUMNS_PER_STEP) - 13;
    expect(fewest).toBeGreaterThan(0);
    for (const shared of [fewest, fewest - 1]) {
      const model = compileModel(distinctSplits(MAX_PERFECT_DEPTH, 1, shared));
      expect(model.quantized === null, `${13 + shared} steps`).toBe(shared < fewest);
      expectSameAsPlainWalk(model, randomColumns(shared, [], [40], 300));
    }
  });
});
