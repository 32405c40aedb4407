/**
 * Links to a dataset version or a feature-set version known by its uuid (what a run spec or a model
 * version pins), named `dataset v3`; the short uuid until the name is known.
 */
import { Link } from 'react-router';
import { usePublishedFeatureSetVersions } from '../lib/queries/list-published-feature-set-versions.ts';
import { useReadyDatasetVersions } from '../lib/queries/list-ready-dataset-versions.ts';
import { ShortUuid } from './short-uuid.tsx';

export function DatasetVersionLink(props: { id: string }) {
  const found = useReadyDatasetVersions().data?.find((v) => v.id === props.id);
  if (found === undefined) return <ShortUuid id={props.id} />;
  return (
    <Link to={`/datasets/${found.datasetId}/versions/${found.version}`}>
      {found.datasetName} v{found.version}
    </Link>
  );
}

export function FeatureSetVersionLink(props: { id: string }) {
  const found = usePublishedFeatureSetVersions().data?.find((v) => v.id === props.id);
  if (found === undefined) return <ShortUuid id={props.id} />;
  return (
    <Link to={`/feature-sets/${found.featureSetId}/versions/${found.version}`}>
      {found.featureSetName} v{found.version}
    </Link>
  );
}
