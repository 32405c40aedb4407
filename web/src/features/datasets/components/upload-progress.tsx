/**
 * Where an upload stands: bytes sent on a progress bar (with a button to cancel it until it is
 * committed), then the committed version's status as profiling runs (announced politely), ending
 * READY with a link, or FAILED with the reason.
 */
import type { DatasetVersion } from '@talaty/schemas';
import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { formatBytes } from '../../../components/format.ts';

export interface UploadState {
  readonly fileName: string;
  readonly sent: number;
  readonly total: number;
  /** The committed version, once the upload ended. */
  readonly committed: DatasetVersion | null;
  /** How it ended short of a commit: it failed, or the user cancelled it. */
  readonly stopped: 'failed' | 'cancelled' | null;
}

function statusLine(state: UploadState, current: DatasetVersion | null, datasetId: string) {
  if (state.stopped === 'failed') return 'The upload did not complete.';
  if (state.stopped === 'cancelled') {
    return `Upload of ${state.fileName} cancelled after ${formatBytes(state.sent)}; its version was given up.`;
  }
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

export function UploadProgress(props: {
  state: UploadState;
  current: DatasetVersion | null;
  datasetId: string;
  /** Set while the upload can still be cancelled. */
  onCancel?: (() => void) | undefined;
}) {
  const labelId = useId();
  const status = useRef<HTMLParagraphElement>(null);
  const { state } = props;
  const cancelled = state.stopped === 'cancelled';
  // The cancel button is gone once it was used: the focus goes to what it did.
  useEffect(() => {
    if (cancelled) status.current?.focus();
  }, [cancelled]);
  return (
    <div className="upload-progress">
      <span id={labelId} className="visually-hidden">
        Upload progress
      </span>
      <div className="upload-bar">
        <progress aria-labelledby={labelId} max={Math.max(1, state.total)} value={state.sent} />
        {props.onCancel === undefined ? null : (
          <button type="button" onClick={props.onCancel}>
            Cancel upload
          </button>
        )}
      </div>
      <p ref={status} tabIndex={-1} role="status" className={props.current?.status === 'FAILED' ? 'error' : undefined}>
        {statusLine(state, props.current, props.datasetId)}
      </p>
    </div>
  );
}
