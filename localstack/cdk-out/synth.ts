/**
 * Synthesizes the CDK app into `<TALATY_HOME>/cdk.out` for one stage, unless the sources are
 * unchanged since the last synth (a hash of lib/, lambdas/, schemas/src, the runner container's sources,
 * cdk.json, package and tsconfig files).
 * Concurrent starts serialise on a lock directory; the assembly is replaced atomically.
 * The web bucket's deployment gets a stand-in app (`-c webAssetDir`): the local cloud serves web/dist
 * itself and never deploys the bucket, so synth never runs Vite.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFiles, sourceFiles, withLock } from '../../tools/build-cache.ts';

/** Everything that changes the template or a bundle. */
const SOURCES = [
  'lib',
  'lambdas',
  'schemas/src',
  'schemas/package.json',
  // The runner bundle (built during synth into the container image's asset) and its image.
  'runner-container/src',
  'runner-container/build.ts',
  'runner-container/Dockerfile',
  'runner-container/.dockerignore',
  'runner-container/package.json',
  'cdk.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.base.json',
];
const HASH_FILE = '.talaty-source-hash';

/** A one-page app for the web bucket's deployment in the local synth (which nothing deploys). */
function webStandIn(home: string): string {
  const dir = join(home, 'web-stand-in');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html>\n<title>Talaty</title>\n<p>The local cloud serves web/dist; this stand-in is never deployed.</p>\n',
  );
  return dir;
}

export function sourceHash(root: string, stage: string): string {
  return hashFiles(root, sourceFiles(root, SOURCES), `stage:${stage}`);
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

export interface SynthResult {
  readonly dir: string;
  readonly stackName: string;
  /** False when the cached assembly was reused. */
  readonly synthesized: boolean;
}

export async function synthesize(root: string, home: string, stage: string): Promise<SynthResult> {
  const dir = join(home, 'cdk.out');
  const stackName = `Talaty-${stage}`;
  const hash = sourceHash(root, stage);
  const current = () => (existsSync(join(dir, HASH_FILE)) ? readFileSync(join(dir, HASH_FILE), 'utf8') : '');
  if (current() === hash) return { dir, stackName, synthesized: false };
  mkdirSync(home, { recursive: true });
  return withLock(join(home, 'cdk.out.lock'), async () => {
    if (current() === hash) return { dir, stackName, synthesized: false };
    const staging = join(home, `cdk.out.${process.pid}.tmp`);
    rmSync(staging, { recursive: true, force: true });
    const cdk = join(root, 'node_modules', '.bin', 'cdk');
    const context = [`stage=${stage}`, `webAssetDir=${webStandIn(home)}`].flatMap((c) => ['--context', c]);
    await run(cdk, ['synth', stackName, '--no-lookups', '--quiet', ...context, '--output', staging], root);
    writeFileSync(join(staging, HASH_FILE), hash);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    return { dir, stackName, synthesized: true };
  });
}
