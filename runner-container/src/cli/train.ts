/**
 * talaty-runner train: reads training (and validation) CSVs, prepares features and the target,
 * trains, evaluates, and writes model.json and metrics.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { documents, type Metrics } from '@talaty/schemas';
import type { Table } from '../data/table.ts';
import { type Sample, train } from '../engine/booster.ts';
import { readDataFile } from '../io/data-file.ts';
import { splitMetrics } from '../metrics/metrics.ts';
import { compileModel, encodeFeatures, importance, predictRaw, probability } from '../predict/index.ts';
import { artifactFeatures, type FeatureSpec, FeaturesFile, inferFeatures } from '../prepare/features.ts';
import { type BadValue, parseBadValue, targetVector, weightVector } from '../prepare/target.ts';
import { parseFlags, stringFlag } from './args.ts';
import { readConfigFile } from './config-file.ts';
import { log, progressLine } from './progress.ts';
import { runnerVersion } from './version.ts';

export const TRAIN_USAGE = `talaty-runner train --train <csv|parquet> [--valid <csv|parquet>] --target <column> [--bad-value <v>]
    [--drop <col,col,…>] [--weight <column>] [--features <json|yaml>] [--params <json|yaml>] --out <dir>`;

const seconds = (since: number) => (performance.now() - since) / 1000;

interface Inputs {
  readonly target: string;
  readonly bad: BadValue;
  readonly weight: string | undefined;
}

function sampleOf(table: Table, features: Parameters<typeof encodeFeatures>[0], inputs: Inputs, name: string): Sample {
  return {
    columns: encodeFeatures(features, table),
    y: targetVector(table, inputs.target, inputs.bad, name),
    weights: inputs.weight === undefined ? null : weightVector(table, inputs.weight, name),
  };
}

export async function trainCommand(argv: readonly string[]): Promise<void> {
  const flags = parseFlags('train', argv, {
    values: ['train', 'valid', 'target', 'bad-value', 'drop', 'weight', 'features', 'params', 'out'],
    required: ['train', 'target', 'out'],
  });
  const get = (name: string) => stringFlag(flags, name);
  const inputs: Inputs = {
    target: get('target') as string,
    bad: parseBadValue(get('bad-value') ?? '1'),
    weight: get('weight'),
  };
  const params =
    get('params') === undefined
      ? documents.ModelParams.parse({})
      : await readConfigFile(get('params') as string, documents.ModelParams, 'params');
  const specs: FeatureSpec[] | null =
    get('features') === undefined ? null : await readConfigFile(get('features') as string, FeaturesFile, 'features');
  const dropped = new Set(
    (get('drop') ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
  );
  const textColumns = new Set([
    inputs.target,
    ...(specs ?? []).filter((s) => s.kind === 'categorical').map((s) => s.source_column ?? s.name),
  ]);

  const loadStarted = performance.now();
  const trainTable = await readDataFile(get('train') as string, { textColumns });
  const validTable = get('valid') === undefined ? null : await readDataFile(get('valid') as string, { textColumns });
  const load = seconds(loadStarted);
  log(
    `read ${trainTable.rows} training rows${validTable ? ` and ${validTable.rows} validation rows` : ''} in ${load.toFixed(1)} s`,
  );

  const excluded = new Set([inputs.target, ...dropped, ...(inputs.weight ? [inputs.weight] : [])]);
  const features = artifactFeatures(
    specs ?? inferFeatures(trainTable, excluded),
    trainTable,
    params.max_cat_categories,
  );
  const trainSample = sampleOf(trainTable, features, inputs, 'train');
  const validSample = validTable === null ? null : sampleOf(validTable, features, inputs, 'valid');
  const threads = params.threads > 0 ? params.threads : availableParallelism();
  log(`training ${params.n_trees} trees on ${features.length} features with ${threads} thread(s)`);

  const { artifact, timings } = await train({
    features,
    target: { column: inputs.target, bad_value: inputs.bad },
    params,
    threads,
    train: trainSample,
    valid: validSample,
    scoreScaling: null,
    runnerVersion: runnerVersion(),
    datasetSha256: null,
    onProgress: progressLine(params.n_trees, params.objective === 'binary_logistic' ? 'logloss' : 'mse/2'),
  });
  if (artifact.best_iteration !== null) log(`best iteration ${artifact.best_iteration}`);

  const evaluateStarted = performance.now();
  const model = compileModel(artifact);
  const evaluate = (s: Sample) => {
    const p = predictRaw(model, s.columns).map((raw) => probability(artifact.objective, raw));
    return splitMetrics({ p, y: s.y, w: s.weights });
  };
  const metrics: Metrics = {
    train: evaluate(trainSample),
    valid: validSample === null ? null : evaluate(validSample),
    test: null,
    oot: null,
    psi: { train_to_test: null, train_to_oot: null },
    importance: importance(artifact),
    best_iteration: artifact.best_iteration,
    timings: { load, bin: timings.bin, train: timings.train, evaluate: seconds(evaluateStarted), write: 0 },
  };
  const writeStarted = performance.now();
  const out = get('out') as string;
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'model.json'), `${JSON.stringify(documents.ModelArtifact.parse(artifact))}\n`);
  metrics.timings.write = seconds(writeStarted);
  await writeFile(join(out, 'metrics.json'), `${JSON.stringify(documents.Metrics.parse(metrics), null, 2)}\n`);
  const summary = (name: string, m: Metrics['train'] | null) =>
    m === null ? '' : `  ${name} AUC ${m.auc?.toFixed(4) ?? '–'} KS ${m.ks?.toFixed(4) ?? '–'}`;
  log(
    `wrote ${join(out, 'model.json')} and metrics.json${summary('train', metrics.train)}${summary('valid', metrics.valid)}`,
  );
}
