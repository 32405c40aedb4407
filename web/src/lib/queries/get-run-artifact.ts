/**
 * GET /runs/{id}/artifacts/{name}: short-lived presigned URLs (15 minutes) for one artifact, every
 * log file for `logs`. Kept ten minutes, so a link on the page is never an expired one. The run's
 * page (report, logs) and a model version's page (model.json) share it.
 */
import type { RunArtifactLinks, RunArtifactName } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../app/context.tsx';
import type { Api } from '../api.ts';
import { runKey, runPath } from './get-run.ts';

export type ArtifactName = z.output<typeof RunArtifactName>;
export type ArtifactLinks = z.output<typeof RunArtifactLinks>;

const FRESH_MS = 10 * 60_000;

export const getRunArtifact = (
  api: Api,
  runId: string,
  name: ArtifactName,
  signal?: AbortSignal,
): Promise<ArtifactLinks> => api.get(`${runPath(runId)}/artifacts/${encodeURIComponent(name)}`, { signal });

export const runArtifactQuery = (api: Api, runId: string, name: ArtifactName) =>
  queryOptions({
    queryKey: [...runKey(runId), 'artifact', name],
    queryFn: ({ signal }) => getRunArtifact(api, runId, name, signal),
    staleTime: FRESH_MS,
    refetchInterval: FRESH_MS,
  });

export const useRunArtifact = (runId: string, name: ArtifactName, enabled = true) =>
  useQuery({ ...runArtifactQuery(useApi(), runId, name), enabled });
