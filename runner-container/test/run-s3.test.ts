/**
 * talaty-runner run --manifest s3://… as the pipeline runs it: the runner bundle (what the image
 * and the local cloud run) in a child process with the task's S3 environment (endpoint,
 * credentials, path style) against the repo's local S3 server; the dataset (gzipped CSV), the
 * manifest and every output in the bucket. s3rver verifies no checksum, so what is read back is
 * checked by digest and by parsing it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { documents } from '@talaty/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../localstack/config.ts';
import { localS3Client } from '../../localstack/s3/bucket.ts';
import { type S3Server, startS3Server } from '../../localstack/s3/server.ts';
import { buildRunnerBundle, type RunnerBundle } from '../build.ts';
import { GERMAN_CSV, germanManifest, RUN_ID } from './fixtures/run/german-credit.ts';

const BUCKET = 'talaty-runner-test';
const REGION = 'us-east-1';
const root = resolve(import.meta.dirname, '../..');
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let dir: string;
let server: S3Server;
let s3: S3Client;
let bundle: RunnerBundle;
const data = gzipSync(readFileSync(GERMAN_CSV));

/** The environment the task gives the runner: the S3 endpoint, credentials and path style. */
const taskEnv = () => ({
  ...process.env,
  AWS_ENDPOINT_URL_S3: server.url,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_REGION: REGION,
  TALATY_S3_FORCE_PATH_STYLE: '1',
  // The image runs Node 22; on this machine's Node 20 the SDK would print a support warning.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

function runner(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bundle.file, ...args], { cwd: root, env: taskEnv() }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

async function get(key: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

const put = (key: string, body: string | Uint8Array) =>
  s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

/** Puts a manifest for run `name` reading the gzipped dataset; returns its URI. */
async function manifestAt(name: string, options: { sha256?: string } = {}): Promise<string> {
  const manifest = germanManifest({
    uri: `s3://${BUCKET}/datasets/german/1/data.csv.gz`,
    sha256: options.sha256 ?? sha256(data),
    runPrefix: `s3://${BUCKET}/runs/${name}/`,
    reportPrefix: `s3://${BUCKET}/reports/${name}/`,
    gates: [{ metric: 'auc', split: 'test', min: 0.6 }],
  });
  await put(`runs/${name}/manifest.json`, JSON.stringify(manifest));
  return `s3://${BUCKET}/runs/${name}/manifest.json`;
}

beforeAll(async () => {
  bundle = buildRunnerBundle();
  dir = mkdtempSync(join(tmpdir(), 'talaty-run-s3-'));
  server = await startS3Server({
    port: 0,
    directory: join(dir, 's3'),
    credentials: LOCAL_CREDENTIALS,
    buckets: [{ name: BUCKET }],
  });
  s3 = localS3Client(server.url, LOCAL_CREDENTIALS, REGION);
  await put('datasets/german/1/data.csv.gz', data);
}, 30_000);

afterAll(async () => {
  s3?.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('run --manifest s3://…', () => {
  it('reads the manifest and dataset from S3 and writes every output there, result.json last', async () => {
    const uri = await manifestAt('ok');
    const ran = await runner(['run', '--manifest', uri]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toBe('');
    const lines = ran.stderr
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; message: string });
    expect(lines.some((l) => l.message === 'training progress')).toBe(true);

    const result = documents.RunResult.parse(JSON.parse((await get('runs/ok/result.json')).toString('utf8')));
    expect(result.outcome).toBe('succeeded');
    expect(result.gate_outcome).toBe('passed');
    expect(result.run_id).toBe(RUN_ID);
    expect(result.runner_digest).toBe(bundle.sha256);
    expect(result.runner_digest).toBe(sha256(readFileSync(bundle.file)));
    expect(result.artifacts).toEqual({
      manifest: uri,
      model: `s3://${BUCKET}/runs/ok/model.json`,
      metrics: `s3://${BUCKET}/runs/ok/metrics.json`,
      result: `s3://${BUCKET}/runs/ok/result.json`,
      report: `s3://${BUCKET}/reports/ok/report.html`,
      logs: `s3://${BUCKET}/runs/ok/logs/`,
      predictions: `s3://${BUCKET}/runs/ok/predictions.csv.gz`,
      explanations: `s3://${BUCKET}/runs/ok/explanations.csv.gz`,
    });
    const model = documents.ModelArtifact.parse(JSON.parse((await get('runs/ok/model.json')).toString('utf8')));
    expect(model.training.dataset_sha256).toBe(sha256(data));
    expect(model.training.runner_digest).toBe(bundle.sha256);
    const metrics = documents.Metrics.parse(JSON.parse((await get('runs/ok/metrics.json')).toString('utf8')));
    expect(result.metrics_summary?.test?.auc).toBe(metrics.test?.auc);
    // gunzip checks the CRC: the streamed upload arrived intact.
    const predictions = gunzipSync(await get('runs/ok/predictions.csv.gz'))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(predictions.length).toBe(1001);
    expect(
      gunzipSync(await get('runs/ok/explanations.csv.gz'))
        .toString('utf8')
        .split('\n')[0],
    ).toMatch(/^row,sample,shap_/);
    expect((await get('reports/ok/report.html')).toString('utf8')).toContain(RUN_ID);
    const log = (await get('runs/ok/logs/runner.jsonl')).toString('utf8').trimEnd().split('\n');
    expect(log.map((l) => (JSON.parse(l) as { message: string }).message)).toContain('run succeeded');
    expect(ran.stderr.startsWith(log.join('\n'))).toBe(true);
  });

  it('fails with DIGEST_MISMATCH, writing the failed result and the log to S3', async () => {
    const pinned = '0'.repeat(64);
    const ran = await runner(['run', '--manifest', await manifestAt('digest', { sha256: pinned })]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('run failed: DIGEST_MISMATCH');
    const result = documents.RunResult.parse(JSON.parse((await get('runs/digest/result.json')).toString('utf8')));
    expect(result.failure?.code).toBe('DIGEST_MISMATCH');
    expect(result.failure?.message).toContain(pinned);
    expect(result.failure?.message).toContain(sha256(data));
    expect(result.artifacts.model).toBeNull();
    expect(result.artifacts.logs).toBe(`s3://${BUCKET}/runs/digest/logs/`);
    expect((await get('runs/digest/logs/runner.jsonl')).toString('utf8')).toContain('DIGEST_MISMATCH');
  });

  it('fails with READ_FAILED and no result when the manifest object does not exist', async () => {
    const ran = await runner(['run', '--manifest', `s3://${BUCKET}/runs/none/manifest.json`]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/READ_FAILED: cannot read the manifest: cannot read s3:\/\/.*NoSuchKey/);
  });
});
