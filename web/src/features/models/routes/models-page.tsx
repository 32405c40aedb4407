/** /models: the registry — each model with its latest version and that version's stage. */
import type { Model } from '@talaty/schemas';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/data-table.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
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
  {
    header: 'Latest version',
    cell: ({ id, latest_version: latest }) =>
      latest === null ? (
        <span className="muted">—</span>
      ) : (
        <Link to={`/models/${id}/versions/${latest.version}`}>v{latest.version}</Link>
      ),
  },
  {
    header: 'Stage',
    cell: ({ latest_version: latest }) => (latest === null ? null : <StageBadge stage={latest.stage} />),
  },
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
