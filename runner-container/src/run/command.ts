/**
 * talaty-runner run: the pipeline entry (--manifest <s3-uri|path>, as Prepare passes it) and the
 * standalone one (--spec <yaml|json>, the same manifest shape with local paths or s3 URIs).
 * Exit code 0: the run succeeded (gates passed, failed or none); 1: it failed, with result.json
 * written whenever its location is known; 2 (thrown UsageError): the command line is wrong.
 * result.json is written last: it is the commit marker Record reads.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documents, type RunResult } from '@talaty/schemas';
import { parseFlags, stringFlag, UsageError } from '../cli/args.ts';
import { Locations } from '../io/location.ts';
import { failureOf } from './failure.ts';
import { RunLog } from './log.ts';
import { type LoadedManifest, loadManifest, ManifestFailure } from './manifest.ts';
import { RunOutputs } from './outputs.ts';
import { executeRun } from './pipeline.ts';

export const RUN_USAGE = `talaty-runner run --manifest <s3-uri|path>    (pipeline: the run's manifest.json)
  talaty-runner run --spec <manifest.yaml|json>       (standalone: local paths or s3 URIs)`;

export interface RunOptions {
  /** Where log lines go as they happen. @default stderr */
  readonly sink?: (line: string) => void;
}

/** SHA-256 of the bundle this code runs from; null when it runs from TypeScript source. */
export async function runnerDigest(): Promise<string | null> {
  const file = fileURLToPath(import.meta.url);
  if (!file.endsWith('.mjs')) return null;
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

function failedResult(
  runId: string,
  failure: { code: string; message: string },
  artifacts: RunResult['artifacts'],
  timings: Record<string, number>,
  digest: string | null,
): RunResult {
  return {
    run_id: runId,
    outcome: 'failed',
    runner_digest: digest,
    artifacts,
    timings,
    gate_outcome: null,
    gates: [],
    metrics_summary: null,
    best_iteration: null,
    failure: { code: failure.code, message: failure.message.slice(0, 4000) },
  };
}

export async function runCommand(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const flags = parseFlags('run', argv, { values: ['manifest', 'spec'] });
  const manifestFlag = stringFlag(flags, 'manifest');
  const specFlag = stringFlag(flags, 'spec');
  if ((manifestFlag === undefined) === (specFlag === undefined)) {
    throw new UsageError('run: give exactly one of --manifest and --spec');
  }
  const where = (manifestFlag ?? specFlag) as string;
  const started = performance.now();
  const log = new RunLog(options.sink);
  const locations = new Locations();
  const timings: Record<string, number> = {};
  const digest = await runnerDigest();
  let outputs: RunOutputs | null = null;
  let runId: string | null = null;
  let scratch: string | null = null;
  let loaded: LoadedManifest | null = null;
  try {
    const manifestStarted = performance.now();
    loaded = await loadManifest(where, locations);
    timings.manifest = (performance.now() - manifestStarted) / 1000;
    const { manifest } = loaded;
    runId = manifest.run_id;
    outputs = new RunOutputs(locations, manifest.outputs, loaded.location);
    try {
      await outputs.clearResult();
    } catch (error) {
      // A stale result only misleads if this attempt dies without writing its own; do not fail for it.
      log.warn(`could not remove an earlier result.json: ${(error as Error).message}`);
    }
    log.info('run started', {
      run_id: runId,
      manifest: loaded.location,
      dataset: manifest.dataset.uri,
      run_prefix: manifest.outputs.run_prefix,
      runner_digest: digest,
    });
    scratch = await mkdtemp(join(tmpdir(), 'talaty-run-'));
    const result = await executeRun({ manifest, locations, outputs, log, scratch, timings, runnerDigest: digest });
    timings.total = (performance.now() - started) / 1000;
    log.info('run succeeded', {
      run_id: runId,
      gate_outcome: result.gate_outcome,
      best_iteration: result.best_iteration,
    });
    await commit(log, outputs, { ...result, timings: { ...timings } });
    return 0;
  } catch (error) {
    const failure = failureOf(error);
    if (failure.code === 'INTERNAL') log.error('internal error', { stack: (error as Error).stack ?? String(error) });
    log.error(`run failed: ${failure.code}: ${failure.message}`, { code: failure.code });
    if (outputs === null && error instanceof ManifestFailure && error.outputs !== null) {
      runId = error.outputs.run_id;
      outputs = new RunOutputs(
        locations,
        { run_prefix: error.outputs.run_prefix, report_prefix: error.outputs.run_prefix },
        loaded?.location ?? where,
      );
    }
    if (outputs !== null && runId !== null) {
      timings.total = (performance.now() - started) / 1000;
      const result = failedResult(runId, failure, outputs.artifacts(), { ...timings }, digest);
      try {
        await commit(log, outputs, result);
      } catch (writeError) {
        log.error(`could not write the failed result: ${(writeError as Error).message}`);
      }
    }
    return 1;
  } finally {
    if (scratch !== null) await rm(scratch, { recursive: true, force: true });
  }
}

/** Uploads the log, then writes result.json (validated), the last output of a run. */
async function commit(log: RunLog, outputs: RunOutputs, result: RunResult): Promise<void> {
  log.info('writing result.json', { uri: outputs.uris.result, outcome: result.outcome });
  try {
    await outputs.document('logs', log.text(), 'application/x-ndjson');
  } catch (error) {
    log.warn(`could not upload the log: ${(error as Error).message}`);
  }
  const final = { ...result, artifacts: { ...outputs.artifacts(), result: outputs.uris.result } };
  const checked = documents.RunResult.parse(final);
  await outputs.document('result', `${JSON.stringify(checked, null, 2)}\n`, 'application/json');
}
