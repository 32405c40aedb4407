/**
 * POST /datasets/{id}/versions, the PUT(s) to S3, POST …/commit: a new version from a file in the
 * browser, through the uploader the web app shares with scripts (`client/dataset-upload.ts`).
 * Progress counts bytes on the wire; profiling is then followed by the versions query's polling.
 */
import type { DatasetVersion } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type UploadOptions, uploadDatasetVersion } from '../../../../../client/dataset-upload.ts';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { datasetKeys } from './keys.ts';
import { xhrPut } from './xhr-put.ts';

export type VersionSettings = Pick<UploadOptions, 'format' | 'delimiter' | 'as_of' | 'target_column'>;

export interface UploadRequest {
  readonly file: File;
  readonly settings: VersionSettings;
  /** Bytes sent so far, out of the file's size. */
  readonly onProgress: (sent: number, total: number) => void;
  /** Aborting it before the commit cancels the upload and the version (FAILED, UPLOAD_CANCELLED). */
  readonly signal: AbortSignal;
}

/** The error a cancelled upload ends with. */
export const isCancelled = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

export function uploadVersion(api: Api, datasetId: string, request: UploadRequest): Promise<DatasetVersion> {
  const total = request.file.size;
  let sent = 0;
  const onBytes = (delta: number) => {
    sent = Math.min(total, Math.max(0, sent + delta));
    request.onProgress(sent, total);
  };
  return uploadDatasetVersion(api, datasetId, request.file, {
    ...request.settings,
    fetch: xhrPut(onBytes),
    onProgress: (done) => request.onProgress(Math.max(sent, done), total),
    signal: request.signal,
  });
}

export function useUploadDatasetVersion(datasetId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UploadRequest) => uploadVersion(api, datasetId, request),
    // The dataset (in the list too) names its newest version and its status.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) }),
        queryClient.invalidateQueries({ queryKey: datasetKeys.list() }),
      ]),
  });
}
