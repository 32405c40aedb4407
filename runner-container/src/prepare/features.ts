/**
 * The model's features: given by a features file (kinds, monotone directions, missing policies)
 * or inferred from the training table (numeric columns numeric, text columns categorical), with
 * each categorical feature's categories taken from the training data.
 */
import type { ArtifactFeature } from '@talaty/schemas';
import { CategoricalMissingPolicy, FeatureName, MonotoneConstraint, NumericMissingPolicy } from '@talaty/schemas';
import { z } from 'zod';
import type { Table } from '../data/table.ts';
import { topCategories } from '../engine/categories.ts';
import { DataError, requireColumn } from './target.ts';

const learn = { strategy: 'learn' as const };

/** One entry of a features file; source_column defaults to the name. */
export const FeatureSpec = z.discriminatedUnion('kind', [
  z.strictObject({
    name: FeatureName,
    source_column: z.string().min(1).optional(),
    kind: z.literal('numeric'),
    monotone: MonotoneConstraint.default(0),
    missing_policy: NumericMissingPolicy.default(learn),
    special_values: z.array(z.number()).default([]),
  }),
  z.strictObject({
    name: FeatureName,
    source_column: z.string().min(1).optional(),
    kind: z.literal('categorical'),
    monotone: z.literal(0).default(0),
    missing_policy: CategoricalMissingPolicy.default(learn),
    special_values: z.array(z.string()).default([]),
  }),
]);
export type FeatureSpec = z.output<typeof FeatureSpec>;

export const FeaturesFile = z.union([
  z.array(FeatureSpec).min(1),
  z.strictObject({ features: z.array(FeatureSpec).min(1) }).transform((f) => f.features),
]);

/** Every column but the excluded ones: numeric columns numeric, text columns categorical. */
export function inferFeatures(table: Table, excluded: ReadonlySet<string>): FeatureSpec[] {
  const specs: FeatureSpec[] = [];
  for (const column of table.columns) {
    if (excluded.has(column.name)) continue;
    const name = FeatureName.safeParse(column.name).success
      ? column.name
      : column.name.replace(/[^A-Za-z0-9_.-]/g, '_');
    const base = {
      name: /^[A-Za-z_]/.test(name) ? name : `_${name}`,
      source_column: column.name,
      missing_policy: learn,
    };
    specs.push(
      column.kind === 'number'
        ? { ...base, kind: 'numeric', monotone: 0, special_values: [] }
        : { ...base, kind: 'categorical', monotone: 0, special_values: [] },
    );
  }
  if (specs.length === 0)
    throw new DataError('no feature columns are left after the target, weight and dropped columns');
  return specs;
}

export function artifactFeatures(
  specs: readonly FeatureSpec[],
  table: Table,
  maxCategories: number,
): ArtifactFeature[] {
  const names = new Set<string>();
  return specs.map((spec) => {
    if (names.has(spec.name)) throw new DataError(`feature "${spec.name}" is defined twice`);
    names.add(spec.name);
    const source = spec.source_column ?? spec.name;
    const column = requireColumn(table, source, `feature "${spec.name}"`);
    if (spec.kind === 'numeric') {
      return {
        name: spec.name,
        source_column: source,
        kind: 'numeric',
        missing_policy: spec.missing_policy,
        special_values: spec.special_values,
        monotone: spec.monotone,
      };
    }
    const fill = spec.missing_policy.strategy === 'fill' ? spec.missing_policy.value : null;
    return {
      name: spec.name,
      source_column: source,
      kind: 'categorical',
      missing_policy: spec.missing_policy,
      special_values: spec.special_values,
      categories: topCategories(column, spec.special_values, fill, maxCategories),
    };
  });
}
