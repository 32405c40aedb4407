/**
 * The boosting loop: bins the training data, then for each round computes gradients, samples
 * rows and features, grows a tree and updates the raw scores; early stopping watches the
 * validation loss and keeps the best round. Returns the model artifact.
 */
import type {
  ArtifactFeature,
  ModelArtifact,
  ModelParams,
  ScoreScaling,
  TargetDefinition,
  Tree,
} from '@talaty/schemas';
import { binColumns, categoricalBins, type FeatureBins, numericBins, rowMajor } from './binning.ts';
import { type BinnedTree, type GrowContext, growTree, HistogramPool } from './grower.ts';
import { type HistogramChannels, histogramChannels } from './histogram.ts';
import { type NodeKernels, SerialKernels } from './node-kernels.ts';
import { objectiveNamed } from './objective.ts';
import { type Handout, ParallelKernels, workersPay } from './parallel.ts';
import { Random } from './random.ts';
import { addBinnedTree, toArtifactTree } from './tree.ts';

export interface Sample {
  /** One encoded column per feature (see predict/encode.ts). */
  readonly columns: readonly Float64Array[];
  /** 1 for bad, 0 for good. */
  readonly y: Float64Array;
  readonly weights: Float64Array | null;
}

export interface Progress {
  readonly iteration: number;
  readonly trainLoss: number;
  readonly validLoss: number | null;
  readonly elapsedS: number;
}

export interface TrainOptions {
  readonly features: readonly ArtifactFeature[];
  readonly target: TargetDefinition;
  readonly params: ModelParams;
  /** Threads to use; params.threads when it is not 0. */
  readonly threads: number;
  readonly train: Sample;
  readonly valid: Sample | null;
  readonly scoreScaling: ScoreScaling | null;
  readonly runnerVersion: string;
  readonly datasetSha256: string | null;
  readonly onProgress?: (progress: Progress) => void;
  /** Report progress every this many rounds (and at the last). @default 10 */
  readonly progressEvery?: number;
  /**
   * Histogram channels, for tests that compare the two layouts (3 with row counts, 2 without).
   * @default 3 when min_data_in_leaf > 1, else 2
   */
  readonly histogramChannels?: HistogramChannels;
  /** How much work a job needs before it goes to a worker thread; tests lower it for small data. */
  readonly handout?: Handout;
}

export interface TrainResult {
  readonly artifact: ModelArtifact;
  readonly timings: { bin: number; train: number };
}

