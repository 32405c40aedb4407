/**
 * Where a model version came from, as a chain of links: dataset version → feature-set version →
 * run spec → run → this model version. A step whose name is still loading shows its uuid.
 */
import type { ModelVersion } from '@talaty/schemas';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ShortUuid } from '../../../components/short-uuid.tsx';
import { DatasetVersionLink, FeatureSetVersionLink } from '../../../components/version-links.tsx';
import { useRunSpec } from '../../../lib/queries/get-run-spec.ts';

function Step(props: { kind: string; children: ReactNode }) {
  return (
    <li>
      <span className="lineage-kind">{props.kind}</span>
      <span className="lineage-what">{props.children}</span>
    </li>
  );
}

export function Lineage(props: { version: ModelVersion; modelName: string }) {
  const { version } = props;
  const spec = useRunSpec(version.run_spec_id).data;
  return (
    <ol className="lineage" aria-label="Lineage">
      <Step kind="Dataset version">
        <DatasetVersionLink id={version.dataset_version_id} />
      </Step>
      <Step kind="Feature-set version">
        <FeatureSetVersionLink id={version.feature_set_version_id} />
      </Step>
      <Step kind="Run spec">
        <Link to={`/run-specs/${version.run_spec_id}`}>{spec?.name ?? <ShortUuid id={version.run_spec_id} />}</Link>
      </Step>
      <Step kind="Run">
        <Link to={`/runs/${version.run_id}`}>
          Run <ShortUuid id={version.run_id} />
        </Link>
      </Step>
      <Step kind="Model version">
        <span aria-current="page">
          {props.modelName} v{version.version}
        </span>
      </Step>
    </ol>
  );
}
