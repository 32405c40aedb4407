/** /models: the registry — each model with its latest version and that version's stage. */
import type { Model } from '@talaty/schemas';
import { Link } from 'react-router';
import { formatDateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useModelVersions } from '../api/list-model-versions.ts';
import { useModels } from '../api/list-models.ts';
import { StageBadge } from '../components/stage-badge.tsx';

export function Component() {
  const query = useModels();
  return (
    <>
      <PageHeader title="Models" subtitle="Registered by runs whose gates passed (or had none)." />
      <QueryView query={query} label="models">
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">No models yet: a successful run registers its model's first version.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Models</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Latest version</th>
                    <th scope="col">Stage</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((model) => (
                    <ModelRow key={model.id} model={model} />
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

function ModelRow(props: { model: Model }) {
  const { model } = props;
  const latest = useModelVersions(model.id, 1);
  const version = latest.data?.items[0];
  return (
    <tr>
      <td>
        <Link to={`/models/${model.id}`}>{model.name}</Link>
        {model.description === '' ? null : <div className="muted">{model.description}</div>}
      </td>
      <td>
        {version === undefined ? (
          <span className="muted">{latest.isPending ? '…' : '—'}</span>
        ) : (
          <Link to={`/models/${model.id}/versions/${version.version}`}>v{version.version}</Link>
        )}
      </td>
      <td>{version === undefined ? null : <StageBadge stage={version.stage} />}</td>
      <td>{formatDateTime(model.updated_at)}</td>
    </tr>
  );
}
