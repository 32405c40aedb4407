/**
 * GET /runs/{id}/events: the run's readable steps, oldest first. Polled while the run is active,
 * and asked once more when its status changes, so the last step shows as soon as the run ends.
 */
import type { RunEventList } from '@talaty/schemas';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { runPath } from '../../../lib/queries/get-run.ts';
import { isActive, LIVE_INTERVAL_MS, type RunStatus } from '../../../lib/run-status.ts';
import { runKeys } from './keys.ts';

export type RunEvents = z.output<typeof RunEventList>;

export const getRunEvents = (api: Api, runId: string, signal?: AbortSignal): Promise<RunEvents> =>
  api.get(`${runPath(runId)}/events`, { signal });

export const runEventsQuery = (api: Api, runId: string, status: RunStatus) =>
  queryOptions({
    queryKey: [...runKeys.events(runId), status],
    queryFn: ({ signal }) => getRunEvents(api, runId, signal),
    staleTime: isActive(status) ? 0 : 60_000,
    refetchInterval: isActive(status) ? LIVE_INTERVAL_MS : false,
    placeholderData: keepPreviousData,
  });

export const useRunEvents = (runId: string, status: RunStatus) => useQuery(runEventsQuery(useApi(), runId, status));
