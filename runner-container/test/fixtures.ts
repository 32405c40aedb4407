/**
 * Small synthetic credit data for tests: numeric features with missing values and a sentinel,
 * a categorical feature, a known risk function, and a 0/1 outcome drawn from it.
 */
import { writeFileSync } from 'node:fs';
import type { ArtifactFeature } from '@talaty/schemas';
import type { Table } from '../src/data/table.ts';
import { Random } from '../src/engine/random.ts';

export const REGIONS = ['north', 'south', 'east', 'west', 'centre'];
const REGION_RISK: Record<string, number> = { north: -0.6, south: 0.8, east: 0, west: 0.3, centre: -0.2 };

export interface CreditData {
  readonly table: Table;
  /** True log-odds of bad per row. */
  readonly logit: Float64Array;
}

/** Risk rises with utilization, falls with income (missing 10%), U-shape in age, a region effect. */
export function creditData(rows: number, seed: number): CreditData {
  const r = new Random(seed);
  const utilization = new Float64Array(rows);
  const income = new Float64Array(rows);
  const age = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const region: Array<string | null> = [];
  const bad = new Float64Array(rows);
  const logit = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    utilization[i] = Math.round(r.next() * 1200) / 1000;
    income[i] = r.next() < 0.1 ? Number.NaN : Math.round(20 + r.next() * 180);
    age[i] = Math.round(18 + r.next() * 60);
    noise[i] = r.next();
    const reg = r.next() < 0.05 ? null : (REGIONS[Math.floor(r.next() * REGIONS.length)] as string);
    region.push(reg);
    const z =
      -1.5 +
      2.2 * (utilization[i] as number) -
      (Number.isNaN(income[i] as number) ? -0.4 : 0.012 * ((income[i] as number) - 100)) +
      0.002 * ((age[i] as number) - 45) ** 2 +
      (reg === null ? 0.5 : (REGION_RISK[reg] as number));
    logit[i] = z;
    bad[i] = r.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const table: Table = {
    rows,
    columns: [
      { kind: 'number', name: 'utilization', values: utilization },
      { kind: 'number', name: 'income', values: income },
      { kind: 'number', name: 'age', values: age },
      { kind: 'number', name: 'noise', values: noise },
      { kind: 'string', name: 'region', values: region },
      { kind: 'number', name: 'bad', values: bad },
    ],
  };
  return { table, logit };
}

export function numericFeature(name: string, monotone: -1 | 0 | 1 = 0): ArtifactFeature {
  return {
    name,
    source_column: name,
    kind: 'numeric',
    missing_policy: { strategy: 'learn' },
    special_values: [],
    monotone,
  };
}

export function writeCsv(path: string, table: Table, options: { crlf?: boolean } = {}): void {
  const eol = options.crlf ? '\r\n' : '\n';
  const lines = [table.columns.map((c) => c.name).join(',')];
  for (let i = 0; i < table.rows; i++) {
    lines.push(
      table.columns
        .map((c) => {
          const v = c.values[i];
          if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
          return String(v);
        })
        .join(','),
    );
  }
  writeFileSync(path, lines.join(eol) + eol);
}

import { documents, type ModelParams } from '@talaty/schemas';
import { type Sample, train } from '../src/engine/booster.ts';
import type { Handout } from '../src/engine/parallel.ts';
import { encodeFeatures } from '../src/predict/encode.ts';
import { artifactFeatures, inferFeatures } from '../src/prepare/features.ts';
import { targetVector } from '../src/prepare/target.ts';

export function paramsWith(overrides: Partial<ModelParams>): ModelParams {
  return documents.ModelParams.parse({
    n_trees: 30,
    learning_rate: 0.2,
    max_depth: 4,
    early_stopping_rounds: 0,
    ...overrides,
  });
}

/** Features inferred from the table (region categorical), encoded, with the `bad` target. */
export function prepared(table: Table, params: ModelParams, features?: ArtifactFeature[]) {
  const f = features ?? artifactFeatures(inferFeatures(table, new Set(['bad'])), table, params.max_cat_categories);
  const sample: Sample = {
    columns: encodeFeatures(f, table),
    y: targetVector(table, 'bad', 1, 'train'),
    weights: null,
  };
  return { features: f, sample };
}

export async function trainOn(
  table: Table,
  params: ModelParams,
  options: {
    threads?: number;
    valid?: Table;
    features?: ArtifactFeature[];
    histogramChannels?: 2 | 3;
    handout?: Handout;
  } = {},
) {
  const { features, sample } = prepared(table, params, options.features);
  const valid = options.valid === undefined ? null : prepared(options.valid, params, features).sample;
  const { artifact } = await train({
    features,
    target: { column: 'bad', bad_value: 1 },
    params,
    threads: options.threads ?? 1,
    train: sample,
    valid,
    scoreScaling: null,
    runnerVersion: 'test',
    datasetSha256: null,
    ...(options.histogramChannels === undefined ? {} : { histogramChannels: options.histogramChannels }),
    ...(options.handout === undefined ? {} : { handout: options.handout }),
  });
  return { artifact, features, sample };
}

/** Hand-out thresholds low enough that training even small test data uses the worker threads. */
export const EAGER_HANDOUT: Handout = { minCells: 4096, minRows: 1024 };
