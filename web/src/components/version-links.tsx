/**
 * Links to a dataset version or a feature-set version known by its uuid (what a run spec or a model
 * version pins), named `dataset v3`; the short uuid until the name is known (or if it cannot be).
 */
import { Link } from 'react-router';
import {
  type PinnedVersion,
  usePinnedDatasetVersion,
  usePinnedFeatureSetVersion,
} from '../lib/queries/get-version-by-id.ts';
import { ShortUuid } from './short-uuid.tsx';

function PinnedLink(props: { id: string; found: PinnedVersion | undefined }) {
  const { found } = props;
  if (found === undefined) return <ShortUuid id={props.id} />;
  return (
    <Link to={found.href}>
      {found.parentName} v{found.version}
    </Link>
  );
}

export function DatasetVersionLink(props: { id: string }) {
  return <PinnedLink id={props.id} found={usePinnedDatasetVersion(props.id).data} />;
}

export function FeatureSetVersionLink(props: { id: string }) {
  return <PinnedLink id={props.id} found={usePinnedFeatureSetVersion(props.id).data} />;
}
