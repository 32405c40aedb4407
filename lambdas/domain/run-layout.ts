/**
 * Where a run's files live in the artifact bucket (ARCHITECTURE.md, storage layout): the manifest,
 * the runner's outputs and logs under `runs/{run_id}/`, the report under `reports/{run_id}/`, and a
 * registered model under `models/{model_id}/{version}/`.
 */
import { RunArtifactName } from '@talaty/schemas';
import type { z } from 'zod';

export type ArtifactName = z.output<typeof RunArtifactName>;

export const runPrefix = (runId: string) => `runs/${runId}/`;
export const reportPrefix = (runId: string) => `reports/${runId}/`;
export const manifestKey = (runId: string) => `${runPrefix(runId)}manifest.json`;
export const resultKey = (runId: string) => `${runPrefix(runId)}result.json`;
export const logsPrefix = (runId: string) => `${runPrefix(runId)}logs/`;
export const modelKey = (modelId: string, version: number) => `models/${modelId}/${version}/model.json`;

export const isArtifactName = (name: string): name is ArtifactName => RunArtifactName.safeParse(name).success;

/** The object key of a single-file artifact (logs are every object under the logs prefix). */
export const artifactKey = (runId: string, name: Exclude<ArtifactName, 'logs'>): string =>
  name === 'report.html' ? `${reportPrefix(runId)}${name}` : `${runPrefix(runId)}${name}`;

/** `s3://bucket/key` → key, when the URI is in this bucket. */
export function keyOf(uri: string, bucket: string): string | undefined {
  const prefix = `s3://${bucket}/`;
  return uri.startsWith(prefix) ? uri.slice(prefix.length) : undefined;
}
