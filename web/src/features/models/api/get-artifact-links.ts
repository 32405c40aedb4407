/**
 * GET /runs/{id}/artifacts/{name}: short-lived presigned download links for one artifact of a run
 * (the model version's model.json). Refetched before they expire.
 */
import type { RunArtifactLinks } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { modelKeys, withSignal } from './keys.ts';

export type ArtifactLinks = z.output<typeof RunArtifactLinks>;

export const getArtifactLinks = (api: Api, runId: string, name: string, signal?: AbortSignal) =>
  api.get<ArtifactLinks>(`runs/${encodeURIComponent(runId)}/artifacts/${encodeURIComponent(name)}`, withSignal(signal));

export const artifactLinksQuery = (api: Api, runId: string, name: string) =>
  queryOptions({
    queryKey: modelKeys.artifact(runId, name),
    queryFn: ({ signal }) => getArtifactLinks(api, runId, name, signal),
    staleTime: 5 * 60_000,
    refetchInterval: 10 * 60_000,
    retry: false,
  });

export const useArtifactLinks = (runId: string, name: string) => useQuery(artifactLinksQuery(useApi(), runId, name));
