/**
 * One run, phase by phase: read the dataset, prepare the samples, train with early stopping on the
 * validation sample (never oot), evaluate every sample, apply the gates, and write the model,
 * metrics, row-level outputs and report. The caller writes the log and result.json (the commit
 * marker) last.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { documents, type Metrics, type RunManifest } from '@talaty/schemas';
import { runnerVersion } from '../cli/version.ts';
import { train } from '../engine/booster.ts';
import type { Locations } from '../io/location.ts';
import { compileModel } from '../predict/index.ts';
import { renderReport } from '../report/report.ts';
import { loadDataset } from './dataset.ts';
import { applyGates, measure, type ScoredSample, type Succeeded, scoreSamples, summaryOf } from './evaluate.ts';
import type { RunLog } from './log.ts';
import type { RunOutputs } from './outputs.ts';
import { writeExplanations, writePredictions } from './row-outputs.ts';
import { prepareSamples } from './samples.ts';
import { OOT, SAMPLES, TEST, TRAIN, VALID } from './split.ts';

export interface RunContext {
  readonly manifest: RunManifest;
  readonly locations: Locations;
  readonly outputs: RunOutputs;
  readonly log: RunLog;
  /** A private scratch directory, removed by the caller. */
  readonly scratch: string;
  /** Seconds per finished phase, filled as the run goes. */
  readonly timings: Record<string, number>;
  readonly runnerDigest: string | null;
}

async function timed<T>(ctx: RunContext, phase: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    ctx.timings[phase] = (performance.now() - started) / 1000;
  }
}

/** Threads: model_params.threads, else the manifest's runner.threads, else one per available core. */
export function threadsFor(manifest: RunManifest): number {
  const fromParams = manifest.run_spec.model_params.threads;
  if (fromParams > 0) return fromParams;
  return manifest.runner.threads > 0 ? manifest.runner.threads : availableParallelism();
}

/** Trees between progress lines: every 10, or every 1% of a long run. */
const progressEvery = (nTrees: number) => Math.max(10, Math.ceil(nTrees / 100));

/** The samples, in a function of their own so the dataset table can be freed before training. */
async function loadSamples(ctx: RunContext) {
  const dataset = await timed(ctx, 'load', () => loadDataset(ctx.manifest, ctx.locations, ctx.scratch, ctx.log));
  const prepared = await timed(ctx, 'prepare', () => prepareSamples(ctx.manifest, dataset.table, ctx.log));
  return { prepared, datasetSha256: dataset.sha256 };
}

/** Runs everything up to (not including) the log and result.json; returns the result to commit. */
export async function executeRun(ctx: RunContext): Promise<Succeeded> {
  const { manifest, log, outputs } = ctx;
  const spec = manifest.run_spec;
  const params = spec.model_params;
  const { prepared, datasetSha256 } = await loadSamples(ctx);
  const { samples, features } = prepared;
  const threads = threadsFor(manifest);
  log.info('training', {
    n_trees: params.n_trees,
    features: features.length,
    monotone: features.filter((f) => f.kind === 'numeric' && f.monotone !== 0).map((f) => f.name),
    threads,
    early_stopping_rounds: params.early_stopping_rounds,
  });
  const trained = await train({
    features,
    target: manifest.feature_set_version.target,
    params,
    threads,
    train: samples[TRAIN] as NonNullable<(typeof samples)[number]>,
    valid: samples[VALID] ?? null,
    scoreScaling: spec.artifact_policy.score_scaling,
    runnerVersion: runnerVersion(),
    datasetSha256,
    progressEvery: progressEvery(params.n_trees),
    onProgress: (p) =>
      log.info('training progress', {
        iteration: p.iteration,
        n_trees: params.n_trees,
        train_loss: p.trainLoss,
        valid_loss: p.validLoss,
        elapsed_s: p.elapsedS,
      }),
  });
  ctx.timings.bin = trained.timings.bin;
  ctx.timings.train = trained.timings.train;
  const artifact = {
    ...trained.artifact,
    training: { ...trained.artifact.training, runner_digest: ctx.runnerDigest },
  };
  log.info('trained', { trees: artifact.trees.length, best_iteration: artifact.best_iteration });

  const { model, scored, measured } = await timed(ctx, 'evaluate', () => {
    const model = compileModel(artifact);
    const scored = scoreSamples(model, samples);
    return { model, scored, measured: measure(artifact, scored, spec.evaluation_policy.psi_bins) };
  });
  const metrics: Metrics = { ...measured, timings: { ...ctx.timings } };
  documents.Metrics.parse(metrics);
  const gates = applyGates(spec.evaluation_policy.gates, metrics);
  logSummary(log, metrics, gates);

  return timed(ctx, 'write', async () => {
    await outputs.document('model', `${JSON.stringify(documents.ModelArtifact.parse(artifact))}\n`, 'application/json');
    await outputs.document('metrics', `${JSON.stringify(metrics, null, 2)}\n`, 'application/json');
    const policy = spec.artifact_policy;
    if (policy.predictions) {
      const file = join(ctx.scratch, 'predictions.csv.gz');
      const rows = await writePredictions(file, scored, prepared.ids, artifact);
      log.info('wrote predictions', { uri: await outputs.file('predictions', file, 'application/gzip'), rows });
    }
    if (policy.explanations !== 'none') {
      const explained = (policy.explanations === 'all' ? scored : [scored[TEST], scored[OOT]]).filter(
        (s): s is ScoredSample => s !== null && s !== undefined,
      );
      const file = join(ctx.scratch, 'explanations.csv.gz');
      const rows = await writeExplanations(file, explained, prepared.ids, model, artifact);
      log.info('wrote explanations', { uri: await outputs.file('explanations', file, 'application/gzip'), rows });
    }
    // The report shows the result as it will be committed: every artifact, the log and result.json included.
    const artifacts = {
      ...outputs.artifacts(),
      report: outputs.uris.report,
      logs: outputs.recorded('logs'),
      result: outputs.uris.result,
    };
    const result: Succeeded = {
      run_id: manifest.run_id,
      outcome: 'succeeded',
      runner_digest: ctx.runnerDigest,
      artifacts,
      timings: { ...ctx.timings },
      gate_outcome: gates.gate_outcome,
      gates: gates.gates,
      metrics_summary: summaryOf(metrics),
      best_iteration: artifact.best_iteration,
      failure: null,
    };
    await outputs.document('report', renderReport({ manifest, metrics, result }), 'text/html; charset=utf-8');
    return result;
  });
}

function logSummary(log: RunLog, metrics: Metrics, gates: ReturnType<typeof applyGates>): void {
  for (const name of SAMPLES) {
    const m = metrics[name];
    if (m !== null) {
      log.info(`${name} sample`, {
        n: m.n,
        bad_rate: m.bad_rate,
        auc: m.auc,
        gini: m.gini,
        ks: m.ks,
        logloss: m.logloss,
      });
    }
  }
  log.info('psi', metrics.psi);
  for (const g of gates.gates) {
    const level = g.passed ? 'info' : 'warn';
    log[level](`gate ${g.passed ? 'passed' : 'failed'}: ${g.split} ${g.metric}`, {
      value: g.value,
      min: g.min,
      max: g.max,
    });
  }
  log.info('gates', { gate_outcome: gates.gate_outcome });
}
