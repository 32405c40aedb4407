/**
 * The feature form's state as the user types it (text everywhere), and its translation to and
 * from the API's feature body. Values the API would refuse are passed on as typed, so the API's
 * message appears next to the field.
 */
import type { Feature } from '@talaty/schemas';
import type { FeatureInput } from '../api/create-feature.ts';
import type { Direction } from './monotone.tsx';

export type Kind = 'numeric' | 'categorical';
export type Strategy = 'learn' | 'fill' | 'reject';

export interface FeatureDraft {
  name: string;
  source_column: string;
  kind: Kind;
  monotone: Direction;
  strategy: Strategy;
  fill_value: string;
  special_values: string;
  description: string;
  rationale: string;
}

export const emptyFeatureDraft: FeatureDraft = {
  name: '',
  source_column: '',
  kind: 'numeric',
  monotone: 0,
  strategy: 'learn',
  fill_value: '',
  special_values: '',
  description: '',
  rationale: '',
};

/** Text that reads as a number (surrounding spaces allowed): the forms send it as one. */
export const numberLike = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/** A number when the text reads as one (for numeric features), else the text itself. */
const typedValue = (text: string, kind: Kind): number | string =>
  kind === 'numeric' && numberLike.test(text) ? Number(text) : text.trim();

export const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function featureInputOf(draft: FeatureDraft): FeatureInput {
  const missing_policy =
    draft.strategy === 'fill'
      ? { strategy: 'fill', value: typedValue(draft.fill_value, draft.kind) }
      : { strategy: draft.strategy };
  return {
    name: draft.name.trim(),
    source_column: draft.source_column,
    kind: draft.kind,
    monotone: draft.kind === 'numeric' ? draft.monotone : 0,
    missing_policy,
    special_values: splitList(draft.special_values).map((v) => typedValue(v, draft.kind)),
    description: draft.description,
    rationale: draft.rationale,
  } as FeatureInput;
}

export function featureDraftOf(feature: Feature): FeatureDraft {
  const policy = feature.missing_policy;
  return {
    name: feature.name,
    source_column: feature.source_column,
    kind: feature.kind,
    monotone: feature.monotone,
    strategy: policy.strategy,
    fill_value: policy.strategy === 'fill' ? String(policy.value) : '',
    special_values: feature.special_values.join(', '),
    description: feature.description,
    rationale: feature.rationale,
  };
}

/** The fields of `next` that differ from `current`: what a PATCH needs to send. */
export function changedFields(current: FeatureInput, next: FeatureInput): Partial<FeatureInput> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify((current as Record<string, unknown>)[key])) changes[key] = value;
  }
  return changes as Partial<FeatureInput>;
}

export function missingPolicyText(policy: Feature['missing_policy']): string {
  if (policy.strategy === 'fill') return `Fill with ${JSON.stringify(policy.value)}`;
  return policy.strategy === 'learn' ? 'Learn' : 'Reject';
}
