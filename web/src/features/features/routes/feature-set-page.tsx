/**
 * /feature-sets/:featureSetId: the set's versions, a form to compare two of them, and a new draft
 * (prefilled from the newest version, or from ?from=N).
 */
import type { FeatureSet, FeatureSetVersion } from '@talaty/schemas';
import { useEffect, useRef } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useCreateFeatureSetVersion } from '../api/create-feature-set-version.ts';
import { useFeatureSet } from '../api/get-feature-set.ts';
import { useFeatureSetVersions } from '../api/list-feature-set-versions.ts';
import { useFeatures } from '../api/list-features.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { CompareForm } from '../components/compare-form.tsx';
import { emptyVersionDraft, versionDraftOf } from '../components/version-draft.ts';
import { VersionEditor } from '../components/version-editor.tsx';
import { VersionsTable } from '../components/versions-table.tsx';

export function Component() {
  const { featureSetId = '' } = useParams();
  const set = useFeatureSet(featureSetId);
  const versions = useFeatureSetVersions(featureSetId);
  return (
    <QueryView query={set} label="the feature set">
      {(s) => (
        <>
          <Breadcrumbs items={[{ label: 'Feature sets', to: '/feature-sets' }, { label: s.name }]} />
          <PageHeader
            title={s.name}
            subtitle={s.description === '' ? undefined : s.description}
            actions={s.tags.length === 0 ? undefined : <span className="muted">Tags: {s.tags.join(', ')}</span>}
          />
          <QueryView query={versions} label="versions">
            {(page) => <Versions set={s} versions={page.items} />}
          </QueryView>
        </>
      )}
    </QueryView>
  );
}

function Versions(props: { set: FeatureSet; versions: FeatureSetVersion[] }) {
  const { set, versions } = props;
  const [params, setParams] = useSearchParams();
  const drafting = params.has('new');
  const from = versions.find((v) => String(v.version) === params.get('from')) ?? versions[0];
  return (
    <>
      <section aria-labelledby="versions">
        <h2 id="versions">Versions</h2>
        <VersionsTable featureSetId={set.id} versions={versions} />
        <div className="form-actions">
          {drafting ? null : (
            <button type="button" className="primary" onClick={() => setParams({ new: '' })}>
              New draft version
            </button>
          )}
        </div>
      </section>
      {versions.length >= 2 ? <CompareForm featureSetId={set.id} versions={versions} /> : null}
      {drafting ? (
        <NewDraft set={set} from={from} onCancel={() => setParams({}, { replace: true })} key={from?.version ?? 0} />
      ) : null}
    </>
  );
}

function NewDraft(props: { set: FeatureSet; from: FeatureSetVersion | undefined; onCancel: () => void }) {
  const catalog = useFeatures();
  const create = useCreateFeatureSetVersion(props.set.id);
  const navigate = useNavigate();
  const from = props.from;
  const title = useRef<HTMLHeadingElement>(null);
  // The form appears below the versions: take keyboard and screen-reader users to it.
  useEffect(() => title.current?.focus(), []);
  return (
    <section className="card ff-card" aria-labelledby="new-draft">
      <h2 id="new-draft" ref={title} tabIndex={-1}>
        New draft version
      </h2>
      <p className="hint">
        {from === undefined
          ? 'Pick features from the catalog and name the target. You can edit the draft until you publish it.'
          : `Starts from version ${from.version}; change what you need. You can edit the draft until you publish it.`}
      </p>
      <QueryView query={catalog} label="the feature catalog">
        {(page) => (
          <VersionEditor
            initial={from === undefined ? emptyVersionDraft : versionDraftOf(from, '')}
            catalog={page.items}
            submitLabel="Create draft"
            pending={create.isPending}
            error={create.error}
            actions={
              <button type="button" onClick={props.onCancel}>
                Cancel
              </button>
            }
            onSubmit={(content) =>
              create.mutate(content, {
                onSuccess: (v) => navigate(`/feature-sets/${props.set.id}/versions/${v.version}`),
              })
            }
          />
        )}
      </QueryView>
    </section>
  );
}
