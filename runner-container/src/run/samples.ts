/**
 * From the dataset table to the engine's samples: the outcome (rows with a missing target left
 * out), the split, the features materialized from the feature-set version (categories learned on
 * the training rows only), each sample's encoded columns, outcomes and weights.
 */
import type { ArtifactFeature, RunManifest } from '@talaty/schemas';
import { type Column, cellText, columnNamed, selectRows, type Table } from '../data/table.ts';
import type { Sample } from '../engine/booster.ts';
import { encodeFeatures } from '../predict/encode.ts';
import { artifactFeatures } from '../prepare/features.ts';
import { targetVector, weightVector } from '../prepare/target.ts';
import { columnRoles } from './columns.ts';
import { RunFailure } from './failure.ts';
import type { RunLog } from './log.ts';
import { dayOf, OOT, SAMPLES, type SampleName, sampleRows, splitRows, TRAIN } from './split.ts';

export interface RunSample extends Sample {
  readonly name: SampleName;
  /** The sample's rows in the dataset (0-based data rows), ascending. */
  readonly rows: Int32Array;
}

export interface PreparedSamples {
  readonly features: ArtifactFeature[];
  /** Indexed by TRAIN, VALID, TEST, OOT; null when the split policy keeps no such sample. */
  readonly samples: ReadonlyArray<RunSample | null>;
  /** The id column, carried into row-level outputs. */
  readonly ids: Column | null;
}

const column = (table: Table, name: string) => columnNamed(table, name) as Column;

/** 1 bad, 0 good, NaN when the target cell is missing (such rows are in no sample). */
export function outcomes(table: Table, target: RunManifest['feature_set_version']['target']): Float64Array {
  const c = column(table, target.column);
  const present: number[] = [];
  for (let r = 0; r < table.rows; r++) if (cellText(c, r) !== null) present.push(r);
  const y = new Float64Array(table.rows).fill(Number.NaN);
  if (present.length === 0) {
    throw new RunFailure('CONSTANT_TARGET', `the target "${target.column}" is missing on every row`);
  }
  const known = targetVector(selectRows({ rows: table.rows, columns: [c] }, present), c.name, target.bad_value, 'data');
  present.forEach((r, i) => {
    y[r] = known[i] as number;
  });
  const bads = known.reduce((a, b) => a + b, 0);
  if (bads === 0 || bads === present.length) {
    const values = [...new Set(present.slice(0, 100_000).map((r) => cellText(c, r)))].slice(0, 5);
    const seen = values.map((v) => JSON.stringify(v)).join(', ');
    throw new RunFailure(
      'CONSTANT_TARGET',
      bads === 0
        ? `no row's target "${target.column}" equals the bad value ${JSON.stringify(target.bad_value)} (values: ${seen}); a model needs both outcomes`
        : `every row's target "${target.column}" is the bad value ${JSON.stringify(target.bad_value)}; a model needs both outcomes`,
    );
  }
  return y;
}

/** Each row's calendar day; INVALID_DATA when a row that has an outcome has no readable date. */
function days(table: Table, name: string, y: Float64Array): Array<string | null> {
  const c = column(table, name);
  const out: Array<string | null> = [];
  const missing: number[] = [];
  const unreadable: number[] = [];
  for (let r = 0; r < table.rows; r++) {
    const text = cellText(c, r);
    const day = dayOf(text);
    out.push(day);
    if (day === null && !Number.isNaN(y[r] as number)) (text === null ? missing : unreadable).push(r);
  }
  if (missing.length + unreadable.length > 0) {
    const rows = (list: number[]) =>
      list
        .slice(0, 5)
        .map((r) => r + 1)
        .join(', ') + (list.length > 5 ? ', …' : '');
    const parts = [
      missing.length > 0 ? `missing on ${missing.length} rows (data rows ${rows(missing)})` : '',
      unreadable.length > 0
        ? `not a date on ${unreadable.length} rows (data row ${(unreadable[0] as number) + 1}: ${JSON.stringify(cellText(c, unreadable[0] as number))})`
        : '',
    ].filter((p) => p !== '');
    throw new RunFailure(
      'INVALID_DATA',
      `the date column "${name}" is ${parts.join(' and ')}; a time split needs a date (YYYY-MM-DD, an ISO date-time or YYYYMMDD) on every row`,
    );
  }
  return out;
}

