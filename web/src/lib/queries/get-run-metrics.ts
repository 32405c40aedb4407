/**
 * The run's Metrics document: GET /runs/{id}/artifacts/metrics.json for a presigned URL, then the
 * JSON straight from the bucket (its CORS rule lets the web app's origin GET). A run's metrics never
 * change, so they are fetched once.
 */
import type { Metrics } from '@talaty/schemas';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context.tsx';
import type { Api } from '../api.ts';
import { runKey } from './get-run.ts';
import { getRunArtifact } from './get-run-artifact.ts';

/** The key of a run's metrics, under the run's own key (the runs feature's keys share it). */
export const runMetricsKey = (runId: string) => [...runKey(runId), 'metrics'] as const;

/** A presigned object's body: JSON or text. */
export async function fetchObject(url: string, signal?: AbortSignal): Promise<Response> {
  let answer: Response;
  try {
    answer = await fetch(url, signal === undefined ? {} : { signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new Error(`The artifact store at ${new URL(url).origin} cannot be reached.`);
  }
  if (!answer.ok) throw new Error(`The artifact store answered ${answer.status} for ${new URL(url).pathname}.`);
  return answer;
}

export async function getRunMetrics(api: Api, runId: string, signal?: AbortSignal): Promise<Metrics> {
  const links = await getRunArtifact(api, runId, 'metrics.json', signal);
  const [file] = links.files;
  if (file === undefined) throw new Error(`Run ${runId} has no metrics.json.`);
  return (await (await fetchObject(file.url, signal)).json()) as Metrics;
}

export const runMetricsQuery = (api: Api, runId: string) =>
  queryOptions({
    queryKey: runMetricsKey(runId),
    queryFn: ({ signal }) => getRunMetrics(api, runId, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRunMetrics = (runId: string, enabled: boolean) =>
  useQuery({ ...runMetricsQuery(useApi(), runId), enabled });

/** The metrics of several runs (the compare page); `enabled[i]` once run i has SUCCEEDED. */
export function useRunMetricsList(runIds: readonly string[], enabled: readonly boolean[]) {
  const api = useApi();
  return useQueries({
    queries: runIds.map((id, i) => ({ ...runMetricsQuery(api, id), enabled: enabled[i] ?? false })),
  });
}