/** A copy in shared memory, for worker threads. */
function shared(values: Float64Array): Float64Array {
  const copy = new Float64Array(new SharedArrayBuffer(values.length * 8));
  copy.set(values);
  return copy;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

function meanLoss(loss: (raw: number, y: number) => number, raw: Float64Array, s: Sample): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < raw.length; i++) {
    const w = s.weights === null ? 1 : (s.weights[i] as number);
    sum += w * loss(raw[i] as number, s.y[i] as number);
    total += w;
  }
  return sum / total;
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const { params, features, train: data, valid } = options;
  const started = performance.now();
  const nFeatures = features.length;
  const n = data.y.length;
  const featureBins: FeatureBins[] = features.map((feature, f) =>
    feature.kind === 'categorical'
      ? categoricalBins(feature.categories.length)
      : numericBins(data.columns[f] as Float64Array, params.max_bins, params.seed + f),
  );
  const columns = binColumns(data.columns, featureBins);
  const bins = rowMajor(columns);
  const validBins = valid === null ? null : binColumns(valid.columns, featureBins);
  const binSeconds = seconds(started);

  const trainStarted = performance.now();
  const objective = objectiveNamed(params.objective);
  const baseScore = objective.baseScore(data.y, data.weights);
  // Shared memory: worker threads read and write these in place.
  const raw = new Float64Array(new SharedArrayBuffer(n * 8)).fill(baseScore);
  const validRaw = valid === null ? null : new Float64Array(valid.y.length).fill(baseScore);
  const grad = new Float64Array(new SharedArrayBuffer(n * 8));
  const hess = new Float64Array(new SharedArrayBuffer(n * 8));
  const rows = new Int32Array(new SharedArrayBuffer(n * 4));
  const stride = params.max_bins + 1;
  const threads = Math.max(1, options.threads);
  const channels = histogramChannels(params.min_data_in_leaf, options.histogramChannels);
  const arrays = {
    bins,
    columns,
    nFeatures,
    stride,
    channels,
    grad,
    hess,
    raw,
    y: shared(data.y),
    weights: data.weights === null ? null : shared(data.weights),
    gradientRange: objective.gradientRange,
  };
  const kernels: NodeKernels = workersPay(n, nFeatures, threads, options.handout)
    ? new ParallelKernels(arrays, threads, options.handout)
    : new SerialKernels(arrays);
  const ctx: GrowContext = {
    nFeatures,
    featureBins,
    monotone: Int8Array.from(features, (f) => (f.kind === 'numeric' ? f.monotone : 0)),
    stride,
    kernels,
  };
  const growParams = {
    lambda: params.lambda_l2,
    minDataInLeaf: params.min_data_in_leaf,
    minHessianInLeaf: params.min_hessian_in_leaf,
    minSplitGain: params.min_split_gain,
    maxDepth: params.max_depth,
    maxLeaves: params.max_leaves,
    leafwise: params.growth === 'leafwise',
    learningRate: params.learning_rate,
  };
  const pool = new HistogramPool(nFeatures * stride * channels);
  const random = new Random(params.seed);
  const sampledRows = Math.max(1, Math.round(n * params.row_subsample));
  const sampledFeatures = Math.max(1, Math.round(nFeatures * params.col_subsample));
  const earlyStopping = valid !== null && params.early_stopping_rounds > 0;
  const trees: BinnedTree[] = [];
  let best = { iteration: 0, loss: Infinity };
  const every = options.progressEvery ?? 10;
  const outOfSample = new Uint8Array(n);

  try {
    for (let t = 0; t < params.n_trees; t++) {
      kernels.gradients();
      let rowCount = n;
      if (sampledRows < n) {
        const picked = random.sample(n, sampledRows);
        rows.set(picked);
        rowCount = picked.length;
        outOfSample.fill(1);
        for (const r of picked) outOfSample[r] = 0;
      } else {
        for (let i = 0; i < n; i++) rows[i] = i;
      }
      const allowed =
        sampledFeatures < nFeatures ? random.sample(nFeatures, sampledFeatures) : Int32Array.from(features.keys());
      const { tree, leaves } = growTree(ctx, growParams, rows, rowCount, grad, hess, allowed, pool);
      trees.push(tree);
      for (const leaf of leaves) kernels.addToRaw(rows, leaf.begin, leaf.end, leaf.value);
      if (rowCount < n) addBinnedTree(tree, featureBins, columns, raw, outOfSample);
      let validLoss: number | null = null;
      if (valid !== null && validRaw !== null && validBins !== null) {
        addBinnedTree(tree, featureBins, validBins, validRaw);
        validLoss = meanLoss(objective.loss, validRaw, valid);
        if (validLoss < best.loss) best = { iteration: t + 1, loss: validLoss };
      }
      const last = t + 1 === params.n_trees;
      const stop = earlyStopping && t + 1 - best.iteration >= params.early_stopping_rounds;
      if (options.onProgress !== undefined && ((t + 1) % every === 0 || last || stop)) {
        const trainLoss = meanLoss(objective.loss, raw, data);
        options.onProgress({ iteration: t + 1, trainLoss, validLoss, elapsedS: seconds(started) });
      }
      if (stop) break;
    }
  } finally {
    await kernels.close();
  }
  const kept = earlyStopping ? trees.slice(0, best.iteration) : trees;
  const artifactTrees: Tree[] = kept.map((tree) => toArtifactTree(tree, featureBins, features));
  const artifact: ModelArtifact = {
    format: 'talaty-gbm',
    format_version: 1,
    objective: params.objective,
    base_score: baseScore,
    features: [...features],
    target: options.target,
    trees: artifactTrees,
    best_iteration: earlyStopping ? best.iteration : null,
    params,
    score_scaling: options.scoreScaling,
    training: {
      trained_at: new Date().toISOString(),
      train_rows: n,
      valid_rows: valid === null ? null : valid.y.length,
      elapsed_s: seconds(started),
      threads,
      runner_version: options.runnerVersion,
      runner_digest: null,
      dataset_sha256: options.datasetSha256,
    },
  };
  return { artifact, timings: { bin: binSeconds, train: seconds(trainStarted) } };
}
