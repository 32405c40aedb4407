/**
 * The columns a run reads, by role: features (from the published feature-set version), target,
 * id, date and weight. Every one must be in the dataset; a missing one fails the run with
 * MISSING_COLUMN naming the feature and the column.
 */
import type { RunManifest } from '@talaty/schemas';
import { RunFailure } from './failure.ts';

export interface ColumnRoles {
  readonly target: string;
  readonly id: string | null;
  readonly date: string | null;
  readonly weight: string | null;
}

export function columnRoles(manifest: RunManifest): ColumnRoles {
  const fsv = manifest.feature_set_version;
  const split = manifest.run_spec.split_policy;
  return {
    target: fsv.target.column,
    id: fsv.id_column,
    date: split.method === 'time' ? (split.date_column ?? fsv.date_column) : null,
    weight: fsv.weight_column,
  };
}

/** Columns read as text whatever they hold: categorical features, target, id and date. */
export function textColumns(manifest: RunManifest): Set<string> {
  const roles = columnRoles(manifest);
  const text = manifest.feature_set_version.features
    .filter((f) => f.kind === 'categorical')
    .map((f) => f.source_column);
  return new Set([...text, roles.target, ...[roles.id, roles.date].filter((c) => c !== null)]);
}

/** Fails with MISSING_COLUMN when a feature's or a role's column is not among `columns`. */
export function requireColumns(manifest: RunManifest, columns: readonly string[], where: string): void {
  const present = new Set(columns);
  const problems: string[] = [];
  for (const f of manifest.feature_set_version.features) {
    if (!present.has(f.source_column)) {
      problems.push(`feature "${f.name}" reads column "${f.source_column}", which the dataset does not have`);
    }
  }
  const roles = columnRoles(manifest);
  for (const [role, column] of [
    ['target', roles.target],
    ['id', roles.id],
    ['date', roles.date],
    ['weight', roles.weight],
  ] as const) {
    if (column !== null && !present.has(column)) problems.push(`the ${role} column "${column}" is not in the dataset`);
  }
  if (problems.length === 0) return;
  const shown = columns.length > 30 ? `${columns.slice(0, 30).join(', ')}, …` : columns.join(', ');
  throw new RunFailure('MISSING_COLUMN', `${problems.join('; ')} (${where} has columns: ${shown})`);
}
