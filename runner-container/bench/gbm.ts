/**
 * `npm run bench:gbm`: Talaty's engine beside xgboost `hist`, same splits, same run.
 * For each data set: stratified 70/30 splits (five seeds under 200k rows, one above), both engines
 * at 1 and 2 threads, each in its own process. Prints a markdown table and writes JSON.
 *
 *   npm run bench:gbm -- [--sets taiwan,hmeq,gmsc,synth] [--synth-rows 1000000] [--seeds N]
 *                        [--no-reference] [--out <dir>]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Random } from '../src/engine/random.ts';
import { rankMetrics } from '../src/metrics/metrics.ts';
import { writeSynth } from './synth.ts';

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, '../../../shared/datasets');
const PYTHON = '/usr/bin/python3';

interface DataSet {
  readonly name: string;
  readonly path: () => Promise<string>;
  readonly target: string;
  readonly drop: string;
}

const { values: opts } = parseArgs({
  options: {
    sets: { type: 'string', default: 'taiwan,hmeq,gmsc,synth' },
    'synth-rows': { type: 'string', default: '1000000' },
    seeds: { type: 'string' },
    'no-reference': { type: 'boolean', default: false },
    out: { type: 'string', default: join(here, 'results') },
    'data-dir': { type: 'string', default: process.env.TALATY_DATASETS ?? datasets },
  },
});
const work = join(tmpdir(), 'talaty-bench');
const synthRows = Number(opts['synth-rows']);

const SETS: DataSet[] = [
  {
    name: 'taiwan',
    path: async () => join(opts['data-dir'], 'taiwan-default/UCI_Credit_Card.csv'),
    target: 'default.payment.next.month',
    drop: 'ID',
  },
  { name: 'hmeq', path: async () => join(opts['data-dir'], 'hmeq/hmeq.csv'), target: 'BAD', drop: '' },
  {
    name: 'gmsc',
    path: async () => join(opts['data-dir'], 'give-me-some-credit/cs-training.csv.gz'),
    target: 'SeriousDlqin2yrs',
    drop: '',
  },
  {
    name: 'synth',
    path: async () => {
      const path = join(work, `synth-${synthRows}x50.csv`);
      if (!existsSync(path)) await writeSynth(path, synthRows, 50, 42);
      return path;
    },
    target: 'default',
    drop: '',
  },
];

/** Settings of every run, in Talaty's names and as CONTRACTS.md maps them to xgboost. */
const TALATY_PARAMS = {
  n_trees: 200,
  learning_rate: 0.1,
  max_depth: 6,
  max_bins: 255,
  lambda_l2: 1,
  min_hessian_in_leaf: 1,
  min_data_in_leaf: 1,
  early_stopping_rounds: 0,
};
const XGB_PARAMS = { num_boost_round: 200, eta: 0.1, max_depth: 6, max_bin: 256, lambda: 1, min_child_weight: 1 };

function referenceAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import xgboost, pandas'], { stdio: 'ignore' }).status === 0;
}

async function splitFiles(set: DataSet, seed: number): Promise<{ train: string; test: string; yTest: Float64Array }> {
  const path = await set.path();
  const bytes = await readFile(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0] as string;
  const column = header
    .split(',')
    .map((c) => c.replace(/^"|"$/g, ''))
    .indexOf(set.target);
  const byClass = new Map<string, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const y = (lines[i] as string).split(',')[column] as string;
    const rows = byClass.get(y);
    if (rows === undefined) byClass.set(y, [i]);
    else rows.push(i);
  }
  const random = new Random(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass.values()) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as number, rows[i] as number];
    }
    const cut = Math.round(rows.length * 0.7);
    for (let k = 0; k < rows.length; k++) (k < cut ? train : test).push(rows[k] as number);
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  const base = join(work, `${set.name}-${seed}`);
  await writeFile(`${base}-train.csv`, `${header}\n${train.map((i) => lines[i]).join('\n')}\n`);
  await writeFile(`${base}-test.csv`, `${header}\n${test.map((i) => lines[i]).join('\n')}\n`);
  const yTest = Float64Array.from(test, (i) => (Number((lines[i] as string).split(',')[column]) === 1 ? 1 : 0));
  return { train: `${base}-train.csv`, test: `${base}-test.csv`, yTest };
}

