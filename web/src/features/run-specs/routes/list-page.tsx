/** /run-specs: every run spec, newest first, with what it pins. */
import { Link } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { DatasetVersionLink, FeatureSetVersionLink } from '../../../components/version-links.tsx';
import { useRunSpecs } from '../api/list-run-specs.ts';

export function Component() {
  const query = useRunSpecs();
  return (
    <>
      <PageHeader
        title="Run specs"
        subtitle="Immutable recipes: pinned data and features, parameters, split and gates."
        actions={
          <Link className="button primary" to="/run-specs/new">
            New run spec
          </Link>
        }
      />
      <QueryView query={query} label="run specs">
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">No run specs yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Run specs</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Model</th>
                    <th scope="col">Dataset version</th>
                    <th scope="col">Feature-set version</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((spec) => (
                    <tr key={spec.id}>
                      <td>
                        <Link to={`/run-specs/${spec.id}`}>{spec.name}</Link>
                      </td>
                      <td>{spec.model_name}</td>
                      <td>
                        <DatasetVersionLink id={spec.dataset_version_id} />
                      </td>
                      <td>
                        <FeatureSetVersionLink id={spec.feature_set_version_id} />
                      </td>
                      <td>
                        <ChangedBy at={spec.created_at} by={spec.created_by} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </>
  );
}
