/**
 * What changed between two feature-set versions: features added, removed and changed (matched by
 * name, field by field, including their position), and the target and role columns side by side.
 */
import type { FeatureSetVersion } from '@talaty/schemas';
import { missingPolicyText } from './feature-draft.ts';
import { monotoneWord } from './monotone.tsx';
import type { FeatureDefinition } from './version-draft.ts';

export interface FieldChange {
  readonly field: string;
  readonly a: string;
  readonly b: string;
}

export interface SettingRow extends FieldChange {
  readonly changed: boolean;
}

export interface FeatureChange {
  readonly name: string;
  readonly fields: readonly FieldChange[];
}

export interface VersionDiff {
  readonly settings: readonly SettingRow[];
  readonly added: readonly FeatureDefinition[];
  readonly removed: readonly FeatureDefinition[];
  readonly changed: readonly FeatureChange[];
  readonly unchanged: readonly string[];
}

const featureFields: ReadonlyArray<[string, (f: FeatureDefinition) => string]> = [
  ['Source column', (f) => f.source_column],
  ['Kind', (f) => f.kind],
  ['Monotone', (f) => monotoneWord(f.monotone)],
  ['Missing values', (f) => missingPolicyText(f.missing_policy)],
  ['Special values', (f) => (f.special_values.length === 0 ? '—' : f.special_values.join(', '))],
  ['Description', (f) => f.description],
  ['Rationale', (f) => f.rationale],
];

const column = (value: string | null) => value ?? '—';

const settingFields: ReadonlyArray<[string, (v: FeatureSetVersion) => string]> = [
  ['Target column', (v) => v.target.column],
  ['Bad value', (v) => JSON.stringify(v.target.bad_value)],
  ['ID column', (v) => column(v.id_column)],
  ['Date column', (v) => column(v.date_column)],
  ['Weight column', (v) => column(v.weight_column)],
  ['Number of features', (v) => String(v.features.length)],
  ['Notes', (v) => v.notes],
];

export function diffVersions(a: FeatureSetVersion, b: FeatureSetVersion): VersionDiff {
  const settings = settingFields.map(([field, read]) => {
    const [va, vb] = [read(a), read(b)];
    return { field, a: va, b: vb, changed: va !== vb };
  });
  const namesA = new Set(a.features.map((f) => f.name));
  const namesB = new Set(b.features.map((f) => f.name));
  const added = b.features.filter((f) => !namesA.has(f.name));
  const removed = a.features.filter((f) => !namesB.has(f.name));
  // Positions among the features both versions hold, so an addition does not move everything after it.
  const inA = new Map(a.features.filter((f) => namesB.has(f.name)).map((f, i) => [f.name, { f, i }]));
  const kept = b.features.filter((f) => namesA.has(f.name));
  const changed: FeatureChange[] = [];
  const unchanged: string[] = [];
  kept.forEach((fb, ib) => {
    const old = inA.get(fb.name);
    if (old === undefined) return;
    const fields: FieldChange[] = featureFields
      .map(([field, read]) => ({ field, a: read(old.f), b: read(fb) }))
      .filter((c) => c.a !== c.b);
    if (old.i !== ib) {
      fields.push({
        field: 'Position',
        a: String(a.features.indexOf(old.f) + 1),
        b: String(b.features.indexOf(fb) + 1),
      });
    }
    if (fields.length === 0) unchanged.push(fb.name);
    else changed.push({ name: fb.name, fields });
  });
  return { settings, added, removed, changed, unchanged };
}
