/** /features: the catalog beside the form that adds to it. */
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useCreateFeature } from '../api/create-feature.ts';
import { useFeatures } from '../api/list-features.ts';
import { emptyFeatureDraft } from '../components/feature-draft.ts';
import { FeatureForm } from '../components/feature-form.tsx';
import { FeaturesTable } from '../components/features-table.tsx';

export function Component() {
  const features = useFeatures();
  const create = useCreateFeature();
  const [status, setStatus] = useState<string>();
  return (
    <>
      <PageHeader
        title="Features"
        subtitle="The shared catalog: how models read each column, its monotone direction and why it belongs."
      />
      <div className="ff-split">
        <section className="card ff-card" aria-labelledby="new-feature">
          <h2 id="new-feature">New feature</h2>
          <FeatureForm
            initial={emptyFeatureDraft}
            submitLabel="Add feature"
            pending={create.isPending}
            error={create.error}
            status={status}
            onSubmit={(input, reset) => {
              setStatus(undefined);
              create.mutate(input, {
                onSuccess: (feature) => {
                  reset();
                  setStatus(`Feature “${feature.name}” added.`);
                },
              });
            }}
          />
        </section>
        <section aria-labelledby="catalog">
          <h2 id="catalog">Catalog</h2>
          <QueryView query={features} label="features">
            {(page) => (
              <>
                <FeaturesTable features={page.items} caption="Catalog features, newest first" />
                {page.next_cursor === null ? null : (
                  <p className="muted">Showing the newest {page.items.length} features.</p>
                )}
              </>
            )}
          </QueryView>
        </section>
      </div>
    </>
  );
}
