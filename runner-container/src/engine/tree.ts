/**
 * A grown tree in its two forms: scored on bins during training (for validation and rows left out
 * of a tree's sample), and converted to the artifact's raw-value form (thresholds are bin edges,
 * categorical sets are category names).
 */
import type { ArtifactFeature, Tree } from '@talaty/schemas';
import type { FeatureBins } from './binning.ts';
import { type BinnedTree, leftLookup } from './grower.ts';

/** Adds the tree's leaf value to raw[r] for every row r of binned columns (rows flagged in `skip` excepted). */
export function addBinnedTree(
  tree: BinnedTree,
  featureBins: readonly FeatureBins[],
  binned: readonly Uint8Array[],
  raw: Float64Array,
  skip: Uint8Array | null = null,
): void {
  const lookups = tree.splitFeature.map((f, node) =>
    f < 0
      ? null
      : leftLookup(
          {
            thresholdBin: tree.thresholdBin[node] as number,
            leftBins: tree.leftBins[node] ?? null,
            missingLeft: tree.missingLeft[node] as boolean,
          },
          (featureBins[f] as FeatureBins).nBins,
        ),
  );
  const { splitFeature, left, right, value } = tree;
  for (let r = 0; r < raw.length; r++) {
    if (skip !== null && skip[r] === 1) continue;
    let node = 0;
    let f = splitFeature[0] as number;
    while (f >= 0) {
      const goLeft = (lookups[node] as Uint8Array)[(binned[f] as Uint8Array)[r] as number] === 1;
      node = (goLeft ? left[node] : right[node]) as number;
      f = splitFeature[node] as number;
    }
    raw[r] = (raw[r] as number) + (value[node] as number);
  }
}

export function toArtifactTree(
  tree: BinnedTree,
  featureBins: readonly FeatureBins[],
  features: readonly ArtifactFeature[],
): Tree {
  return {
    split_feature: [...tree.splitFeature],
    threshold: tree.splitFeature.map((f, node) => {
      if (f < 0 || (featureBins[f] as FeatureBins).categorical) return 0;
      return (featureBins[f] as FeatureBins).edges[tree.thresholdBin[node] as number] as number;
    }),
    categories_left: tree.splitFeature.map((f, node) => {
      const leftBins = tree.leftBins[node];
      const feature = features[f];
      if (f < 0 || leftBins == null || feature?.kind !== 'categorical') return null;
      return feature.categories.filter((_, b) => leftBins[b] === 1);
    }),
    missing_left: [...tree.missingLeft],
    left: [...tree.left],
    right: [...tree.right],
    value: [...tree.value],
    cover: [...tree.cover],
    gain: [...tree.gain],
  };
}
