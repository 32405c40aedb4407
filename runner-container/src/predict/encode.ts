/**
 * Turns table columns into model inputs exactly as training saw them: one Float64Array per
 * feature, numeric values as they are, categorical values as the index of their category, and
 * NaN for missing (empty cells, special values, unknown or rare categories) unless the feature's
 * missing policy fills or rejects them.
 */
import type { ArtifactFeature } from '@talaty/schemas';
import { type Column, cellText, columnNamed, type Table } from '../data/table.ts';

export class InputError extends Error {
  override readonly name = 'InputError';
}

function numericColumn(feature: ArtifactFeature & { kind: 'numeric' }, column: Column): Float64Array {
  let source: Float64Array;
  if (column.kind === 'number') {
    source = column.values;
  } else {
    source = new Float64Array(column.values.length);
    column.values.forEach((text, row) => {
      const v = text === null ? Number.NaN : Number(text);
      if (text !== null && (text.trim() === '' || Number.isNaN(v))) {
        throw new InputError(
          `column "${column.name}" (numeric feature "${feature.name}") holds "${text}" at data row ${row + 1}, which is not a number`,
        );
      }
      source[row] = v;
    });
  }
  const specials = new Set(feature.special_values);
  const policy = feature.missing_policy;
  if (specials.size === 0 && policy.strategy === 'learn') return source;
  const out = new Float64Array(source.length);
  for (let row = 0; row < source.length; row++) {
    let v = source[row] as number;
    if (specials.has(v)) v = Number.NaN;
    if (Number.isNaN(v)) {
      if (policy.strategy === 'fill') v = policy.value;
      else if (policy.strategy === 'reject') {
        throw new InputError(
          `feature "${feature.name}" is missing at data row ${row + 1} and its missing policy is reject`,
        );
      }
    }
    out[row] = v;
  }
  return out;
}

function categoricalColumn(feature: ArtifactFeature & { kind: 'categorical' }, column: Column): Float64Array {
  const index = new Map(feature.categories.map((c, i) => [c, i]));
  const specials = new Set(feature.special_values);
  const policy = feature.missing_policy;
  const out = new Float64Array(column.values.length);
  for (let row = 0; row < out.length; row++) {
    let text = cellText(column, row);
    if (text !== null && specials.has(text)) text = null;
    if (text === null) {
      if (policy.strategy === 'fill') text = policy.value;
      else if (policy.strategy === 'reject') {
        throw new InputError(
          `feature "${feature.name}" is missing at data row ${row + 1} and its missing policy is reject`,
        );
      }
    }
    out[row] = text === null ? Number.NaN : (index.get(text) ?? Number.NaN);
  }
  return out;
}

/** One column per feature, in the order of `features`; throws InputError for a missing column. */
export function encodeFeatures(features: readonly ArtifactFeature[], table: Table): Float64Array[] {
  return features.map((feature) => {
    const column = columnNamed(table, feature.source_column);
    if (column === undefined) {
      throw new InputError(`column "${feature.source_column}" (feature "${feature.name}") is not in the data`);
    }
    return feature.kind === 'numeric' ? numericColumn(feature, column) : categoricalColumn(feature, column);
  });
}