interface EngineRun {
  fit_s: number;
  predict_s: number;
  rows: number;
  rss_loaded_mb: number;
  rss_peak_mb: number;
  /** Peak during training alone (Linux), to compare with rss_loaded_mb. */
  rss_train_peak_mb?: number;
  auc: number;
  ks: number;
}

async function runEngine(
  engine: 'talaty' | 'xgboost',
  files: { train: string; test: string; yTest: Float64Array },
  set: DataSet,
  threads: number,
): Promise<EngineRun> {
  const pred = join(work, `${engine}-pred.txt`);
  const common = [
    '--train',
    files.train,
    '--test',
    files.test,
    '--target',
    set.target,
    '--drop',
    set.drop,
    '--threads',
    String(threads),
    '--pred',
    pred,
  ];
  const out =
    engine === 'talaty'
      ? execFileSync(
          process.execPath,
          [
            '--expose-gc',
            '--import',
            'tsx',
            join(here, 'talaty-fit.ts'),
            ...common,
            '--params',
            JSON.stringify({ ...TALATY_PARAMS, threads }),
          ],
          { maxBuffer: 1 << 26 },
        )
      : execFileSync(PYTHON, [join(here, 'xgb.py'), ...common, '--params', JSON.stringify(XGB_PARAMS)], {
          maxBuffer: 1 << 26,
        });
  const result = JSON.parse(out.toString()) as Omit<EngineRun, 'auc' | 'ks'>;
  const p = Float64Array.from((await readFile(pred, 'utf8')).split('\n'), Number);
  const { auc, ks } = rankMetrics({ p, y: files.yTest, w: null });
  return { ...result, auc: auc as number, ks: ks as number };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
/** Two-sided 95% t quantiles by degrees of freedom. */
const T95 = [Number.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];

function pairedInterval(diffs: number[]): [number, number] | null {
  if (diffs.length < 2) return null;
  const m = mean(diffs);
  const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - m) ** 2, 0) / (diffs.length - 1));
  const half = (T95[diffs.length - 1] ?? 1.96) * (sd / Math.sqrt(diffs.length));
  return [m - half, m + half];
}

