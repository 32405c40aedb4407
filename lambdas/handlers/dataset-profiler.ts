/**
 * The dataset profiler, invoked asynchronously (InvocationType Event) when a version is committed.
 * A problem with the data ends the version FAILED with its reason and returns normally; any other
 * error is thrown, so Lambda retries and finally hands the event to the failure destination.
 */
import { ProfileRequest } from '../jobs/profiling.ts';
import { profiling } from './dataset-jobs.ts';
import { log } from './log.ts';

export const handler = async (event: unknown): Promise<{ outcome: string }> => {
  const request = ProfileRequest.safeParse(event);
  if (!request.success) {
    log('not a profile request', { event, problem: request.error.message });
    return { outcome: 'IGNORED' };
  }
  return { outcome: await profiling.profile(request.data) };
};
