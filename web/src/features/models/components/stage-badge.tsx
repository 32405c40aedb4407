/** A model version's lifecycle stage as a badge (the word is always shown). */
import type { ModelVersion } from '@talaty/schemas';
import { StatusBadge } from '../../../components/status-badge.tsx';

export const StageBadge = (props: { stage: ModelVersion['stage'] }) => (
  <StatusBadge status={props.stage === 'none' ? 'REGISTERED' : props.stage.toUpperCase()} />
);
