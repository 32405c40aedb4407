/** /models: the registry — each model with its latest version and that version's stage. */
import type { Model } from '@talaty/schemas';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/data-table.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useModelVersions } from '../api/list-model-versions.ts';
import { useModels } from '../api/list-models.ts';
import { StageBadge } from '../components/stage-badge.tsx';

const columns: readonly Column<Model>[] = [
  {
    header: 'Name',
    cell: (model) => (
      <>
        <Link to={`/models/${model.id}`}>{model.name}</Link>
        {model.description === '' ? null : <div className="muted">{model.description}</div>}
      </>
    ),
  },
  { header: 'Latest version', cell: (model) => <LatestVersion modelId={model.id} /> },
  { header: 'Stage', cell: (model) => <LatestStage modelId={model.id} /> },
  { header: 'Updated', cell: (model) => formatDateTime(model.updated_at) },
];

export function Component() {
  const query = useModels();
  return (
    <>
      <PageHeader title="Models" subtitle="Registered by runs whose gates passed (or had none)." />
      <QueryView query={query} label="models">
        {(page) => (
          <DataTable
            caption="Models"
            rows={page.items}
            rowKey={(model) => model.id}
            columns={columns}
            empty="No models yet: a successful run registers its model's first version."
          />
        )}
      </QueryView>
    </>
  );
}

// The version and stage cells read the same query (the model's newest version): one request per model.
function LatestVersion(props: { modelId: string }) {
  const latest = useModelVersions(props.modelId, 1);
  const version = latest.data?.items[0];
  return version === undefined ? (
    <span className="muted">{latest.isPending ? '…' : '—'}</span>
  ) : (
    <Link to={`/models/${props.modelId}/versions/${version.version}`}>v{version.version}</Link>
  );
}

function LatestStage(props: { modelId: string }) {
  const version = useModelVersions(props.modelId, 1).data?.items[0];
  return version === undefined ? null : <StageBadge stage={version.stage} />;
}
