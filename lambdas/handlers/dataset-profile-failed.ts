/**
 * The profiler's failure destination: Lambda sends it the event whose every attempt failed (crash,
 * timeout, out of memory) with the last error, and the version is marked FAILED with that reason.
 */
import { z } from 'zod';
import { giveUp } from '../domain/dataset-profiling.ts';
import { ProfileRequest } from '../jobs/profiling.ts';
import { DatasetVersionStore } from '../store/dataset-versions.ts';
import { database } from './database.ts';
import { log } from './log.ts';

/** Lambda's destination record, the parts read here. */
const DestinationRecord = z.object({
  requestContext: z
    .object({ condition: z.string().optional(), approximateInvokeCount: z.number().optional() })
    .optional(),
  requestPayload: z.unknown(),
  responsePayload: z.object({ errorType: z.string().optional(), errorMessage: z.string().optional() }).nullish(),
});

const store = new DatasetVersionStore(database);

export const handler = async (event: unknown): Promise<void> => {
  const record = DestinationRecord.safeParse(event);
  const request = ProfileRequest.safeParse(record.success ? record.data.requestPayload : undefined);
  if (!record.success || !request.success) {
    log('not a profiler destination record', { event });
    return;
  }
  const { requestContext, responsePayload } = record.data;
  const error = responsePayload?.errorMessage ?? responsePayload?.errorType;
  const attempts = requestContext?.approximateInvokeCount;
  const reason =
    requestContext?.condition === 'EventAgeExceeded'
      ? 'it waited too long in the queue'
      : `${error ?? 'the profiler failed'}${attempts === undefined ? '' : ` (${attempts} attempts)`}`;
  await giveUp(store, request.data, reason, log);
};
