/**
 * talaty-runner run --spec on real files: the German credit data, a small feature set with a
 * monotone feature, random and time splits, gates, and the failure paths with their result.json.
 * Runs in-process (runCommand, the function `run` calls), its log lines captured.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { documents, type ModelArtifact, type RunResult } from '@talaty/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { main } from '../src/cli/main.ts';
import { compileModel, encodeFeatures, predictRaw } from '../src/predict/index.ts';
import { runCommand } from '../src/run/command.ts';
import {
  GERMAN_CSV,
  GERMAN_FEATURES,
  GERMAN_PARQUET,
  GERMAN_SHA256,
  germanManifest,
  type ManifestOptions,
  RUN_ID,
  writeDatedGerman,
} from './fixtures/run/german-credit.ts';

let dir: string;
let datedCsv: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaty-run-'));
  datedCsv = join(dir, 'dated.csv');
  writeDatedGerman(datedCsv);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Ran {
  readonly code: number;
  readonly lines: Array<Record<string, unknown>>;
  readonly out: string;
  readonly reports: string;
  result(): Promise<RunResult>;
  json<T>(name: string): Promise<T>;
  csv(name: string): Promise<string[][]>;
}

let runs = 0;

/** Writes the manifest (JSON) into a fresh directory, runs it with --spec, captures its log. */
async function run(options: Omit<ManifestOptions, 'runPrefix' | 'reportPrefix'>, name = 'spec.json'): Promise<Ran> {
  const at = join(dir, `run-${++runs}`);
  const spec = join(at, name);
  const manifest = germanManifest({ ...options, runPrefix: 'out/runs/r/', reportPrefix: 'out/reports/r/' });
  await mkdir(at, { recursive: true });
  await writeFile(spec, JSON.stringify(manifest));
  const text: string[] = [];
  const code = await runCommand(['--spec', spec], { sink: (line) => text.push(line) });
  const out = join(at, 'out/runs/r');
  return {
    code,
    lines: text.map((line) => JSON.parse(line) as Record<string, unknown>),
    out,
    reports: join(at, 'out/reports/r'),
    result: async () => documents.RunResult.parse(JSON.parse(await readFile(join(out, 'result.json'), 'utf8'))),
    json: async (file) => JSON.parse(await readFile(join(out, file), 'utf8')),
    csv: async (file) =>
      gunzipSync(await readFile(join(out, file)))
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .map((l) => l.split(',')),
  };
}

const column = (rows: string[][], name: string) => {
  const k = (rows[0] as string[]).indexOf(name);
  if (k < 0) throw new Error(`no column ${name}`);
  return rows.slice(1).map((r) => r[k] as string);
};

