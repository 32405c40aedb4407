/**
 * `npm run demo`: the platform's main job end to end on the local cloud (started here when it is
 * not already up). It registers a real public credit dataset (UCI German credit, shipped under
 * test/fixtures with its SOURCE.md) or the CSV given with --data, waits for its profile, defines
 * features (with monotone constraints), publishes a feature-set version, writes a run spec,
 * executes it with visible progress and prints the test metrics, the run, the registered model
 * version and where the report and model are.
 *
 *   npm run demo
 *   npm run demo -- --data loans.csv --target default_flag --bad-value 1 --monotone dti:+1 --monotone age:-1
 */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DatasetVersion, Run, RunEvent } from '@talaty/schemas';
import { startLocalCloud } from '../localstack/cloud.ts';
import { localConfig } from '../localstack/config.ts';
import { ApiClient } from './api-client.ts';
import { uploadDatasetVersion, waitForProfile } from './dataset-upload.ts';
import { publishFeatureSetVersion } from './feature-sets.ts';
import { waitForRun } from './runs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const GERMAN = join(root, 'test/fixtures/datasets/german-credit/german_credit.csv');

/** The German credit features: what each measures and why a reviewer should accept it. */
const GERMAN_FEATURES = [
  ['DURATION_MONTHS', 'numeric', 1, 'Loan term in months', 'Longer terms carry more uncertainty: risk may only rise.'],
  ['AMOUNT', 'numeric', 0, 'Credit amount (DM)', 'Exposure size.'],
  ['INSTALLMENT_RATE', 'numeric', 1, 'Instalment as % of disposable income', 'A heavier burden may only raise risk.'],
  ['AGE', 'numeric', -1, 'Applicant age in years', 'Stability grows with age: risk may only fall.'],
  ['STATUS_ACCOUNT', 'categorical', 0, 'Status of the checking account', 'Liquidity signal.'],
  ['CREDIT_HISTORY', 'categorical', 0, 'Credit history', 'Past repayment behaviour.'],
  ['PURPOSE', 'categorical', 0, 'Purpose of the loan', 'Use of funds.'],
  ['BONDS', 'categorical', 0, 'Savings account / bonds', 'Buffer against shocks.'],
  ['EMPLOYMENT', 'categorical', 0, 'Present employment since', 'Income stability.'],
  ['PROPERTY', 'categorical', 0, 'Property', 'Collateral available.'],
  ['HOUSING', 'categorical', 0, 'Housing', 'Fixed costs and stability.'],
  ['OTHER_DEBTORS', 'categorical', 0, 'Other debtors / guarantors', 'Shared liability.'],
] as const;

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    target: { type: 'string' },
    'bad-value': { type: 'string' },
    monotone: { type: 'string', multiple: true, default: [] },
    name: { type: 'string' },
  },
});

const say = (text: string) => process.stdout.write(`${text}\n`);

const config = () => localConfig(process.env, root);

async function main(): Promise<void> {
  const { ports, home } = config();
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  let stopCloud: (() => Promise<void>) | undefined;
  const up = await fetch(`${apiUrl}/health`)
    .then((r) => r.status < 500)
    .catch(() => false);
  if (!up) {
    say(`starting the local cloud (state in ${home}; \`npm start\` serves it again afterwards) …`);
    const logs = join(home, 'logs');
    mkdirSync(logs, { recursive: true });
    const streams = new Map<string, NodeJS.WritableStream>();
    const cloud = await startLocalCloud(config(), {
      root,
      log: (source, text) => {
        let s = streams.get(source);
        if (s === undefined) {
          s = createWriteStream(join(logs, `${source}.log`), { flags: 'a' });
          streams.set(source, s);
        }
        s.write(text);
      },
    });
    stopCloud = () => cloud.close();
  } else {
    say(`using the local cloud at ${apiUrl}`);
  }
  try {
    await demo(new ApiClient(apiUrl));
  } finally {
    if (stopCloud !== undefined) {
      say('stopping the local cloud it started');
      await stopCloud();
    }
  }
}

