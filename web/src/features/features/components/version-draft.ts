/**
 * A feature-set version as its editor holds it (role columns and the bad value as typed text), and
 * the translation to the API's content body. Catalog features are copied in whole, so a later
 * catalog edit never changes a version.
 */
import type { Feature, FeatureSetVersion } from '@talaty/schemas';
import type { VersionContent } from '../api/create-feature-set-version.ts';
import { numberLike } from './feature-draft.ts';

export type FeatureDefinition = FeatureSetVersion['features'][number];

export interface VersionDraft {
  features: FeatureDefinition[];
  target_column: string;
  bad_value: string;
  id_column: string;
  date_column: string;
  weight_column: string;
  notes: string;
}

export const emptyVersionDraft: VersionDraft = {
  features: [],
  target_column: '',
  bad_value: '1',
  id_column: '',
  date_column: '',
  weight_column: '',
  notes: '',
};

/** The bad value as the API takes it: a number or true/false when it reads as one, else the text. */
export function badValueOf(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (numberLike.test(trimmed)) return Number(trimmed);
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  return text;
}

const columnOrNull = (text: string) => (text.trim() === '' ? null : text);

export function versionContentOf(draft: VersionDraft): VersionContent {
  return {
    features: draft.features,
    target: { column: draft.target_column, bad_value: badValueOf(draft.bad_value) },
    id_column: columnOrNull(draft.id_column),
    date_column: columnOrNull(draft.date_column),
    weight_column: columnOrNull(draft.weight_column),
    notes: draft.notes,
  };
}

export function versionDraftOf(version: FeatureSetVersion, notes = version.notes): VersionDraft {
  return {
    features: version.features,
    target_column: version.target.column,
    bad_value: String(version.target.bad_value),
    id_column: version.id_column ?? '',
    date_column: version.date_column ?? '',
    weight_column: version.weight_column ?? '',
    notes,
  };
}

/** A catalog feature as pinned in a version, remembering where it came from. */
export function definitionOf(feature: Feature): FeatureDefinition {
  const {
    id,
    created_by: _cb,
    created_at: _ca,
    updated_by: _ub,
    updated_at: _ua,
    row_version: _rv,
    ...definition
  } = feature;
  return { feature_id: id, ...definition } as FeatureDefinition;
}
