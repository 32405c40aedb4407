/** A run spec, read-only: what it pins, its parameters, split, evaluation gates and artifact policy. */
import type { RunSpec } from '@talaty/schemas';
import { formatDateTime } from '../../../components/format.ts';
import { DatasetVersionLink, FeatureSetVersionLink } from './pinned-links.tsx';
import { SettingsTable } from './settings-table.tsx';

export function RunSpecView(props: { spec: RunSpec }) {
  const { spec } = props;
  const { gates, ...evaluation } = spec.evaluation_policy;
  return (
    <>
      <section className="card run-spec-pins" aria-labelledby="pins">
        <h2 id="pins">Pinned versions</h2>
        <dl className="stats">
          <div>
            <dt>Dataset version</dt>
            <dd>
              <DatasetVersionLink id={spec.dataset_version_id} />
            </dd>
          </div>
          <div>
            <dt>Feature-set version</dt>
            <dd>
              <FeatureSetVersionLink id={spec.feature_set_version_id} />
            </dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd>{spec.model_name}</dd>
          </div>
          <div>
            <dt>Family</dt>
            <dd>{spec.model_family}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              {formatDateTime(spec.created_at)} by {spec.created_by}
            </dd>
          </div>
        </dl>
        {spec.description === '' ? null : <p>{spec.description}</p>}
      </section>
      <div className="grid">
        <section aria-labelledby="params">
          <h2 id="params">Model parameters</h2>
          <SettingsTable caption="Model parameters" value={spec.model_params} />
        </section>
        <div>
          <section aria-labelledby="split">
            <h2 id="split">Split</h2>
            <SettingsTable caption="Split policy" value={spec.split_policy} />
          </section>
          <section aria-labelledby="evaluation">
            <h2 id="evaluation">Evaluation</h2>
            <SettingsTable caption="Evaluation policy" value={evaluation} />
            <h3>Gates</h3>
            <GatesTable gates={gates} />
          </section>
          <section aria-labelledby="artifacts">
            <h2 id="artifacts">Artifacts</h2>
            <SettingsTable caption="Artifact policy" value={spec.artifact_policy} />
          </section>
        </div>
      </div>
    </>
  );
}

function GatesTable(props: { gates: RunSpec['evaluation_policy']['gates'] }) {
  if (props.gates.length === 0)
    return <p className="muted">No gates: every successful run registers a model version.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Evaluation gates</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Sample</th>
            <th scope="col" className="num">
              Min
            </th>
            <th scope="col" className="num">
              Max
            </th>
          </tr>
        </thead>
        <tbody>
          {props.gates.map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two gates may be identical; their order is their identity
            <tr key={i}>
              <td>{g.metric}</td>
              <td>{g.split}</td>
              <td className="num">{g.min ?? '—'}</td>
              <td className="num">{g.max ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
