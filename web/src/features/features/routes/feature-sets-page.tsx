/** /feature-sets: every feature set, and the form that starts one. */
import type { FeatureSet } from '@talaty/schemas';
import { Link, useNavigate } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { type Column, DataTable } from '../../../components/data-table.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useCreateFeatureSet } from '../api/create-feature-set.ts';
import { useFeatureSets } from '../api/list-feature-sets.ts';
import { FeatureSetForm } from '../components/feature-set-form.tsx';

const columns: readonly Column<FeatureSet>[] = [
  { header: 'Name', cell: (s) => <Link to={`/feature-sets/${s.id}`}>{s.name}</Link> },
  {
    header: 'Description',
    cell: (s) =>
      s.description === '' ? <span className="muted">—</span> : <div className="ff-clamp">{s.description}</div>,
  },
  { header: 'Tags', cell: (s) => (s.tags.length === 0 ? <span className="muted">—</span> : s.tags.join(', ')) },
  { header: 'Updated', cell: (s) => <ChangedBy at={s.updated_at} by={s.updated_by} /> },
];

export function Component() {
  const sets = useFeatureSets();
  const create = useCreateFeatureSet();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Feature sets"
        subtitle="Named lists of features with a target; each version is a draft until published, then frozen."
      />
      <div className="ff-split">
        <section className="card ff-card" aria-labelledby="new-set">
          <h2 id="new-set">New feature set</h2>
          <FeatureSetForm
            pending={create.isPending}
            error={create.error}
            onSubmit={(input) => create.mutate(input, { onSuccess: (set) => navigate(`/feature-sets/${set.id}`) })}
          />
        </section>
        <section aria-labelledby="all-sets">
          <h2 id="all-sets">All feature sets</h2>
          <QueryView query={sets} label="feature sets">
            {(page) => (
              <DataTable
                caption="Feature sets, newest first"
                rows={page.items}
                rowKey={(s) => s.id}
                columns={columns}
                empty="No feature sets yet: create the first one."
              />
            )}
          </QueryView>
        </section>
      </div>
    </>
  );
}
