/**
 * The RunPipeline steps' shared wiring, created once per cold start: the stores, the artifact
 * bucket and the runner's thread budget. Each step function is a thin handler over one method.
 */
import { z } from 'zod';
import { artifactBucket, runnerThreads } from '../config.ts';
import { RunPipeline } from '../domain/run-pipeline.ts';
import { ObjectStore, s3Client } from '../storage/s3.ts';
import { DatasetVersionStore } from '../store/dataset-versions.ts';
import { FeatureSetVersionStore } from '../store/feature-set-versions.ts';
import { ModelVersionStore } from '../store/model-versions.ts';
import { NamedEntityStore } from '../store/named-entities.ts';
import { RunSpecStore } from '../store/run-specs.ts';
import { RunStore } from '../store/runs.ts';
import { database } from './database.ts';
import { log } from './log.ts';

export const pipeline = new RunPipeline(
  {
    runs: new RunStore(database),
    specs: new RunSpecStore(database),
    datasetVersions: new DatasetVersionStore(database),
    featureSetVersions: new FeatureSetVersionStore(database),
    models: new NamedEntityStore(database, 'models'),
    modelVersions: new ModelVersionStore(database),
    objects: new ObjectStore(s3Client(), artifactBucket()),
  },
  runnerThreads(),
);

/** What the state machine passes every step (`$.run_id`, `$$.Execution.Id`), and MarkFailed the whole state. */
export const StepEvent = z.object({
  run_id: z.uuid(),
  execution_arn: z.string().min(1),
  state: z.unknown().optional(),
});

/** Parses the step's event, runs it and logs the outcome as one JSON line. */
export function step<T>(name: string, work: (input: z.output<typeof StepEvent>) => Promise<T>) {
  return async (event: unknown): Promise<T> => {
    const input = StepEvent.parse(event);
    const started = Date.now();
    try {
      const output = await work(input);
      log(`${name} done`, { run_id: input.run_id, duration_ms: Date.now() - started, output });
      return output;
    } catch (error) {
      const e = error as Error;
      log(`${name} failed`, { run_id: input.run_id, error: e.name, error_message: e.message });
      throw error;
    }
  };
}
