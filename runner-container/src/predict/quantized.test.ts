import { documents, exampleOf, type ModelArtifact } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { numericFeature } from '../../test/fixtures.ts';
import { Random } from '../engine/random.ts';
import { type CompiledModel, childOf, compileModel, predictRaw } from './predictor.ts';
import { MAX_PERFECT_DEPTH } from './quantized.ts';

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
    private readonly pools: ReadonlyArray<readonly number[]>,
  ) {
    this.splittable = pools.flatMap((pool, f) => (pool.length > 0 ? [f] : []));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.next() * items.length)] as T;
  }

  /** One node; the caller links its children, which follow it as the artifact requires. */
  private add(feature: number, threshold: number): number {
    const t = this.tree;
    const node = t.split_feature.length;
    t.split_feature.push(feature);
    t.threshold.push(feature < 0 ? 0 : threshold);
    t.categories_left.push(null);
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
    const node = this.add(feature, this.pick(this.pools[feature] as number[]));
    const deepLeft = this.random.next() < 0.5;
    const other = this.random.next() < 0.35 ? 0 : Math.floor(this.random.next() * depth);
    this.tree.left[node] = this.grow(deepLeft ? depth - 1 : other);
    this.tree.right[node] = this.grow(deepLeft ? other : depth - 1);
    return node;
  }

  /** A split on (feature, threshold) with two leaves. */
  stump(feature: number, threshold: number): void {
    const node = this.add(feature, threshold);
    this.tree.left[node] = this.add(-1, 0);
    this.tree.right[node] = this.add(-1, 0);
  }
}

/**
 * A numeric model over 9 features, feature 4 never split on. Random trees (a leaf alone, depths up
 * to `deepest`) draw thresholds from per-feature pools, and one stump per pool threshold makes every
 * feature use its whole pool: sizes around powers of two, where the encoder's search tables grow.
 * A NaN threshold (possible in memory, not in JSON) sends every value right.
 */
function randomModel(seed: number, deepest: number): { artifact: ModelArtifact; pools: number[][] } {
  const random = new Random(seed);
  const pools = [1, 3, 6, 7, 0, 15, 30, 255, 300].map((size) => thresholdPool(random, size));
  pools[2]?.push(Number.NaN);
  const trees: Tree[] = [];
  for (let t = 0; t < 40; t++) {
    const builder = new TreeBuilder(random, pools);
    builder.grow(t === 0 ? 0 : t === 17 ? deepest : 1 + Math.floor(random.next() * Math.min(deepest, 9)));
    trees.push(builder.tree);
  }
  pools.forEach((pool, f) => {
    for (const threshold of pool) {
      const builder = new TreeBuilder(random, pools);
      builder.stump(f, threshold);
      trees.push(builder.tree);
    }
  });
  const example = exampleOf(documents.ModelArtifact) as ModelArtifact;
  const features = pools.map((_, f) => numericFeature(`x${f}`));
  return { artifact: { ...example, base_score: random.next() - 0.5, features, trees }, pools };
}

/** Values that probe every threshold: equal to it, just around it, NaN, ±∞, ±0, beyond all. */
function randomColumns(seed: number, pools: readonly number[][], rows: number): Float64Array[] {
  const random = new Random(seed);
  return pools.map((pool) => {
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
}

describe('quantized perfect-tree scoring', () => {
  it('adds the same leaves in the same order as a plain walk, bit for bit, on random models and data', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const deepest = seed % 4 === 0 ? MAX_PERFECT_DEPTH + 1 + (seed % 3) : 1 + (seed % MAX_PERFECT_DEPTH);
      const { artifact, pools } = randomModel(seed, deepest);
      const model = compileModel(artifact);
      expect(model.quantized === null, `seed ${seed}, deepest tree ${deepest}`).toBe(deepest > MAX_PERFECT_DEPTH);
      // Row counts with a remainder after the blocks of 256 and after the lanes of 8.
      expectSameAsPlainWalk(model, randomColumns(1000 + seed, pools, 517 + 131 * seed));
    }
  });
});
