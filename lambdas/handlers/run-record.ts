/** RunPipeline Record: keeps the runner's metrics and gates, registers the model version, marks SUCCEEDED. */
import { pipeline, step } from './pipeline.ts';

export const handler = step('Record', (input) => pipeline.record(input));
