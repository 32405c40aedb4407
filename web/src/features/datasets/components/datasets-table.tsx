/** The datasets: name (a link), description, newest version with its status, owner, last change. */
import type { Dataset } from '@talaty/schemas';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { StatusBadge } from '../../../components/status-badge.tsx';

function LatestVersion(props: { dataset: Dataset }) {
  const { id, latest_version: latest } = props.dataset;
  if (latest === null) return <span className="muted">none yet</span>;
  return (
    <span className="latest-version">
      <Link to={`/datasets/${id}/versions/${latest.version}`}>Version {latest.version}</Link>{' '}
      <StatusBadge status={latest.status} />
    </span>
  );
}

export function DatasetsTable(props: { datasets: readonly Dataset[] }) {
  return (
    <DataTable
      caption="Datasets"
      className="datasets-table"
      rows={props.datasets}
      rowKey={(d) => d.id}
      empty="No datasets yet: create the first one with “New dataset”."
      columns={[
        {
          header: 'Name',
          rowHeader: true,
          cell: (d) => (
            <>
              <Link to={`/datasets/${d.id}`}>{d.name}</Link>
              {d.tags.length === 0 ? null : (
                <ul className="dataset-tags">
                  {d.tags.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              )}
            </>
          ),
        },
        {
          header: 'Description',
          className: 'dataset-description',
          cell: (d) => (d.description === '' ? '—' : d.description),
        },
        { header: 'Latest version', cell: (d) => <LatestVersion dataset={d} /> },
        { header: 'Owner', cell: (d) => d.created_by },
        { header: 'Updated', cell: (d) => formatDateTime(d.updated_at) },
      ]}
    />
  );
}
