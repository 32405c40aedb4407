/** RunPipeline Prepare: checks the pinned versions, writes the manifest, marks the run RUNNING. */
import { pipeline, step } from './pipeline.ts';

export const handler = step('Prepare', (input) => pipeline.prepare(input));
