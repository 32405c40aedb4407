/** A model's versions: stage, aliases and the test metrics that decide between them. */
import type { ModelVersion } from '@talaty/schemas';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { headlineColumns } from '../../../components/headline-metrics.tsx';
import { StageBadge } from './stage-badge.tsx';

export function ModelVersionsTable(props: { modelId: string; versions: ModelVersion[] }) {
  return (
    <DataTable
      caption="Model versions"
      rows={props.versions}
      rowKey={(v) => v.id}
      empty="No versions registered yet."
      columns={[
        {
          header: 'Version',
          cell: (v) => <Link to={`/models/${props.modelId}/versions/${v.version}`}>v{v.version}</Link>,
        },
        { header: 'Stage', cell: (v) => <StageBadge stage={v.stage} /> },
        {
          header: 'Aliases',
          cell: (v) => (v.aliases.length === 0 ? <span className="muted">—</span> : v.aliases.join(', ')),
        },
        ...headlineColumns<ModelVersion>((v) => v.metrics_summary.test),
        { header: 'Created', cell: (v) => formatDateTime(v.created_at) },
      ]}
    />
  );
}
