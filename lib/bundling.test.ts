/**
 * The dev stage synthesized with real esbuild bundling, as `cdk synth` and the local cloud do it:
 * every function's asset is an ESM `index.mjs` with a source map, and the bundles load on Node.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../lambdas/environment.ts';
import { handlerGroups } from '../lambdas/routes.ts';
import { addStages } from './stages.ts';
import { testApp } from './test-support.ts';

interface Fn {
  readonly entry: string;
  readonly dir: string;
  readonly handler: string;
}

let functions: Fn[] = [];
let outdir = '';

beforeAll(() => {
  const app = testApp({ stage: 'dev', bundling: true, context: { 'aws:cdk:enable-asset-metadata': true } });
  addStages(app);
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
}, 120_000);

afterAll(() => {
  if (outdir !== '') rmSync(outdir, { recursive: true, force: true });
});

describe('the bundled dev stage', () => {
  it('bundles one function per handler group, plus the migrations and dataset processing', () => {
    const others = ['migrate', 'dataset-profiler', 'dataset-profile-failed', 'dataset-sweep'];
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
