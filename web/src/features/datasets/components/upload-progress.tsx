/**
 * Where an upload stands: bytes sent on a progress bar, then the committed version's status as
 * profiling runs (announced politely), ending READY with a link, or FAILED with the reason.
 */
import type { DatasetVersion } from '@talaty/schemas';
import { useId } from 'react';
import { Link } from 'react-router';
import { formatBytes } from '../../../components/format.ts';

export interface UploadState {
  readonly fileName: string;
  readonly sent: number;
  readonly total: number;
  /** The committed version, once the upload ended. */
  readonly committed: DatasetVersion | null;
  readonly failed: boolean;
}

function statusLine(state: UploadState, current: DatasetVersion | null, datasetId: string) {
  if (state.failed) return 'The upload did not complete.';
  if (current === null) {
    return state.sent < state.total
      ? `Uploading ${state.fileName}: ${formatBytes(state.sent)} of ${formatBytes(state.total)}.`
      : `Uploaded ${state.fileName}; committing…`;
  }
  const label = `Version ${current.version}`;
  switch (current.status) {
    case 'PENDING_UPLOAD':
      return `${label} is waiting for its upload.`;
    case 'PROFILING':
      return `${label} is being profiled…`;
    case 'READY':
      return (
        <>
          {label} is READY.{' '}
          <Link to={`/datasets/${datasetId}/versions/${current.version}`}>Open version {current.version}</Link>
        </>
      );
    case 'FAILED':
      return `${label} FAILED: ${current.failure?.message ?? 'no reason given'}`;
  }
}

export function UploadProgress(props: { state: UploadState; current: DatasetVersion | null; datasetId: string }) {
  const labelId = useId();
  const { state } = props;
  return (
    <div className="upload-progress">
      <span id={labelId} className="visually-hidden">
        Upload progress
      </span>
      <progress aria-labelledby={labelId} max={Math.max(1, state.total)} value={state.sent} />
      <p role="status" className={props.current?.status === 'FAILED' ? 'error' : undefined}>
        {statusLine(state, props.current, props.datasetId)}
      </p>
    </div>
  );
}
