/** A feature-set version read-only: its target, role columns, notes and every feature definition. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { formatDateTime } from '../../../components/format.ts';
import { missingPolicyText } from './feature-draft.ts';
import { Monotone } from './monotone.tsx';

const orNone = (value: string | null) => (value === null ? <span className="muted">none</span> : <code>{value}</code>);

export function VersionSummary(props: { version: FeatureSetVersion }) {
  const v = props.version;
  return (
    <dl className="stats">
      <div>
        <dt>Features</dt>
        <dd>{v.features.length}</dd>
      </div>
      <div>
        <dt>Target column</dt>
        <dd>
          <code>{v.target.column}</code>
        </dd>
      </div>
      <div>
        <dt>Bad value</dt>
        <dd>
          <code>{JSON.stringify(v.target.bad_value)}</code>
        </dd>
      </div>
      <div>
        <dt>ID column</dt>
        <dd>{orNone(v.id_column)}</dd>
      </div>
      <div>
        <dt>Date column</dt>
        <dd>{orNone(v.date_column)}</dd>
      </div>
      <div>
        <dt>Weight column</dt>
        <dd>{orNone(v.weight_column)}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd className="ff-small">
          {formatDateTime(v.created_at)} by {v.created_by}
        </dd>
      </div>
      {v.status === 'PUBLISHED' ? (
        <div>
          <dt>Published</dt>
          <dd className="ff-small">
            {formatDateTime(v.published_at)} by {v.published_by}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

export function VersionFeaturesTable(props: { version: FeatureSetVersion }) {
  const { features } = props.version;
  if (features.length === 0) return <p className="muted">This version has no features.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Features of version {props.version.version}, in model order</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Name</th>
            <th scope="col">Source column</th>
            <th scope="col">Kind</th>
            <th scope="col">Monotone</th>
            <th scope="col">Missing values</th>
            <th scope="col">Special values</th>
            <th scope="col">Rationale</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f, i) => (
            <tr key={f.name}>
              <td className="num">{i + 1}</td>
              <td>
                <strong>{f.name}</strong>
              </td>
              <td className="mono">{f.source_column}</td>
              <td>{f.kind}</td>
              <td>
                <Monotone value={f.monotone} />
              </td>
              <td>{missingPolicyText(f.missing_policy)}</td>
              <td className="mono">{f.special_values.length === 0 ? '—' : f.special_values.join(', ')}</td>
              <td>{f.rationale === '' ? <span className="muted">—</span> : f.rationale}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
