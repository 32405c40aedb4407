/**
 * Talaty side of `npm run bench:gbm`, run in its own process so its memory is measured alone:
 * reads train and test CSVs, trains with the given parameters and threads, scores the test set,
 * writes the predictions and prints one JSON line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { documents } from '@talaty/schemas';
import { train } from '../src/engine/booster.ts';
import { readCsv } from '../src/io/csv.ts';
import { compileModel, encodeFeatures, predictRaw, probability } from '../src/predict/index.ts';
import { artifactFeatures, inferFeatures } from '../src/prepare/features.ts';
import { targetVector } from '../src/prepare/target.ts';

const { values: a } = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    target: { type: 'string' },
    drop: { type: 'string', default: '' },
    threads: { type: 'string' },
    params: { type: 'string' },
    pred: { type: 'string' },
  },
});
const mb = (bytes: number) => bytes / 2 ** 20;
const target = a.target as string;
const trainTable = await readCsv(a.train as string, { textColumns: new Set([target]) });
const params = documents.ModelParams.parse(JSON.parse(a.params as string));
const excluded = new Set([target, ...(a.drop as string).split(',').filter((c) => c !== '')]);
const features = artifactFeatures(inferFeatures(trainTable, excluded), trainTable, params.max_cat_categories);
const sample = {
  columns: encodeFeatures(features, trainTable),
  y: targetVector(trainTable, target, 1, 'train'),
  weights: null,
};
/**
 * Training's own memory: collect the loading's garbage (run with --expose-gc), then on Linux reset
 * the peak RSS (VmHWM) so that the peak read after training is training's, not the CSV reader's.
 * Elsewhere the process-wide peak stands in, which can overstate it.
 */
(globalThis as { gc?: () => void }).gc?.();
let peakReset = false;
try {
  writeFileSync('/proc/self/clear_refs', '5');
  peakReset = true;
} catch {}
const loaded = mb(process.memoryUsage().rss);
function trainingPeak(): number {
  const hwm = peakReset ? /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8')) : null;
  return hwm ? Number(hwm[1]) / 1024 : mb(process.resourceUsage().maxRSS * 1024);
}

const started = performance.now();
const { artifact } = await train({
  features,
  target: { column: target, bad_value: 1 },
  params,
  threads: Number(a.threads),
  train: sample,
  valid: null,
  scoreScaling: null,
  runnerVersion: 'bench',
  datasetSha256: null,
});
const fit = (performance.now() - started) / 1000;
const peakAfterFit = mb(process.resourceUsage().maxRSS * 1024);
const trainPeak = trainingPeak();

const model = compileModel(artifact);
// Read only now, so that the memory before training is the training input's alone.
const testTable = await readCsv(a.test as string, { textColumns: new Set([target]) });
const testColumns = encodeFeatures(features, testTable);
const predictStarted = performance.now();
const raw = predictRaw(model, testColumns);
const predict = (performance.now() - predictStarted) / 1000;
await writeFile(a.pred as string, Array.from(raw, (r) => String(probability(artifact.objective, r))).join('\n'));
process.stdout.write(
  JSON.stringify({
    fit_s: fit,
    predict_s: predict,
    rows: testTable.rows,
    features: features.length,
    rss_loaded_mb: loaded,
    rss_peak_mb: peakAfterFit,
    rss_train_peak_mb: trainPeak,
    trees: artifact.trees.length,
  }),
);
