/** RunPipeline MarkFailed: records why the run failed (step error or runner exit) and marks it FAILED. */
import { pipeline, step } from './pipeline.ts';

export const handler = step('MarkFailed', (input) => pipeline.markFailed(input));