describe('run --spec, random split', () => {
  let ran: Ran;
  beforeAll(async () => {
    ran = await run({
      uri: GERMAN_CSV,
      gates: [
        { metric: 'gini', split: 'test', min: 0.2 },
        { metric: 'psi', split: 'test', max: 0.5 },
      ],
    });
  });

  it('succeeds with the gates passed and a result that lists what it wrote', async () => {
    expect(ran.code).toBe(0);
    const result = await ran.result();
    expect(result.outcome).toBe('succeeded');
    if (result.outcome !== 'succeeded') return;
    expect(result.gate_outcome).toBe('passed');
    expect(result.gates.map((g) => g.passed)).toEqual([true, true]);
    expect(result.run_id).toBe(RUN_ID);
    expect(result.runner_digest).toBeNull(); // from source, not the bundle
    for (const name of ['model', 'metrics', 'result', 'report', 'predictions', 'explanations'] as const) {
      expect(existsSync(result.artifacts[name] as string), name).toBe(true);
    }
    expect(result.artifacts.logs).toBe(join(ran.out, 'logs/'));
    expect(result.artifacts.report).toBe(join(ran.reports, 'report.html'));
    expect(Object.keys(result.timings)).toEqual(
      expect.arrayContaining(['manifest', 'load', 'prepare', 'bin', 'train', 'evaluate', 'write', 'total']),
    );
    const metrics = documents.Metrics.parse(await ran.json('metrics.json'));
    expect(result.metrics_summary.test?.gini).toBe(metrics.test?.gini);
    expect(result.best_iteration).toBe(metrics.best_iteration);
    expect(result.gates[0]?.value).toBe(metrics.test?.gini);
    expect(result.gates[1]?.value).toBe(metrics.psi.train_to_test);
  });

  it('splits 600/200/200, stratified: each sample has the data’s 30% bad rate', async () => {
    const metrics = documents.Metrics.parse(await ran.json('metrics.json'));
    expect([metrics.train.n, metrics.valid?.n, metrics.test?.n, metrics.oot]).toEqual([600, 200, 200, null]);
    expect([metrics.train.bad_rate, metrics.valid?.bad_rate, metrics.test?.bad_rate]).toEqual([0.3, 0.3, 0.3]);
    expect(metrics.test?.auc).toBeGreaterThan(0.65);
    expect(metrics.psi.train_to_test).not.toBeNull();
    expect(metrics.psi.train_to_oot).toBeNull();
    expect(metrics.importance.map((i) => i.feature).sort()).toEqual(GERMAN_FEATURES.map((f) => f.name).sort());
  });

  it('writes a model with early stopping, the dataset digest, score scaling and the monotone direction', async () => {
    const model = documents.ModelArtifact.parse(await ran.json('model.json')) as ModelArtifact;
    expect(model.training.dataset_sha256).toBe(GERMAN_SHA256);
    expect(model.training.threads).toBe(1);
    expect(model.best_iteration).toBe(model.trees.length);
    expect(model.trees.length).toBeLessThan(40);
    expect(model.score_scaling).toEqual({ pdo: 20, base_score: 600, base_odds: 50 });
    expect(model.features.map((f) => [f.name, f.source_column, f.kind])).toEqual(
      GERMAN_FEATURES.map((f) => [f.name, f.source_column, f.kind]),
    );
    const duration = model.features[0];
    expect(duration?.kind === 'numeric' && duration.monotone).toBe(1);
    // Predictions never fall as the duration grows, whatever the other inputs.
    const compiled = compileModel(model);
    const grid = Array.from({ length: 73 }, (_, i) => i);
    for (const other of [
      [1000, 25, 'A11', 'A30', 'A61'],
      [8000, 60, 'A14', 'A34', 'A65'],
    ]) {
      const table = {
        rows: grid.length,
        columns: [
          { kind: 'number' as const, name: 'DURATION_MONTHS', values: Float64Array.from(grid) },
          { kind: 'number' as const, name: 'AMOUNT', values: new Float64Array(grid.length).fill(other[0] as number) },
          { kind: 'number' as const, name: 'AGE', values: new Float64Array(grid.length).fill(other[1] as number) },
          ...(['STATUS_ACCOUNT', 'CREDIT_HISTORY', 'BONDS'] as const).map((name, k) => ({
            kind: 'string' as const,
            name,
            values: grid.map(() => other[2 + k] as string),
          })),
        ],
      };
      const raw = predictRaw(compiled, encodeFeatures(model.features, table));
      for (let i = 1; i < raw.length; i++) expect(raw[i]).toBeGreaterThanOrEqual(raw[i - 1] as number);
      expect(raw[72]).toBeGreaterThan(raw[0] as number);
    }
  });

  it('writes predictions for every row (sample, bad, p_bad, points) and explanations of the test rows', async () => {
    const predictions = await ran.csv('predictions.csv.gz');
    expect(predictions[0]).toEqual(['row', 'sample', 'bad', 'p_bad', 'points']);
    expect(predictions.length - 1).toBe(1000);
    const samples = column(predictions, 'sample');
    expect(['train', 'valid', 'test'].map((s) => samples.filter((x) => x === s).length)).toEqual([600, 200, 200]);
    // bad is 1 where CLASSIFICATION is 0 (the bad value).
    const source = (await readFile(GERMAN_CSV, 'utf8')).trimEnd().split('\n').slice(1);
    const rows = column(predictions, 'row').map(Number);
    column(predictions, 'bad').forEach((bad, i) => {
      expect(bad).toBe(source[(rows[i] as number) - 1]?.endsWith(',0') ? '1' : '0');
    });
    const p = column(predictions, 'p_bad').map(Number);
    const points = column(predictions, 'points').map(Number);
    p.forEach((pi, i) => {
      expect(points[i]).toBeCloseTo(600 - (20 / Math.LN2) * (Math.log(50) + Math.log(pi / (1 - pi))), 6);
    });

    const explanations = await ran.csv('explanations.csv.gz');
    expect(explanations[0]).toEqual([
      'row',
      'sample',
      ...GERMAN_FEATURES.map((f) => `shap_${f.name}`),
      'shap_expected',
    ]);
    expect(new Set(column(explanations, 'sample'))).toEqual(new Set(['test']));
    expect(explanations.length - 1).toBe(200);
    // Contributions add up to the row's raw score (log-odds of its p_bad).
    const pOfRow = new Map(rows.map((r, i) => [r, p[i] as number]));
    for (const line of explanations.slice(1, 30)) {
      const sum = line.slice(2).reduce((a, b) => a + Number(b), 0);
      const pi = pOfRow.get(Number(line[0])) as number;
      expect(sum).toBeCloseTo(Math.log(pi / (1 - pi)), 9);
    }
  });

  it('logs JSON lines to its sink and to logs/runner.jsonl, training progress included', async () => {
    for (const line of ran.lines) expect(Object.keys(line).slice(0, 3)).toEqual(['ts', 'level', 'message']);
    const progress = ran.lines.filter((l) => l.message === 'training progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatchObject({ iteration: 10, n_trees: 40 });
    const file = (await readFile(join(ran.out, 'logs/runner.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(file.length).toBeGreaterThan(progress.length);
    expect(file.map((l) => (JSON.parse(l) as { message: string }).message)).toContain('run succeeded');
  });

  it('writes the report', async () => {
    const html = await readFile(join(ran.reports, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(RUN_ID);
  });
});

describe('run --spec, time split', () => {
  const timeSplit = {
    method: 'time',
    date_column: 'application_date',
    oot_start: '2020-07-01',
    oot_end: '2020-12-31',
    in_time: { train: 0.75, valid: 0.25, test: 0 },
    seed: 5,
  };

  it('keeps every row from oot_start to oot_end out of training and early stopping, and gates on oot', async () => {
    const ran = await run({
      uri: datedCsv,
      sha256: null,
      split: timeSplit,
      roles: { id_column: 'app_id' },
      gates: [
        { metric: 'auc', split: 'oot', min: 0.5 },
        { metric: 'gini', split: 'oot', min: 0.99 },
        { metric: 'psi', split: 'oot', max: 1 },
      ],
      artifactPolicy: { predictions: true, explanations: 'test' },
    });
    // Gates failing is still a successful run.
    expect(ran.code).toBe(0);
    const result = await ran.result();
    expect(result.outcome).toBe('succeeded');
    if (result.outcome !== 'succeeded') return;
    expect(result.gate_outcome).toBe('failed');
    expect(result.gates.map((g) => g.passed)).toEqual([true, false, true]);

    const metrics = documents.Metrics.parse(await ran.json('metrics.json'));
    // Row i (0-based) is dated 2019-01-01 + i days: 2020-07-01 is row 547, 2020-12-31 row 730.
    expect(metrics.oot?.n).toBe(184);
    expect(metrics.train.n + (metrics.valid?.n ?? 0)).toBe(547);
    expect(metrics.test).toBeNull();
    expect(metrics.psi.train_to_oot).toBe(result.gates[2]?.value);
    expect(ran.lines.some((l) => l.level === 'warn' && /269 rows dated after oot_end/.test(l.message as string))).toBe(
      true,
    );

    const predictions = await ran.csv('predictions.csv.gz');
    expect(predictions[0]).toEqual(['row', 'app_id', 'sample', 'bad', 'p_bad']);
    expect(predictions.length - 1).toBe(731);
    for (const line of predictions.slice(1)) {
      const row = Number(line[0]);
      expect(line[1]).toBe(`G${String(row).padStart(4, '0')}`);
      expect(row).toBeLessThanOrEqual(731);
      if (row - 1 >= 547) expect(line[2]).toBe('oot');
      else expect(['train', 'valid']).toContain(line[2]);
    }
    const explanations = await ran.csv('explanations.csv.gz');
    expect(new Set(column(explanations, 'sample'))).toEqual(new Set(['oot']));
  });

  it('fails with INVALID_DATA, naming the rows, when a row has no readable date', async () => {
    const csv = join(dir, 'bad-dates.csv');
    writeDatedGerman(csv, (row, date) => (row === 9 ? '' : row === 20 ? '31/01/2019' : date));
    const ran = await run({ uri: csv, sha256: null, split: timeSplit });
    expect(ran.code).toBe(1);
    const result = await ran.result();
    expect(result.failure?.code).toBe('INVALID_DATA');
    expect(result.failure?.message).toContain('"application_date"');
    expect(result.failure?.message).toContain('missing on 1 rows (data rows 10)');
    expect(result.failure?.message).toContain('data row 21: "31/01/2019"');
  });

  it('fails with EMPTY_SAMPLE when no row is dated in the out-of-time window', async () => {
    const ran = await run({
      uri: datedCsv,
      sha256: null,
      split: { ...timeSplit, oot_start: '2030-01-01', oot_end: null },
    });
    expect(ran.code).toBe(1);
    const result = await ran.result();
    expect(result.failure?.code).toBe('EMPTY_SAMPLE');
    expect(result.failure?.message).toMatch(/oot sample is empty: no row is dated on or after oot_start 2030-01-01/);
  });
});

describe('run --spec failures', () => {
  const failure = async (ran: Ran) => {
    expect(ran.code).toBe(1);
    const result = await ran.result();
    expect(result.outcome).toBe('failed');
    expect(result.artifacts.model).toBeNull();
    expect(existsSync(join(ran.out, 'model.json'))).toBe(false);
    expect(result.artifacts.logs).toBe(join(ran.out, 'logs/'));
    const log = await readFile(join(ran.out, 'logs/runner.jsonl'), 'utf8');
    expect(log).toContain(`run failed: ${result.failure?.code}`);
    expect(ran.lines.at(-2)?.level).toBe('error');
    return result.failure as NonNullable<RunResult['failure']>;
  };

  it('MISSING_COLUMN names the feature and the column', async () => {
    const features = [...GERMAN_FEATURES, { ...GERMAN_FEATURES[1], name: 'income', source_column: 'INCOME' }];
    const f = await failure(await run({ uri: GERMAN_CSV, features }));
    expect(f.code).toBe('MISSING_COLUMN');
    expect(f.message).toContain('feature "income" reads column "INCOME", which the dataset does not have');
    expect(f.message).toContain('DURATION_MONTHS');
  });

  it('MISSING_COLUMN from the profiled columns, before reading any byte', async () => {
    const ran = await run({
      uri: join(dir, 'no-such-file.csv'),
      roles: { weight_column: 'W' },
    });
    const manifest = JSON.parse(await readFile(join(ran.out, '../../../spec.json'), 'utf8'));
    expect(manifest.dataset.columns).toBeNull(); // without profiled columns, the missing file is what fails
    expect((await failure(ran)).code).toBe('READ_FAILED');

    const profiled = join(dir, 'profiled.json');
    await writeFile(
      profiled,
      JSON.stringify({
        ...manifest,
        dataset: {
          ...manifest.dataset,
          columns: [
            { name: 'CLASSIFICATION', type: 'integer', missing_count: 0 },
            ...GERMAN_FEATURES.map((f) => ({ name: f.source_column, type: 'string', missing_count: 0 })),
          ],
        },
        outputs: { run_prefix: join(dir, 'profiled/runs/'), report_prefix: join(dir, 'profiled/reports/') },
      }),
    );
    expect(await runCommand(['--manifest', profiled], { sink: () => {} })).toBe(1);
    const result = documents.RunResult.parse(
      JSON.parse(await readFile(join(dir, 'profiled/runs/result.json'), 'utf8')),
    );
    expect(result.failure?.code).toBe('MISSING_COLUMN');
    expect(result.failure?.message).toContain('the weight column "W" is not in the dataset');
    expect(result.failure?.message).toContain('the profiled dataset version has columns');
  });

  it('DIGEST_MISMATCH names both digests', async () => {
    const pinned = 'ab'.repeat(32);
    const f = await failure(await run({ uri: GERMAN_CSV, sha256: pinned }));
    expect(f.code).toBe('DIGEST_MISMATCH');
    expect(f.message).toContain(GERMAN_SHA256);
    expect(f.message).toContain(pinned);
  });

  it('CONSTANT_TARGET when every row has the same outcome', async () => {
    const csv = join(dir, 'all-good.csv');
    const lines = (await readFile(GERMAN_CSV, 'utf8')).trimEnd().split('\n');
    await writeFile(csv, `${[lines[0], ...lines.slice(1).map((l) => l.replace(/,\d$/, ',1'))].join('\n')}\n`);
    const f = await failure(await run({ uri: csv, sha256: null }));
    expect(f.code).toBe('CONSTANT_TARGET');
    expect(f.message).toContain('no row\'s target "CLASSIFICATION" equals the bad value 0 (values: "1")');
  });

  it('INVALID_DATA when a numeric feature reads text', async () => {
    const features = [...GERMAN_FEATURES, { ...GERMAN_FEATURES[1], name: 'purpose', source_column: 'PURPOSE' }];
    const f = await failure(await run({ uri: GERMAN_CSV, features }));
    expect(f.code).toBe('INVALID_DATA');
    expect(f.message).toContain('column "PURPOSE" (numeric feature "purpose") holds "A43" at data row 1');
  });

  it('READ_FAILED for bytes that are not Parquet, naming the file', async () => {
    const notParquet = join(dir, 'not.parquet');
    await writeFile(notParquet, 'BAD,LOAN\n1,2\n');
    const ran = await run({ uri: notParquet, sha256: null });
    expect(ran.code).toBe(1);
    const result = await ran.result();
    expect(result.failure?.code).toBe('READ_FAILED');
    expect(result.failure?.message).toContain(notParquet);
  });
});

describe('run --spec on Parquet', () => {
  it('trains on the German credit Parquet file exactly as on its CSV: the same model and metrics', async () => {
    const [fromCsv, fromParquet] = await Promise.all([
      run({ uri: GERMAN_CSV }),
      run({ uri: GERMAN_PARQUET, sha256: null }),
    ]);
    expect([fromCsv.code, fromParquet.code]).toEqual([0, 0]);
    const read = fromParquet.lines.find((l) => l.message === 'read the dataset');
    expect(read).toMatchObject({ rows: 1000, columns: 21 });
    const [csvMetrics, parquetMetrics] = await Promise.all([
      fromCsv.json<Record<string, unknown>>('metrics.json'),
      fromParquet.json<Record<string, unknown>>('metrics.json'),
    ]);
    // Everything but how long each step took.
    expect({ ...parquetMetrics, timings: null }).toEqual({ ...csvMetrics, timings: null });
    const [csvModel, parquetModel] = await Promise.all([
      fromCsv.json<ModelArtifact>('model.json'),
      fromParquet.json<ModelArtifact>('model.json'),
    ]);
    expect(parquetModel.trees).toEqual(csvModel.trees);
  });
});

describe('run: manifests', () => {
  it('is a usage error (exit 2) without exactly one of --manifest and --spec', async () => {
    expect(await main(['run'])).toBe(2);
    expect(await main(['run', '--manifest', 'a.json', '--spec', 'b.yaml'])).toBe(2);
    expect(await main(['run', '--manifest'])).toBe(2);
    await expect(runCommand(['--spec', 'a.yaml', '--spec'])).rejects.toThrow(/--spec needs a value/);
  });

  it('INVALID_MANIFEST names the field, and result.json goes to the run prefix when it is readable', async () => {
    const manifest = germanManifest({ uri: GERMAN_CSV, runPrefix: 'bad/runs/', reportPrefix: 'bad/reports/' });
    const spec = join(dir, 'invalid.yaml');
    // A bad parameter and an unknown field.
    await writeFile(
      spec,
      stringifyYaml({
        ...manifest,
        run_spec: { ...manifest.run_spec, model_params: { ...manifest.run_spec.model_params, n_trees: 0 } },
        surprise: true,
      }),
    );
    const lines: string[] = [];
    expect(await runCommand(['--spec', spec], { sink: (l) => lines.push(l) })).toBe(1);
    const result = documents.RunResult.parse(JSON.parse(await readFile(join(dir, 'bad/runs/result.json'), 'utf8')));
    expect(result.failure?.code).toBe('INVALID_MANIFEST');
    expect(result.failure?.message).toContain('run_spec.model_params.n_trees');
    expect(result.failure?.message).toContain('surprise: unknown field');
    expect(result.artifacts.manifest).toBe(spec);
    expect(lines.join('')).toContain('INVALID_MANIFEST');
  });

  it('an unreadable manifest fails with exit 1 and no result (its outputs are unknown)', async () => {
    const lines: string[] = [];
    expect(await runCommand(['--manifest', join(dir, 'nothing.json')], { sink: (l) => lines.push(l) })).toBe(1);
    expect(lines.join('')).toMatch(/READ_FAILED: cannot read the manifest: cannot read .*nothing\.json: ENOENT/);
  });

  it('removes a result.json left by an earlier attempt before it starts, and commits its own last', async () => {
    const at = join(dir, 'retry');
    const result = join(at, 'runs/result.json');
    await mkdir(join(at, 'runs'), { recursive: true });
    await writeFile(result, '{"stale": true}');
    const manifest = germanManifest({ uri: GERMAN_CSV, runPrefix: 'runs/', reportPrefix: 'reports/' });
    await writeFile(join(at, 'spec.json'), JSON.stringify(manifest));
    const seen: Array<[string, boolean]> = [];
    const sink = (line: string) => {
      seen.push([(JSON.parse(line) as { message: string }).message, existsSync(result)]);
    };
    expect(await runCommand(['--spec', join(at, 'spec.json')], { sink })).toBe(0);
    expect(seen.find(([m]) => m === 'reading the dataset')).toEqual(['reading the dataset', false]);
    expect(seen.filter(([, exists]) => exists)).toEqual([]);
    expect(documents.RunResult.parse(JSON.parse(await readFile(result, 'utf8'))).outcome).toBe('succeeded');
  });

  it('reads YAML and resolves relative paths from the manifest’s directory', async () => {
    const sub = join(dir, 'yaml');
    await mkdir(sub, { recursive: true });
    await writeFile(join(sub, 'data.csv'), await readFile(GERMAN_CSV));
    const manifest = germanManifest({ uri: 'data.csv', runPrefix: 'runs/x', reportPrefix: 'reports/x' });
    await writeFile(join(sub, 'spec.yaml'), stringifyYaml(manifest));
    expect(await runCommand(['--spec', join(sub, 'spec.yaml')], { sink: () => {} })).toBe(0);
    expect(existsSync(join(sub, 'runs/x/result.json'))).toBe(true);
    expect(existsSync(join(sub, 'reports/x/report.html'))).toBe(true);
  });
});
