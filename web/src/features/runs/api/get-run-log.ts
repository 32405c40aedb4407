/**
 * A log file's text (the runner's JSON lines), fetched through its presigned URL. Logs are written
 * when the run ends and never change, so the text is kept; only the tail is kept when it is large.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchObject } from '../../../lib/queries/get-run-metrics.ts';
import { runKeys } from './keys.ts';

/** The largest tail of a log shown on the page, in characters. */
export const LOG_TAIL_CHARS = 200_000;

export interface LogText {
  readonly text: string;
  readonly truncated: boolean;
}

export async function getLogText(url: string, signal?: AbortSignal): Promise<LogText> {
  const text = await (await fetchObject(url, signal)).text();
  return text.length > LOG_TAIL_CHARS
    ? { text: text.slice(text.length - LOG_TAIL_CHARS), truncated: true }
    : { text, truncated: false };
}

export const runLogQuery = (runId: string, file: string, url: string) =>
  queryOptions({
    queryKey: runKeys.logText(runId, file),
    queryFn: ({ signal }) => getLogText(url, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRunLog = (runId: string, file: string | undefined, url: string | undefined) =>
  useQuery({ ...runLogQuery(runId, file ?? '', url ?? ''), enabled: file !== undefined && url !== undefined });
