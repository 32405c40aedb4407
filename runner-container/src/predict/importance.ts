/** Gain and split-count importance of each feature over the kept trees, by descending gain. */
import type { FeatureImportance, ModelArtifact } from '@talaty/schemas';

export function importance(artifact: ModelArtifact): FeatureImportance[] {
  const gain = new Float64Array(artifact.features.length);
  const splits = new Int32Array(artifact.features.length);
  for (const tree of artifact.trees) {
    tree.split_feature.forEach((f, node) => {
      if (f < 0) return;
      gain[f] = (gain[f] as number) + (tree.gain[node] as number);
      splits[f] = (splits[f] as number) + 1;
    });
  }
  return artifact.features
    .map((feature, f) => ({ feature: feature.name, gain: gain[f] as number, splits: splits[f] as number }))
    .sort((a, b) => b.gain - a.gain || b.splits - a.splits || (a.feature < b.feature ? -1 : 1));
}
