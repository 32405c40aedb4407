/**
 * /feature-sets/:featureSetId/versions/:version: a DRAFT is edited here (PATCH at its row version)
 * and published; a PUBLISHED version is shown read-only, with the way forward (a new version).
 */
import type { FeatureSet, FeatureSetVersion } from '@talaty/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useFeatureSet } from '../api/get-feature-set.ts';
import { useFeatureSetVersion } from '../api/get-feature-set-version.ts';
import { featureSetKeys } from '../api/keys.ts';
import { useFeatures } from '../api/list-features.ts';
import { usePublishFeatureSetVersion } from '../api/publish-feature-set-version.ts';
import { useUpdateFeatureSetVersion } from '../api/update-feature-set-version.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { StaleReload } from '../components/stale-reload.tsx';
import { versionDraftOf } from '../components/version-draft.ts';
import { VersionEditor } from '../components/version-editor.tsx';
import { VersionFeaturesTable, VersionSummary } from '../components/version-view.tsx';

export function Component() {
  const { featureSetId = '', version = '' } = useParams();
  const set = useFeatureSet(featureSetId);
  const found = useFeatureSetVersion(featureSetId, Number(version));
  return (
    <QueryView query={set} label="the feature set">
      {(s) => (
        <QueryView query={found} label={`version ${version}`}>
          {(v) => <VersionDetail set={s} version={v} />}
        </QueryView>
      )}
    </QueryView>
  );
}

function VersionDetail(props: { set: FeatureSet; version: FeatureSetVersion }) {
  const { set, version: v } = props;
  const base = `/feature-sets/${set.id}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Feature sets', to: '/feature-sets' },
          { label: set.name, to: base },
          { label: `Version ${v.version}` },
        ]}
      />
      <PageHeader
        title={
          <>
            {set.name} · version {v.version} <StatusBadge status={v.status} />
          </>
        }
        subtitle={v.notes === '' ? undefined : v.notes}
        actions={
          <>
            {v.version > 1 ? (
              <Link className="button" to={`${base}/compare?a=${v.version - 1}&b=${v.version}`}>
                Compare with version {v.version - 1}
              </Link>
            ) : null}
            {v.status === 'PUBLISHED' ? (
              <Link className="button" to={`${base}?new&from=${v.version}`}>
                New version from this one
              </Link>
            ) : null}
          </>
        }
      />
      {v.status === 'PUBLISHED' ? <Published version={v} /> : <Draft set={set} version={v} />}
    </>
  );
}

function Published(props: { version: FeatureSetVersion }) {
  return (
    <>
      <p className="ff-notice" role="note">
        <strong>Published and read-only.</strong> This version is immutable: runs can use it and it will never change.
        To change anything, start a new version from it.
      </p>
      <section className="card ff-card" aria-labelledby="summary">
        <h2 id="summary">Target and columns</h2>
        <VersionSummary version={props.version} />
      </section>
      <section aria-labelledby="features">
        <h2 id="features">Features</h2>
        <VersionFeaturesTable version={props.version} />
      </section>
    </>
  );
}

function Draft(props: { set: FeatureSet; version: Extract<FeatureSetVersion, { status: 'DRAFT' }> }) {
  const { set, version: v } = props;
  const catalog = useFeatures();
  const update = useUpdateFeatureSetVersion(set.id, v.version);
  const publish = usePublishFeatureSetVersion(set.id, v.version);
  const client = useQueryClient();
  const [status, setStatus] = useState<string>();
  const reload = () => {
    update.reset();
    publish.reset();
    setStatus('Loaded the latest version of the draft: apply your change again.');
    void client.invalidateQueries({ queryKey: featureSetKeys.version(set.id, v.version) });
  };
  return (
    <>
      <section className="card ff-card" aria-labelledby="publish">
        <h2 id="publish">Publish</h2>
        <p>
          This draft can be edited until it is published. Publishing freezes it as last saved (save your edits first):
          it can then be used by runs and never changes again.
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            disabled={publish.isPending || update.isPending}
            onClick={() => publish.mutate(v.row_version)}
          >
            {publish.isPending ? 'Publishing…' : `Publish version ${v.version}`}
          </button>
          <StaleReload error={publish.error} onReload={reload} statuses={[409, 412]} />
        </div>
        <ErrorMessage error={publish.error} />
      </section>
      <section className="card ff-card" aria-labelledby="edit-draft">
        <h2 id="edit-draft">Edit draft</h2>
        <QueryView query={catalog} label="the feature catalog">
          {(page) => (
            <VersionEditor
              key={v.row_version}
              initial={versionDraftOf(v)}
              catalog={page.items}
              submitLabel="Save draft"
              pending={update.isPending}
              error={update.error}
              status={status}
              actions={<StaleReload error={update.error} onReload={reload} statuses={[409, 412]} />}
              onSubmit={(content) => {
                setStatus(undefined);
                publish.reset();
                update.mutate(
                  { rowVersion: v.row_version, changes: content },
                  { onSuccess: () => setStatus('Draft saved.') },
                );
              }}
            />
          )}
        </QueryView>
      </section>
    </>
  );
}
