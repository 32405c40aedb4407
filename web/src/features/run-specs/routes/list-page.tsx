/** /run-specs: every run spec, newest first, with what it pins. */
import type { RunSpec } from '@talaty/schemas';
import { Link } from 'react-router';
import { ChangedBy } from '../../../components/changed-by.tsx';
import { type Column, DataTable } from '../../../components/data-table.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { DatasetVersionLink, FeatureSetVersionLink } from '../../../components/version-links.tsx';
import { useRunSpecs } from '../api/list-run-specs.ts';

const columns: readonly Column<RunSpec>[] = [
  { header: 'Name', cell: (spec) => <Link to={`/run-specs/${spec.id}`}>{spec.name}</Link> },
  { header: 'Model', cell: (spec) => spec.model_name },
  { header: 'Dataset version', cell: (spec) => <DatasetVersionLink id={spec.dataset_version_id} /> },
  { header: 'Feature-set version', cell: (spec) => <FeatureSetVersionLink id={spec.feature_set_version_id} /> },
  { header: 'Created', cell: (spec) => <ChangedBy at={spec.created_at} by={spec.created_by} /> },
];

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
        {(page) => (
          <DataTable
            caption="Run specs"
            rows={page.items}
            rowKey={(s) => s.id}
            columns={columns}
            empty="No run specs yet."
          />
        )}
      </QueryView>
    </>
  );
}
