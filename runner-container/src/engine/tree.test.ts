import { documents, exampleOf, type ModelArtifact } from '@talaty/schemas';
import { expect, it } from 'vitest';
import { creditData, paramsWith, prepared } from '../../test/fixtures.ts';
import { compileModel, predictRaw } from '../predict/predictor.ts';
import { binColumns, categoricalBins, numericBins, rowMajor } from './binning.ts';
import { growTree, HistogramPool } from './grower.ts';
import { SerialKernels } from './node-kernels.ts';
import { binaryLogistic } from './objective.ts';
import { addBinnedTree, toArtifactTree } from './tree.ts';

it('scores unseen rows the same on bins as on raw-value thresholds', () => {
  const params = paramsWith({});
  const train = prepared(creditData(3000, 21).table, params);
  const { features } = train;
  const fresh = prepared(creditData(3000, 22).table, params, features).sample;
  const featureBins = features.map((f, i) =>
    f.kind === 'categorical'
      ? categoricalBins(f.categories.length)
      : numericBins(train.sample.columns[i] as Float64Array, 32),
  );
  const columns = binColumns(train.sample.columns, featureBins);
  const n = train.sample.y.length;
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  binaryLogistic.gradients(new Float64Array(n), train.sample.y, null, grad, hess);
  const stride = 33;
  const kernels = new SerialKernels({
    bins: rowMajor(columns),
    columns,
    nFeatures: features.length,
    stride,
    channels: 3,
    grad,
    hess,
    raw: new Float64Array(n),
    y: train.sample.y,
    weights: null,
    gradientRange: binaryLogistic.gradientRange,
  });
  const ctx = { nFeatures: features.length, featureBins, monotone: new Int8Array(features.length), stride, kernels };
  const growParams = {
    lambda: 1,
    minDataInLeaf: 5,
    minHessianInLeaf: 0,
    minSplitGain: 0,
    maxDepth: 6,
    maxLeaves: 0,
    leafwise: false,
    learningRate: 1,
  };
  const { tree } = growTree(
    ctx,
    growParams,
    Int32Array.from(train.sample.y.keys()),
    n,
    grad,
    hess,
    Int32Array.from(features.keys()),
    new HistogramPool(features.length * stride * 3),
  );
  expect(tree.splitFeature.filter((f) => f >= 0).length).toBeGreaterThan(10);

  const onBins = new Float64Array(fresh.y.length);
  addBinnedTree(tree, featureBins, binColumns(fresh.columns, featureBins), onBins);
  const artifact = documents.ModelArtifact.parse({
    ...(exampleOf(documents.ModelArtifact) as ModelArtifact),
    base_score: 0,
    features,
    trees: [toArtifactTree(tree, featureBins, features)],
    params: { ...params, max_bins: 32 },
  });
  expect(predictRaw(compileModel(artifact), fresh.columns)).toEqual(onBins);
});
