/** /models/:modelId: one model and its versions, newest first. */
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useModel } from '../api/get-model.ts';
import { useModelVersions } from '../api/list-model-versions.ts';
import { ModelVersionsTable } from '../components/model-versions-table.tsx';

export function Component() {
  const { modelId = '' } = useParams();
  const model = useModel(modelId);
  const versions = useModelVersions(modelId);
  return (
    <QueryView query={model} label="model">
      {(m) => (
        <>
          <PageHeader title={m.name} subtitle={m.description === '' ? `Created by ${m.created_by}` : m.description} />
          {m.tags.length === 0 ? null : (
            <p>
              <span className="muted">Tags:</span> {m.tags.join(', ')}
            </p>
          )}
          <section aria-labelledby="versions">
            <h2 id="versions">Versions</h2>
            <QueryView query={versions} label="versions">
              {(page) => <ModelVersionsTable modelId={m.id} versions={page.items} />}
            </QueryView>
          </section>
        </>
      )}
    </QueryView>
  );
}
