/**
 * talaty-runner as a user runs it: the bin from the repo root, real files, exit codes and messages.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { documents, type ModelArtifact } from '@talaty/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../tools/run-command.ts';
import { readCsv } from '../src/io/csv.ts';
import { compileModel, contributions, encodeFeatures, expectedValue, predictRaw } from '../src/predict/index.ts';
import { creditData, writeCsv } from './fixtures.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'node_modules/.bin/talaty-runner');
const runner = (...args: string[]) => runCommand(bin, args, root);
let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaty-cli-'));
  writeCsv(at('train.csv'), creditData(3000, 41).table, { crlf: true });
  const valid = at('valid.csv');
  writeCsv(valid, creditData(1000, 42).table);
  await writeFile(at('valid.csv.gz'), gzipSync(await readFile(valid)));
  writeCsv(at('score.csv'), creditData(500, 43).table);
  await writeFile(
    at('params.yaml'),
    'n_trees: 300\nlearning_rate: 0.3\nmax_depth: 4\nearly_stopping_rounds: 5\nthreads: 1\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('talaty-runner train and score', () => {
  it('trains with validation from gzip and YAML params, writing a valid model and metrics', async () => {
    const result = await runner(
      'train',
      '--train',
      at('train.csv'),
      '--valid',
      at('valid.csv.gz'),
      '--target',
      'bad',
      '--drop',
      'noise',
      '--params',
      at('params.yaml'),
      '--out',
      at('m1'),
    );
    expect(result.output).toMatch(/iteration \d+\/300 {2}train logloss [\d.]+ {2}valid logloss [\d.]+/);
    expect(result.code).toBe(0);
    const model = documents.ModelArtifact.parse(JSON.parse(await readFile(at('m1/model.json'), 'utf8')));
    const metrics = documents.Metrics.parse(JSON.parse(await readFile(at('m1/metrics.json'), 'utf8')));
    expect(model.features.map((f) => `${f.name}:${f.kind}`)).toEqual([
      'utilization:numeric',
      'income:numeric',
      'age:numeric',
      'region:categorical',
    ]);
    expect(model.best_iteration).toBe(model.trees.length);
    expect(model.trees.length).toBeLessThan(300);
    expect(metrics.best_iteration).toBe(model.best_iteration);
    expect(metrics.valid?.n).toBe(1000);
    expect(metrics.train.auc).toBeGreaterThan(metrics.valid?.auc as number);
    expect(metrics.importance.map((i) => i.feature).sort()).toEqual(['age', 'income', 'region', 'utilization']);
    expect(Object.keys(metrics.timings)).toEqual(['load', 'bin', 'train', 'evaluate', 'write']);
  });

  it('scores every row in order, with points and contributions that add up to the raw score', async () => {
    const trained = await runner(
      'train',
      '--train',
      at('train.csv'),
      '--target',
      'bad',
      '--params',
      at('params.yaml'),
      '--out',
      at('m2'),
    );
    expect(trained.code).toBe(0);
    const artifact = JSON.parse(await readFile(at('m2/model.json'), 'utf8')) as ModelArtifact;
    // Give the model score scaling, as the pipeline does from the artifact policy.
    await writeFile(
      at('m2/scaled.json'),
      JSON.stringify({ ...artifact, score_scaling: { pdo: 20, base_score: 600, base_odds: 50 } }),
    );
    const scored = await runner(
      'score',
      '--model',
      at('m2/scaled.json'),
      '--data',
      at('score.csv'),
      '--out',
      at('scores.csv'),
      '--explain',
    );
    expect(scored.code).toBe(0);
    const out = await readCsv(at('scores.csv'));
    expect(out.rows).toBe(500);
    expect(out.columns.map((c) => c.name)).toEqual([
      'p_bad',
      'points',
      'shap_utilization',
      'shap_income',
      'shap_age',
      'shap_noise',
      'shap_region',
      'shap_expected',
    ]);

    const data = await readCsv(at('score.csv'), { textColumns: new Set(['region']) });
    const model = compileModel(artifact);
    const columns = encodeFeatures(artifact.features, data);
    const raw = predictRaw(model, columns);
    const phi = contributions(model, columns);
    const value = (name: string, r: number) => {
      const column = out.columns.find((c) => c.name === name);
      if (column?.kind !== 'number') throw new Error(`no numeric column ${name} in the scores`);
      return column.values[r] as number;
    };
    for (let r = 0; r < 500; r++) {
      expect(value('p_bad', r)).toBe(1 / (1 + Math.exp(-(raw[r] as number))));
      expect(value('shap_expected', r)).toBe(expectedValue(model));
      const sum = artifact.features.reduce((s, f) => s + value(`shap_${f.name}`, r), value('shap_expected', r));
      expect(Math.abs(sum - (raw[r] as number))).toBeLessThan(1e-9);
      expect(value('shap_region', r)).toBe(phi[r * artifact.features.length + 4]);
    }
    expect(value('points', 0)).toBeCloseTo(600 - (20 / Math.LN2) * (Math.log(50) + (raw[0] as number)), 9);
  });

  it('reads kinds and monotone directions from a features file, weights, and a text bad value', async () => {
    const data = creditData(1500, 44).table;
    const labelled = {
      rows: data.rows,
      columns: [
        ...data.columns.filter((c) => c.name !== 'bad'),
        {
          kind: 'string' as const,
          name: 'status',
          values: Array.from(data.columns[5]?.values as Float64Array, (v) => (v === 1 ? 'default' : 'paid')),
        },
        { kind: 'number' as const, name: 'w', values: new Float64Array(data.rows).fill(2) },
      ],
    };
    writeCsv(at('labelled.csv'), labelled);
    await writeFile(
      at('features.json'),
      JSON.stringify([
        { name: 'util', source_column: 'utilization', kind: 'numeric', monotone: 1 },
        { name: 'age', kind: 'categorical' },
      ]),
    );
    const result = await runner(
      'train',
      '--train',
      at('labelled.csv'),
      '--target',
      'status',
      '--bad-value',
      'default',
      '--weight',
      'w',
      '--features',
      at('features.json'),
      '--out',
      at('m3'),
    );
    expect(result.code).toBe(0);
    const model = JSON.parse(await readFile(at('m3/model.json'), 'utf8')) as ModelArtifact;
    expect(model.features).toMatchObject([
      { name: 'util', kind: 'numeric', monotone: 1 },
      { name: 'age', kind: 'categorical' },
    ]);
    expect(model.target).toEqual({ column: 'status', bad_value: 'default' });
  });
});

describe('talaty-runner on Parquet', () => {
  it('trains and scores a Parquet file as it does the same data as CSV', async () => {
    const data = (name: string) => join(root, 'test/fixtures', name);
    const train = (file: string, out: string) =>
      runner('train', '--train', file, '--target', 'CLASSIFICATION', '--bad-value', '0', '--out', at(out));
    expect((await train(data('datasets/german-credit/german_credit.csv'), 'g-csv')).code).toBe(0);
    expect((await train(data('parquet/german-credit.parquet'), 'g-parquet')).code).toBe(0);
    const model = async (out: string) => JSON.parse(await readFile(at(`${out}/model.json`), 'utf8')) as ModelArtifact;
    const [fromCsv, fromParquet] = [await model('g-csv'), await model('g-parquet')];
    expect(fromParquet.features).toEqual(fromCsv.features);
    expect(fromParquet.trees).toEqual(fromCsv.trees);
    const scored = await runner(
      'score',
      '--model',
      at('g-csv/model.json'),
      '--data',
      data('parquet/german-credit.parquet'),
      '--out',
      at('g-scores.csv'),
    );
    expect(scored.code, scored.output).toBe(0);
    expect((await readFile(at('g-scores.csv'), 'utf8')).trimEnd().split('\n')).toHaveLength(1001);
  });
});

describe('talaty-runner errors', () => {
  const train = (...extra: string[]) => runner('train', '--train', at('train.csv'), '--out', at('bad-run'), ...extra);

  it.each([
    [
      ['--target', 'missing_col'],
      1,
      /target column "missing_col" is not in the data \(columns: utilization, income, age, noise, region, bad\)/,
    ],
    [
      ['--target', 'age'],
      1,
      /target "age" has \d+ distinct values \("\d+", "\d+", "\d+", "\d+", "\d+", …\); a binary target has two/,
    ],
    [['--target', 'region'], 1, /train: target "region" is missing at data row \d+/],
    [['--target', 'bad', '--bad-value', '7'], 1, /no row of target "bad" equals the bad value 7/],
    [['--target', 'bad', '--weight', 'region'], 1, /weight "region" at data row \d+ must be a number ≥ 0/],
    [['--target', 'bad', '--colour', 'red'], 2, /unknown option --colour/],
    [['--target'], 2, /--target needs a value/],
  ])('train %j exits %i', async (args, code, message) => {
    const result = await train(...args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
  });

  it('rejects a constant target', async () => {
    await writeFile(at('constant.csv'), 'x,y\n1,0\n2,0\n3,0\n');
    const result = await runner('train', '--train', at('constant.csv'), '--target', 'y', '--out', at('c'));
    expect(result.stderr).toMatch(/target "y" is constant \("0"\)/);
    expect(result.code).toBe(1);
  });

  it('names unknown and invalid parameters', async () => {
    await writeFile(at('bad-params.json'), JSON.stringify({ n_trees: 0, depth: 3 }));
    const result = await train('--target', 'bad', '--params', at('bad-params.json'));
    expect(result.stderr).toMatch(/params file .*bad-params.json is invalid/);
    expect(result.stderr).toMatch(/n_trees: Too small/);
    expect(result.stderr).toMatch(/depth: unknown field/);
    expect(result.code).toBe(2);
  });

  it('says which file cannot be read', async () => {
    const result = await runner('train', '--train', at('nowhere.csv'), '--target', 'bad', '--out', at('x'));
    expect(result.stderr).toMatch(/cannot read .*nowhere.csv: ENOENT/);
    expect(result.code).toBe(1);
    const score = await runner('score', '--model', at('nowhere.json'), '--data', at('score.csv'), '--out', at('s.csv'));
    expect(score.stderr).toMatch(/cannot read model .*nowhere.json: ENOENT/);
    expect(score.code).toBe(2);
  });

  it('refuses to score with a file that is not a model, or data without a feature column', async () => {
    await writeFile(at('not-model.json'), '{"format":"xgboost"}');
    const notModel = await runner(
      'score',
      '--model',
      at('not-model.json'),
      '--data',
      at('score.csv'),
      '--out',
      at('s.csv'),
    );
    expect(notModel.stderr).toMatch(/is not a Talaty model artifact/);
    expect(notModel.code).toBe(2);
    await runner(
      'train',
      '--train',
      at('train.csv'),
      '--target',
      'bad',
      '--params',
      at('params.yaml'),
      '--out',
      at('m4'),
    );
    await writeFile(at('partial.csv'), 'utilization,income\n0.5,100\n');
    const partial = await runner(
      'score',
      '--model',
      at('m4/model.json'),
      '--data',
      at('partial.csv'),
      '--out',
      at('s.csv'),
    );
    expect(partial.stderr).toMatch(/column "age" \(feature "age"\) is not in the data/);
    expect(partial.code).toBe(1);
  });
});
