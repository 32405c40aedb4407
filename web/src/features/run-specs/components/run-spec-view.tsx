/** A run spec, read-only: what it pins, its parameters, split, evaluation gates and artifact policy. */
import type { RunSpec } from '@talaty/schemas';
import { formatDateTime } from '../../../components/format.ts';
import { GateTable } from '../../../components/gate-table.tsx';
import { SettingsTable } from '../../../components/settings-table.tsx';
import { DatasetVersionLink, FeatureSetVersionLink } from '../../../components/version-links.tsx';

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
            <GateTable
              gates={gates}
              caption="Evaluation gates"
              empty="No gates: every successful run registers a model version."
            />
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
