/** The datasets: name (a link), description, newest version, owner, last change. */
import type { Dataset } from '@talaty/schemas';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table.tsx';
import { formatDateTime } from '../../../components/format.ts';

export function DatasetsTable(props: { datasets: readonly Dataset[]; latest: (dataset: Dataset) => ReactNode }) {
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
        { header: 'Latest version', cell: (d) => props.latest(d) },
        { header: 'Owner', cell: (d) => d.created_by },
        { header: 'Updated', cell: (d) => formatDateTime(d.updated_at) },
      ]}
    />
  );
}