function gather(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i] as number] as number;
  return out;
}

export function prepareSamples(manifest: RunManifest, table: Table, log: RunLog): PreparedSamples {
  const { split_policy: policy, model_params: params } = manifest.run_spec;
  const roles = columnRoles(manifest);
  const y = outcomes(table, manifest.feature_set_version.target);
  const split = splitRows(policy, y, roles.date === null ? null : days(table, roles.date, y));
  const rows = sampleRows(split.assignment);
  const counts = Object.fromEntries(SAMPLES.map((name, s) => [name, (rows[s] as Int32Array).length]));
  log.info('split the rows', {
    method: policy.method,
    ...counts,
    missing_target: split.missingTarget,
    after_oot_end: split.afterOotEnd,
  });
  if (split.missingTarget > 0) log.warn(`left out ${split.missingTarget} rows whose target is missing`);
  if (split.afterOotEnd > 0 && policy.method === 'time') {
    log.warn(`left out ${split.afterOotEnd} rows dated after oot_end ${policy.oot_end}`);
  }

  const fractions = policy.method === 'random' ? policy.fractions : policy.in_time;
  const inTime = y.length - split.missingTarget - split.afterOotEnd - (rows[OOT] as Int32Array).length;
  const wanted = [true, fractions.valid > 0, fractions.test > 0, policy.method === 'time'];
  SAMPLES.forEach((name, s) => {
    if (wanted[s] && (rows[s] as Int32Array).length === 0) {
      const why =
        name === 'oot' && policy.method === 'time'
          ? `no row is dated on or after oot_start ${policy.oot_start}${policy.oot_end === null ? '' : ` and up to oot_end ${policy.oot_end}`}`
          : `its fraction gives it no row of the ${inTime} ${policy.method === 'time' ? 'in-time ' : ''}rows`;
      throw new RunFailure('EMPTY_SAMPLE', `the ${name} sample is empty: ${why}`);
    }
  });
  const trainRows = rows[TRAIN] as Int32Array;
  const trainBads = trainRows.reduce((n, r) => n + (y[r] as number), 0);
  if (trainBads === 0 || trainBads === trainRows.length) {
    throw new RunFailure(
      'CONSTANT_TARGET',
      `every one of the ${trainRows.length} training rows is ${trainBads === 0 ? 'good' : 'bad'}; a model needs both outcomes in training`,
    );
  }

  // Categories come from the training rows only, so valid, test and oot stay unseen.
  const definitions = manifest.feature_set_version.features;
  const trainCategorical = selectRows(
    {
      rows: table.rows,
      columns: definitions.filter((d) => d.kind === 'categorical').map((d) => column(table, d.source_column)),
    },
    trainRows,
  );
  const features = definitions.map(
    (d) =>
      artifactFeatures(
        [d],
        d.kind === 'categorical' ? trainCategorical : table,
        params.max_cat_categories,
      )[0] as ArtifactFeature,
  );
  const encoded = encodeFeatures(features, table);
  const weights = roles.weight === null ? null : weightVector(table, roles.weight, 'data');

  const samples = SAMPLES.map((name, s): RunSample | null => {
    const sampleRowsOf = rows[s] as Int32Array;
    if (!wanted[s]) return null;
    return {
      name,
      rows: sampleRowsOf,
      columns: encoded.map((values) => gather(values, sampleRowsOf)),
      y: gather(y, sampleRowsOf),
      weights: weights === null ? null : gather(weights, sampleRowsOf),
    };
  });
  return { features, samples, ids: roles.id === null ? null : column(table, roles.id) };
}
