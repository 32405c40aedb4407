/** The datasets: name (a link), description, newest version, owner, last change. */
import type { Dataset } from '@talaty/schemas';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../components/format.ts';

export function DatasetsTable(props: { datasets: readonly Dataset[]; latest: (dataset: Dataset) => ReactNode }) {
  if (props.datasets.length === 0)
    return <p className="muted">No datasets yet: create the first one with “New dataset”.</p>;
  return (
    <div className="table-wrap">
      <table className="datasets-table">
        <caption className="visually-hidden">Datasets</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Latest version</th>
            <th scope="col">Owner</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {props.datasets.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={`/datasets/${d.id}`}>{d.name}</Link>
                {d.tags.length === 0 ? null : (
                  <ul className="dataset-tags">
                    {d.tags.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                )}
              </th>
              <td className="dataset-description">{d.description === '' ? '—' : d.description}</td>
              <td>{props.latest(d)}</td>
              <td>{d.created_by}</td>
              <td>{formatDateTime(d.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