async function main() {
  const reference = !opts['no-reference'];
  if (reference && !referenceAvailable()) {
    process.stderr.write(
      'bench:gbm needs xgboost and pandas for the side-by-side reference:\n' +
        '  apt-get install -y python3-xgboost python3-pandas\n' +
        'or run without a reference: npm run bench:gbm -- --no-reference\n',
    );
    process.exit(2);
  }
  await mkdir(work, { recursive: true });
  await mkdir(opts.out, { recursive: true });
  const rows: Array<Record<string, unknown>> = [];
  const wanted = opts.sets.split(',');
  for (const set of SETS.filter((s) => wanted.includes(s.name))) {
    const probe = await splitFiles(set, 1);
    const total = Math.round(probe.yTest.length / 0.3);
    const seedCount = opts.seeds !== undefined ? Number(opts.seeds) : total < 200_000 ? 5 : 1;
    for (const threads of [1, 2]) {
      const runs: Array<{ talaty: EngineRun; xgboost: EngineRun | null }> = [];
      for (let seed = 1; seed <= seedCount; seed++) {
        const files = seed === 1 ? probe : await splitFiles(set, seed);
        const talaty = await runEngine('talaty', files, set, threads);
        const xgboost = reference ? await runEngine('xgboost', files, set, threads) : null;
        runs.push({ talaty, xgboost });
        process.stderr.write(
          `${set.name} t${threads} seed ${seed}: talaty fit ${talaty.fit_s.toFixed(2)} s AUC ${talaty.auc.toFixed(4)}` +
            (xgboost ? ` | xgboost fit ${xgboost.fit_s.toFixed(2)} s AUC ${xgboost.auc.toFixed(4)}` : '') +
            '\n',
        );
      }
      const t = runs.map((r) => r.talaty);
      const x = runs.map((r) => r.xgboost).filter((r): r is EngineRun => r !== null);
      const diff = x.length ? runs.map((r) => r.talaty.auc - (r.xgboost as EngineRun).auc) : [];
      const interval = pairedInterval(diff);
      rows.push({
        set: set.name,
        rows: total,
        threads,
        seeds: seedCount,
        talaty_fit_s: median(t.map((r) => r.fit_s)),
        xgboost_fit_s: x.length ? median(x.map((r) => r.fit_s)) : null,
        fit_ratio: x.length ? median(t.map((r) => r.fit_s)) / median(x.map((r) => r.fit_s)) : null,
        talaty_predict_rows_s: median(t.map((r) => r.rows / r.predict_s)),
        xgboost_predict_rows_s: x.length ? median(x.map((r) => r.rows / r.predict_s)) : null,
        predict_ratio: x.length
          ? median(t.map((r) => r.rows / r.predict_s)) / median(x.map((r) => r.rows / r.predict_s))
          : null,
        talaty_auc: mean(t.map((r) => r.auc)),
        xgboost_auc: x.length ? mean(x.map((r) => r.auc)) : null,
        auc_diff: x.length ? mean(diff) : null,
        auc_diff_95: interval,
        talaty_ks: mean(t.map((r) => r.ks)),
        xgboost_ks: x.length ? mean(x.map((r) => r.ks)) : null,
        talaty_peak_rss_mb: Math.max(...t.map((r) => r.rss_peak_mb)),
        talaty_train_added_mb: Math.max(...t.map((r) => (r.rss_train_peak_mb ?? r.rss_peak_mb) - r.rss_loaded_mb)),
        xgboost_peak_rss_mb: x.length ? Math.max(...x.map((r) => r.rss_peak_mb)) : null,
      });
    }
  }
  const f = (v: unknown, d = 3) => (typeof v === 'number' ? v.toFixed(d) : v === null ? '–' : String(v));
  const table = [
    '| set | rows | thr | fit s T / X | fit ratio | predict rows/s T / X | AUC T / X | ΔAUC (95% CI) | KS T / X | peak RSS MB T (+train) / X |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const ci = r.auc_diff_95 as [number, number] | null;
      return `| ${r.set} | ${r.rows} | ${r.threads} | ${f(r.talaty_fit_s, 2)} / ${f(r.xgboost_fit_s, 2)} | ${f(r.fit_ratio, 2)} | ${f(r.talaty_predict_rows_s, 0)} / ${f(r.xgboost_predict_rows_s, 0)} | ${f(r.talaty_auc, 4)} / ${f(r.xgboost_auc, 4)} | ${f(r.auc_diff, 4)}${ci ? ` (${f(ci[0], 4)}, ${f(ci[1], 4)})` : ''} | ${f(r.talaty_ks, 4)} / ${f(r.xgboost_ks, 4)} | ${f(r.talaty_peak_rss_mb, 0)} (+${f(r.talaty_train_added_mb, 0)}) / ${f(r.xgboost_peak_rss_mb, 0)} |`;
    }),
  ].join('\n');
  const settings = `Settings: ${JSON.stringify(TALATY_PARAMS)} ↔ xgboost hist ${JSON.stringify(XGB_PARAMS)}; T = Talaty, X = xgboost; ratios Talaty/xgboost.`;
  process.stdout.write(`${table}\n\n${settings}\n`);
  await writeFile(
    join(opts.out, 'gbm.json'),
    `${JSON.stringify({ settings: { talaty: TALATY_PARAMS, xgboost: XGB_PARAMS }, rows }, null, 2)}\n`,
  );
  await writeFile(join(opts.out, 'gbm.md'), `${table}\n\n${settings}\n`);
}

await main();