async function demo(client: ApiClient): Promise<void> {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>) => {
    const answer = await client.request<T>(method, path, { body, ...(headers ? { headers } : {}) });
    if (answer.status >= 400) fail(`${method} ${path} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  };
  const api = { get: (p: string) => call('GET', p), post: (p: string, b: unknown) => call('POST', p, b) };

  const custom = values.data !== undefined;
  const file = custom ? resolve(values.data as string) : GERMAN;
  const target = custom ? values.target : 'CLASSIFICATION';
  if (target === undefined) fail('--data needs --target <column>');
  const badValue = custom ? (values['bad-value'] ?? '1') : '0';
  const stamp = new Date()
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 14);
  const name =
    values.name ?? `${custom ? basename(file).replace(/\W+/g, '-').toLowerCase() : 'german-credit'}-${stamp}`;

  // 1. The dataset and its profile.
  const dataset = await call<{ id: string }>('POST', '/datasets', {
    name,
    description: custom ? `Uploaded by the demo from ${basename(file)}.` : 'UCI Statlog German credit (CC BY 4.0).',
    tags: ['demo'],
  });
  const bytes = readFileSync(file);
  say(`dataset ${name}: uploading ${basename(file)} (${bytes.length} bytes) …`);
  const committed = await uploadDatasetVersion(api, dataset.id, bytes, {
    format: file.endsWith('.gz') ? 'csv.gz' : 'csv',
    target_column: target,
  });
  const version: DatasetVersion = await waitForProfile(api, dataset.id, committed.version);
  if (version.status !== 'READY') fail(`profiling failed: ${JSON.stringify(version.failure)}`);
  say(
    `  profiled: ${version.row_count} rows, ${version.columns.length} columns, sha256 ${version.sha256.slice(0, 12)}…`,
  );

  // 2. Features and a published feature-set version.
  const monotone = new Map<string, number>();
  for (const m of values.monotone as string[]) {
    const match = /^(.+):([+-]?1)$/.exec(m);
    if (match === null) fail(`--monotone ${m}: write column:+1 or column:-1`);
    monotone.set(match[1] as string, Number(match[2]));
  }
  const definitions = custom
    ? version.columns
        .filter((c) => c.name !== target)
        .map((c) => {
          const numeric = c.type === 'integer' || c.type === 'number';
          return featureOf(c.name, numeric ? 'numeric' : 'categorical', numeric ? (monotone.get(c.name) ?? 0) : 0);
        })
    : GERMAN_FEATURES.map(([column, kind, m, description, rationale]) =>
        featureOf(column, kind, m, description, rationale),
      );
  if (!definitions.some((f) => f.monotone !== 0)) {
    fail('give at least one numeric --monotone column:+1|-1 (a scorecard constrains at least one feature)');
  }
  const featureSet = await call<{ id: string }>('POST', '/feature-sets', { name: `${name}-features`, tags: ['demo'] });
  const published = await publishFeatureSetVersion(api, featureSet.id, {
    features: definitions,
    target: { column: target, bad_value: parseBad(badValue) },
    notes: 'Defined by the demo.',
  });
  const constrained = definitions.filter((f) => f.monotone !== 0).map((f) => `${f.name} ${f.monotone > 0 ? '↑' : '↓'}`);
  say(
    `feature set ${name}-features v${published.version}: ${definitions.length} features, monotone ${constrained.join(', ')}`,
  );

  // 3. The run spec and its execution.
  const spec = await call<{ id: string }>('POST', '/run-specs', {
    name: `${name}-gbm`,
    description: 'Depth-3 GBM with early stopping, monotone limits and a test Gini gate.',
    model_name: `${name}-model`,
    dataset_version_id: version.id,
    feature_set_version_id: published.id,
    model_family: 'gbm',
    model_params: { n_trees: 400, learning_rate: 0.05, max_depth: 3, min_data_in_leaf: 20, early_stopping_rounds: 40 },
    split_policy: { method: 'random', fractions: { train: 0.6, valid: 0.2, test: 0.2 }, stratify: true, seed: 42 },
    evaluation_policy: { gates: [{ metric: 'gini', split: 'test', min: 0.2 }] },
    artifact_policy: {
      predictions: true,
      explanations: 'test',
      score_scaling: { pdo: 20, base_score: 600, base_odds: 50 },
    },
  });
  const started = Date.now();
  let run = await call<Run>(
    'POST',
    '/runs/execute',
    { run_spec_id: spec.id },
    { 'Idempotency-Key': `demo-${spec.id}` },
  );
  say(`run ${run.id}: executing`);
  const shown = new Set<number>();
  const printNewEvents = async () => {
    const events = await call<{ items: RunEvent[] }>('GET', `/runs/${run.id}/events`);
    for (const e of events.items) {
      if (shown.has(e.seq)) continue;
      shown.add(e.seq);
      say(`  [${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${e.message}`);
    }
  };
  run = await waitForRun({ get: (path) => call('GET', path) }, run.id, {
    intervalMs: 400,
    timeoutMs: 30 * 60_000,
    onPoll: printNewEvents,
  });
  if (run.status !== 'SUCCEEDED') fail(`run ${run.id} ended ${run.status}: ${JSON.stringify(run.failure)}`);

  // 4. What came out.
  const test = run.metrics_summary.test;
  say('');
  say(`run ${run.id} SUCCEEDED in ${((Date.now() - started) / 1000).toFixed(1)} s (gates ${run.gate_outcome})`);
  if (test !== null) {
    say(
      `  test  AUC ${fmt(test.auc)}  Gini ${fmt(test.gini)}  KS ${fmt(test.ks)}  (n ${test.n}, bad rate ${fmt(test.bad_rate)})`,
    );
  }
  say(`  PSI train→test ${fmt(run.metrics_summary.psi.train_to_test)}`);
  if (run.model_version_id !== null) {
    const models = await call<{ items: Array<{ id: string; name: string }> }>(
      'GET',
      `/models?name_prefix=${name}-model`,
    );
    const model = models.items.find((m) => m.name === `${name}-model`);
    const versions = model
      ? await call<{ items: Array<{ version: number; id: string; artifact_uri: string }> }>(
          'GET',
          `/models/${model.id}/versions`,
        )
      : { items: [] };
    const registered = versions.items.find((v) => v.id === run.model_version_id);
    say(
      `  model ${name}-model v${registered?.version ?? '?'} registered: ${registered?.artifact_uri ?? run.model_version_id}`,
    );
  }
  say(`  report ${run.artifacts.report}`);
  say(`  model  ${run.artifacts.model}`);
  // Copies to open now (the presigned links last 15 minutes, and only while the local cloud runs).
  const local = join(config().home, 'demo', run.id);
  mkdirSync(local, { recursive: true });
  for (const name of ['report.html', 'model.json', 'metrics.json']) {
    const links = await call<{ files: Array<{ url: string }> }>('GET', `/runs/${run.id}/artifacts/${name}`);
    const answer = await fetch(links.files[0]?.url as string);
    if (!answer.ok) fail(`downloading ${name} answered ${answer.status}`);
    writeFileSync(join(local, name), Buffer.from(await answer.arrayBuffer()));
  }
  say(`  copies: ${join(local, 'report.html')} (open it in a browser; it works offline), model.json, metrics.json`);
  say(
    `  in the web app: http://127.0.0.1:${config().ports.web}/runs/${run.id} (while \`npm start\` runs; any user name)`,
  );
}

function featureOf(
  column: string,
  kind: 'numeric' | 'categorical',
  monotone: number,
  description = '',
  rationale = '',
) {
  return {
    name: column
      .toLowerCase()
      .replace(/[^a-z0-9_.-]/g, '_')
      .replace(/^([^a-z_])/, '_$1'),
    source_column: column,
    kind,
    monotone,
    description,
    rationale,
  };
}

const parseBad = (v: string): string | number => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(4));

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
