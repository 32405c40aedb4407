/**
 * /datasets/:datasetId/versions/:version: one version's facts, its download link and, once READY,
 * its profile (every column's type, missing share, summary and shape; the target's classes and share of 1s).
 */
import type { DatasetVersion } from '@talaty/schemas';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { formatBytes, formatDateTime, formatDuration } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useDataset } from '../api/get-dataset.ts';
import { useDatasetDownload } from '../api/get-dataset-download.ts';
import { useDatasetProfile } from '../api/get-dataset-profile.ts';
import { useDatasetVersion } from '../api/get-dataset-version.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { ColumnProfiles, QuantileTable } from '../components/column-profiles.tsx';
import { TargetProfile } from '../components/target-profile.tsx';
import { VersionFacts } from '../components/version-facts.tsx';

function DownloadLink(props: { version: DatasetVersion }) {
  const { dataset_id, version, status } = props.version;
  const download = useDatasetDownload(dataset_id, version, status === 'READY');
  if (status !== 'READY') return null;
  if (download.isError) return <ErrorMessage error={download.error} />;
  if (download.data === undefined) return <span className="muted">Preparing the download link…</span>;
  const d = download.data;
  return (
    <a className="button" href={d.url} download={d.filename} rel="noopener">
      Download {d.filename} ({formatBytes(d.size_bytes)})
    </a>
  );
}

function Profile(props: { version: DatasetVersion }) {
  const { dataset_id, version, status } = props.version;
  const profile = useDatasetProfile(dataset_id, version, status === 'READY');
  if (status === 'PENDING_UPLOAD' || status === 'PROFILING') {
    return (
      <p role="status" className="muted">
        {status === 'PROFILING' ? 'Profiling this version…' : 'Waiting for the upload to be committed…'} The profile
        appears here when it is done.
      </p>
    );
  }
  if (status === 'FAILED') {
    return (
      <p className="error">
        Profiling failed ({props.version.failure?.code}): {props.version.failure?.message}
      </p>
    );
  }
  return (
    <QueryView query={profile} label="the profile">
      {(p) => (
        <>
          <p className="muted">
            {p.columns.length} columns, profiled {formatDateTime(p.profiled_at)} in {formatDuration(p.duration_ms)}
            {p.decompressed_bytes === null ? '' : ` (${formatBytes(p.decompressed_bytes)} uncompressed)`}.
          </p>
          {p.target === null ? null : <TargetProfile target={p.target} />}
          <h3>Columns</h3>
          <ColumnProfiles profile={p} />
          <QuantileTable profile={p} />
        </>
      )}
    </QueryView>
  );
}

export function Component() {
  const params = useParams();
  const datasetId = params.datasetId ?? '';
  const number = Number(params.version);
  const valid = Number.isInteger(number) && number >= 1;
  const dataset = useDataset(datasetId);
  const version = useDatasetVersion(datasetId, valid ? number : 0, valid);
  const name = dataset.data?.name ?? 'Dataset';
  const trail = [
    { to: '/datasets', label: 'Datasets' },
    { to: `/datasets/${datasetId}`, label: name },
  ];
  return (
    <>
      <Breadcrumbs trail={trail} />
      <PageHeader
        title={`${name} · version ${params.version ?? ''}`}
        actions={version.data === undefined ? undefined : <DownloadLink version={version.data} />}
      />
      {valid ? (
        <QueryView query={version} label="the version">
          {(v) => (
            <>
              <section className="card" aria-labelledby="version-heading">
                <h2 id="version-heading" className="visually-hidden">
                  About this version
                </h2>
                <VersionFacts version={v} />
              </section>
              <section aria-labelledby="profile-heading">
                <h2 id="profile-heading">Profile</h2>
                <Profile version={v} />
              </section>
            </>
          )}
        </QueryView>
      ) : (
        <p role="alert">“{params.version}” is not a version number.</p>
      )}
    </>
  );
}
