/**
 * Publishing a feature-set version from a script or the browser: a DRAFT with the given content,
 * published at the row version it was created with. `api` answers parsed bodies and throws on errors.
 */
import type { FeatureSetVersion } from '@talaty/schemas';
import type { UploadApi } from './dataset-upload.ts';

export async function publishFeatureSetVersion(
  api: UploadApi,
  featureSetId: string,
  /** A FeatureSetVersionCreate body: features, target, optional role columns and notes. */
  content: unknown,
): Promise<FeatureSetVersion> {
  const base = `/feature-sets/${encodeURIComponent(featureSetId)}/versions`;
  const draft = (await api.post(base, content)) as { version: number; row_version: number };
  return (await api.post(`${base}/${draft.version}/publish`, { row_version: draft.row_version })) as FeatureSetVersion;
}
