/** /features/:featureId: one catalog feature, and its edit form (PATCH at the row version read). */
import type { Feature } from '@talaty/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { formatDateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useFeature } from '../api/get-feature.ts';
import { featureKeys } from '../api/keys.ts';
import { useUpdateFeature } from '../api/update-feature.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { changedFields, featureDraftOf, featureInputOf, missingPolicyText } from '../components/feature-draft.ts';
import { FeatureForm } from '../components/feature-form.tsx';
import { Monotone } from '../components/monotone.tsx';
import { StaleReload } from '../components/stale-reload.tsx';

export function Component() {
  const { featureId = '' } = useParams();
  const feature = useFeature(featureId);
  return (
    <QueryView query={feature} label="the feature">
      {(f) => <FeatureDetail feature={f} />}
    </QueryView>
  );
}

function FeatureDetail(props: { feature: Feature }) {
  const f = props.feature;
  const update = useUpdateFeature(f.id);
  const client = useQueryClient();
  const [status, setStatus] = useState<string>();
  const reload = () => {
    update.reset();
    setStatus('Loaded the latest version: apply your change again.');
    void client.invalidateQueries({ queryKey: featureKeys.detail(f.id) });
  };
  return (
    <>
      <Breadcrumbs items={[{ label: 'Features', to: '/features' }, { label: f.name }]} />
      <PageHeader title={f.name} subtitle={f.description === '' ? undefined : f.description} />
      <section className="card ff-card" aria-labelledby="definition">
        <h2 id="definition">Definition</h2>
        <dl className="stats">
          <div>
            <dt>Source column</dt>
            <dd>
              <code>{f.source_column}</code>
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{f.kind}</dd>
          </div>
          <div>
            <dt>Monotone</dt>
            <dd>
              <Monotone value={f.monotone} />
            </dd>
          </div>
          <div>
            <dt>Missing values</dt>
            <dd>{missingPolicyText(f.missing_policy)}</dd>
          </div>
          <div>
            <dt>Special values</dt>
            <dd>{f.special_values.length === 0 ? 'none' : f.special_values.join(', ')}</dd>
          </div>
          <div>
            <dt>Last changed</dt>
            <dd className="ff-small">
              {formatDateTime(f.updated_at)} by {f.updated_by} (row version {f.row_version})
            </dd>
          </div>
        </dl>
        <h3>Rationale</h3>
        <p>{f.rationale === '' ? <span className="muted">No rationale given.</span> : f.rationale}</p>
      </section>
      <section className="card ff-card" aria-labelledby="edit">
        <h2 id="edit">Edit</h2>
        <p className="hint">Changes apply to the catalog only: feature-set versions keep the definition they copied.</p>
        <FeatureForm
          key={f.row_version}
          initial={featureDraftOf(f)}
          submitLabel="Save changes"
          pending={update.isPending}
          error={update.error}
          status={status}
          actions={<StaleReload error={update.error} onReload={reload} />}
          onSubmit={(input) => {
            const changes = changedFields(featureInputOf(featureDraftOf(f)), input);
            if (Object.keys(changes).length === 0) {
              setStatus('Nothing to save: no field changed.');
              return;
            }
            setStatus(undefined);
            update.mutate(
              { rowVersion: f.row_version, changes },
              { onSuccess: (saved) => setStatus(`Saved (row version ${saved.row_version}).`) },
            );
          }}
        />
      </section>
    </>
  );
}
