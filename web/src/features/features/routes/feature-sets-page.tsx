/** /feature-sets: every feature set, and the form that starts one. */
import { Link, useNavigate } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useCreateFeatureSet } from '../api/create-feature-set.ts';
import { useFeatureSets } from '../api/list-feature-sets.ts';
import { FeatureSetForm } from '../components/feature-set-form.tsx';

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
            {(page) =>
              page.items.length === 0 ? (
                <p className="muted">No feature sets yet: create the first one.</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">Feature sets, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Description</th>
                        <th scope="col">Tags</th>
                        <th scope="col">Updated</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((s) => (
                        <tr key={s.id}>
                          <td>
                            <Link to={`/feature-sets/${s.id}`}>{s.name}</Link>
                          </td>
                          <td>
                            {s.description === '' ? (
                              <span className="muted">—</span>
                            ) : (
                              <div className="ff-clamp">{s.description}</div>
                            )}
                          </td>
                          <td>{s.tags.length === 0 ? <span className="muted">—</span> : s.tags.join(', ')}</td>
                          <td>
                            <ChangedBy at={s.updated_at} by={s.updated_by} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </QueryView>
        </section>
      </div>
    </>
  );
}
