/** Run specs side by side: every parameter as a dotted path, and which ones differ between runs. */
import type { RunSpec } from '@talaty/schemas';
import { flatten as settingLeaves } from '../../components/settings-table.tsx';

export interface ParameterRow {
  readonly path: string;
  /** One value per run, in the runs' order; '—' when a spec lacks it or is not loaded. */
  readonly values: readonly string[];
  readonly differs: boolean;
}

const SHOWN: ReadonlyArray<keyof RunSpec> = [
  'name',
  'model_name',
  'dataset_version_id',
  'feature_set_version_id',
  'model_family',
  'model_params',
  'split_policy',
  'evaluation_policy',
  'artifact_policy',
];

const show = (value: unknown): string =>
  value === null ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);

/** Leaves of an object as `a.b.c` → value; arrays (gates, metric lists) stay whole. */
export const flatten = (value: unknown): Map<string, string> =>
  new Map(settingLeaves(value).map(([path, leaf]) => [path, show(leaf)]));

export function parameterRows(specs: ReadonlyArray<RunSpec | undefined>): ParameterRow[] {
  const flat = specs.map((spec) => {
    if (spec === undefined) return new Map<string, string>();
    const picked = Object.fromEntries(SHOWN.map((key) => [key, spec[key]]));
    return flatten(picked);
  });
  const paths = new Set(flat.flatMap((map) => [...map.keys()]));
  return [...paths].map((path) => {
    const values = flat.map((map) => map.get(path) ?? '—');
    return { path, values, differs: new Set(values).size > 1 };
  });
}

/** `?ids=a,b,c` → distinct ids in order. */
export const parseIds = (param: string | null): string[] => [
  ...new Set(
    (param ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  ),
];
