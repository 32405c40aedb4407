/** The catalog as a table: each feature's column, kind, monotone direction and missing policy. */
import type { Feature } from '@talaty/schemas';
import { Link } from 'react-router';
import { missingPolicyText } from './feature-draft.ts';
import { Monotone } from './monotone.tsx';

export function FeaturesTable(props: { features: readonly Feature[]; caption: string }) {
  if (props.features.length === 0) return <p className="muted">No features yet: add the first one.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Source column</th>
            <th scope="col">Kind</th>
            <th scope="col">Monotone</th>
            <th scope="col">Missing values</th>
            <th scope="col">Rationale</th>
          </tr>
        </thead>
        <tbody>
          {props.features.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={`/features/${f.id}`}>{f.name}</Link>
              </td>
              <td className="mono">{f.source_column}</td>
              <td>{f.kind}</td>
              <td>
                <Monotone value={f.monotone} />
              </td>
              <td>{missingPolicyText(f.missing_policy)}</td>
              <td>
                {f.rationale === '' ? <span className="muted">—</span> : <div className="ff-clamp">{f.rationale}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
