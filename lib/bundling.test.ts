/**
 * The dev stage synthesized with real esbuild bundling, as `cdk synth` and the local cloud do it:
 * every function's asset is an ESM `index.mjs` with a source map, and the bundles load on Node;
 * the runner image's asset holds the Dockerfile and the runner bundle, which runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../lambdas/environment.ts';
import { handlerGroups } from '../lambdas/routes.ts';
import { RUNNER_BUNDLE } from '../runner-container/build.ts';
import { addStages } from './stages.ts';
import { testApp, webFixtureDir } from './test-support.ts';

interface Fn {
  readonly entry: string;
  readonly dir: string;
  readonly handler: string;
}

let functions: Fn[] = [];
let outdir = '';
/** The runner image's staged build context and its declared platform. */
let image = { dir: '', platform: '' };

beforeAll(() => {
  const app = testApp({ stage: 'dev', bundling: true, context: { 'aws:cdk:enable-asset-metadata': true } });
  addStages(app, { webAssetDir: webFixtureDir });
  const assembly = app.synth();
  outdir = assembly.directory;
  const template = assembly.getStackByName('Talaty-dev').template as {
    Resources: Record<string, { Type: string; Properties: { Handler: string }; Metadata?: Record<string, string> }>;
  };
  functions = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['talaty:entry'] !== undefined)
    .map((r) => ({
      entry: r.Metadata?.['talaty:entry'] as string,
      dir: join(assembly.directory, r.Metadata?.['aws:asset:path'] as string),
      handler: r.Properties.Handler,
    }));
  const assets = JSON.parse(readFileSync(join(outdir, 'Talaty-dev.assets.json'), 'utf8')) as {
    dockerImages: Record<string, { source: { directory: string; platform?: string } }>;
  };
  const images = Object.values(assets.dockerImages);
  expect(images).toHaveLength(1);
  image = { dir: join(outdir, images[0]?.source.directory ?? ''), platform: images[0]?.source.platform ?? '' };
}, 120_000);

afterAll(() => {
  if (outdir !== '') rmSync(outdir, { recursive: true, force: true });
});

describe('the bundled dev stage', () => {
  it('bundles one function per handler group, plus the migrations and dataset processing', () => {
    const others = [
      'migrate',
      'dataset-profiler',
      'dataset-profile-failed',
      'dataset-sweep',
      'run-prepare',
      'run-record',
      'run-mark-failed',
    ];
    expect(functions.map((f) => f.entry).sort()).toEqual(
      [...handlerGroups, ...others].map((name) => `lambdas/handlers/${name}.ts`).sort(),
    );
  });

  it('emits ESM index.mjs bundles with source maps and the createRequire banner', () => {
    for (const fn of functions) {
      expect(fn.handler).toBe('index.handler');
      expect(existsSync(join(fn.dir, 'index.mjs.map')), fn.entry).toBe(true);
      const code = readFileSync(join(fn.dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire } from 'node:module';"), fn.entry).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
    }
  });

  it('loads on Node and answers GET /health from the meta bundle', () => {
    const bundle = (entry: string) => join(functions.find((f) => f.entry === entry)?.dir ?? '', 'index.mjs');
    const script = `
      const meta = await import(process.argv[1]);
      const datasets = await import(process.argv[2]);
      const event = { httpMethod: 'GET', resource: '/health', path: '/health', headers: {}, requestContext: { requestId: 't' } };
      const answer = await meta.handler(event, { awsRequestId: 't' });
      process.stdout.write('\\n' + JSON.stringify({ datasets: typeof datasets.handler, answer }));`;
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script, bundle('lambdas/handlers/meta.ts'), bundle('lambdas/handlers/datasets.ts')],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'us-east-1',
          [envNames.stage]: 'dev',
          [envNames.version]: 'test',
          [envNames.webOrigin]: 'http://127.0.0.1:5173',
          [envNames.clusterArn]: 'arn:aws:rds:us-east-1:000000000000:cluster:talaty-dev',
          [envNames.secretArn]: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:talaty',
          [envNames.databaseName]: 'talaty',
          [envNames.bucket]: 'talaty-artifacts',
          [envNames.profilerFunction]: 'talaty-dev-profiler',
        },
      },
    );
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
    expect(result.datasets).toBe('function');
    expect(result.answer.statusCode).toBe(200);
    expect(JSON.parse(result.answer.body)).toEqual({ status: 'ok', stage: 'dev', version: 'test' });
    expect(result.answer.headers['Access-Control-Allow-Origin']).toBe('http://127.0.0.1:5173');
  });
});

describe('the runner image asset', () => {
  const filesIn = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort();

  it('holds the Dockerfile and the freshly built runner bundle, nothing else, for linux/arm64', () => {
    expect(image.platform).toBe('linux/arm64');
    expect(filesIn(image.dir)).toEqual(['.dockerignore', 'Dockerfile', RUNNER_BUNDLE].sort());
    const staged = readFileSync(join(image.dir, RUNNER_BUNDLE));
    const built = readFileSync(join(import.meta.dirname, '../runner-container', RUNNER_BUNDLE));
    expect(createHash('sha256').update(staged).digest('hex')).toBe(createHash('sha256').update(built).digest('hex'));
    expect(readFileSync(join(image.dir, 'Dockerfile'), 'utf8')).toContain(
      `COPY ${RUNNER_BUNDLE} /app/talaty-runner.mjs`,
    );
  });

  it('runs the staged bundle on Node as the local cloud does: usage and exit code 2 without a command', () => {
    const bundle = join(image.dir, RUNNER_BUNDLE);
    expect(readFileSync(bundle, 'utf8').startsWith("import { createRequire } from 'node:module';")).toBe(true);
    const result = spawnSync(process.execPath, [bundle], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(result.status).toBe(2);
    expect(`${result.stdout}${result.stderr}`).toContain('talaty-runner train');
  });
});
