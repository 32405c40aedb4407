/**
 * The scheduled sweep (an EventBridge rule in AWS, a timer locally): expires dataset versions left
 * PENDING_UPLOAD past the upload time limit, aborting their multipart uploads, and versions stuck
 * in PROFILING, each FAILED with its reason.
 */
import { limits, profiling } from './dataset-jobs.ts';

export const handler = async (): Promise<{ expired: number; timedOut: number }> =>
  profiling.sweep(limits.uploadTtlSeconds);
