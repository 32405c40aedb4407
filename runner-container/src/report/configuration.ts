/**
 * What the run was configured with, from the manifest: model parameters, split, evaluation and
 * artifact policies, the target and role columns, and the feature list.
 */
import type { FeatureImportance, RunManifest } from '@talaty/schemas';
import { esc, num, percent, plain } from './format.ts';
import { code, facts, table } from './table.ts';

type Spec = RunManifest['run_spec'];

export function modelParameters(spec: Spec): string {
  const rows = Object.entries(spec.model_params).map(([key, value]) => [code(key), esc(plain(value))]);
  return table(`Model parameters (family ${spec.model_family})`, ['Parameter', 'Value'], rows);
}

export function splitPolicy(manifest: RunManifest): string {
  const split = manifest.run_spec.split_policy;
  const fractions = split.method === 'random' ? split.fractions : split.in_time;
  const shares = `train ${percent(fractions.train, 1)}, validation ${percent(fractions.valid, 1)}, test ${percent(fractions.test, 1)}`;
  const pairs: Array<readonly [string, string]> = [
    ['Method', esc(split.method === 'random' ? 'random' : 'time-based, with an out-of-time sample')],
    [split.method === 'random' ? 'Fractions' : 'In-time fractions', esc(shares)],
    ['Stratified by target', esc(split.stratify ? 'yes' : 'no')],
    ['Seed', esc(split.seed)],
  ];
  if (split.method === 'time') {
    const column = split.date_column ?? manifest.feature_set_version.date_column;
    pairs.push(
      ['Date column', `${code(column ?? '—')}${split.date_column === null ? ' (the feature set’s)' : ''}`],
      ['Out-of-time from', esc(split.oot_start)],
      ['Out-of-time until', esc(split.oot_end ?? 'no end (all later rows)')],
    );
  }
  return facts(pairs);
}

export function policies(spec: Spec): string {
  const ev = spec.evaluation_policy;
  const art = spec.artifact_policy;
  const scaling = art.score_scaling;
  return facts([
    ['Headline metrics', esc(ev.metrics.join(', '))],
    ['PSI bins', esc(ev.psi_bins)],
    ['Gates', esc(ev.gates.length === 0 ? 'none' : `${ev.gates.length} (results above)`)],
    ['Keep predictions', esc(art.predictions ? 'yes' : 'no')],
    ['Keep explanations', esc(art.explanations)],
    [
      'Score scaling',
      esc(
        scaling === null
          ? 'none (probabilities only)'
          : `${scaling.base_score} points at odds ${scaling.base_odds}:1, ${scaling.pdo} points to double the odds`,
      ),
    ],
  ]);
}

export function dataRoles(manifest: RunManifest): string {
  const fsv = manifest.feature_set_version;
  const roles: Array<readonly [string, string]> = [
    ['Target column', `${code(fsv.target.column)}, bad when ${code(plain(fsv.target.bad_value))}`],
    ['Id column', fsv.id_column === null ? '—' : code(fsv.id_column)],
    ['Date column', fsv.date_column === null ? '—' : code(fsv.date_column)],
    ['Weight column', fsv.weight_column === null ? 'none (unweighted)' : code(fsv.weight_column)],
    ['Feature-set notes', esc(fsv.notes || '—')],
  ];
  return facts(roles);
}

const MONOTONE: Record<number, string> = { [-1]: '−1 (non-increasing)', 0: '0 (none)', 1: '+1 (non-decreasing)' };

function missing(policy: { strategy: string; value?: unknown }): string {
  return policy.strategy === 'fill' ? `fill with ${plain(policy.value)}` : policy.strategy;
}

/** Every feature in model order, with its importance when the run measured it. */
export function featureTable(manifest: RunManifest, importance: ReadonlyArray<FeatureImportance> | null): string {
  const byName = new Map((importance ?? []).map((f) => [f.feature, f]));
  const rows = manifest.feature_set_version.features.map((f) => {
    const imp = byName.get(f.name);
    return [
      code(f.name),
      code(f.source_column),
      esc(f.kind),
      esc(MONOTONE[f.monotone] ?? String(f.monotone)),
      esc(missing(f.missing_policy)),
      esc(f.special_values.length === 0 ? '—' : f.special_values.map(plain).join(', ')),
      esc(imp === undefined ? '—' : num(imp.gain, 2)),
      esc(imp === undefined ? '—' : imp.splits),
      esc(f.description || '—'),
      esc(f.rationale || '—'),
    ];
  });
  return table(
    `Features in model order (${rows.length})`,
    [
      'Name',
      'Source column',
      'Kind',
      'Monotone',
      'Missing values',
      'Special values',
      { header: 'Gain', numeric: true },
      { header: 'Splits', numeric: true },
      'Description',
      'Rationale',
    ],
    rows,
  );
}
