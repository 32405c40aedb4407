/**
 * Uploading a new version from the dataset page: the form, the bytes' progress, then the new
 * version's status as profiling runs (from the versions query, which polls until it ends).
 */
import type { DatasetVersion } from '@talaty/schemas';
import { useRef, useState } from 'react';
import { isCancelled, useUploadDatasetVersion } from '../api/upload-dataset-version.ts';
import { UploadForm } from '../components/upload-form.tsx';
import { UploadProgress, type UploadState } from '../components/upload-progress.tsx';

export function UploadPanel(props: { datasetId: string; versions: readonly DatasetVersion[] }) {
  const upload = useUploadDatasetVersion(props.datasetId);
  const [state, setState] = useState<UploadState | null>(null);
  // The upload under way, until it is committed or stopped. Leaving the page does not stop it.
  const controller = useRef<AbortController | null>(null);
  const committed = state?.committed ?? null;
  // The versions query carries the committed version's later statuses.
  const current = committed === null ? null : (props.versions.find((v) => v.id === committed.id) ?? committed);
  const columns = props.versions.find((v) => v.columns !== null)?.columns?.map((c) => c.name) ?? [];

  return (
    <section className="card dataset-panel dataset-upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a new version</h2>
      <UploadForm
        pending={upload.isPending}
        error={isCancelled(upload.error) ? null : upload.error}
        columns={columns}
        onSubmit={(file, settings) => {
          setState({ fileName: file.name, sent: 0, total: file.size, committed: null, stopped: null });
          controller.current = new AbortController();
          upload.mutate(
            {
              file,
              settings,
              onProgress: (sent, total) => setState((s) => (s === null ? s : { ...s, sent, total })),
              signal: controller.current.signal,
            },
            {
              onSuccess: (version) => setState((s) => (s === null ? s : { ...s, sent: s.total, committed: version })),
              onError: (error) =>
                setState((s) => (s === null ? s : { ...s, stopped: isCancelled(error) ? 'cancelled' : 'failed' })),
              onSettled: () => {
                controller.current = null;
              },
            },
          );
        }}
      />
      {state === null ? null : (
        <UploadProgress
          state={state}
          current={current}
          datasetId={props.datasetId}
          onCancel={upload.isPending && state.sent < state.total ? () => controller.current?.abort() : undefined}
        />
      )}
    </section>
  );
}
