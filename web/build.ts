/**
 * Builds the web app: a production `vite build` of `web/` (its own `vite.config.ts`) into
 * `web/dist`, stamped with a sha256 of the inputs in `web/dist/.build-hash`. A build whose inputs
 * are unchanged is skipped. Concurrent builders (the local cloud, the CDK app at synth, tests)
 * serialise on a lock directory, and each build goes to a temporary directory next to `dist` that
 * replaces it by rename, so a reader never sees half a build. `npm run web:build` (`--force` to
 * rebuild anyway) runs it by hand.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(webDir, '..');

/** The stamp file inside the output directory. */
export const BUILD_HASH_FILE = '.build-hash';

/** What the bundle is made of, relative to the repository root. */
const INPUTS = ['web', 'schemas/src', 'schemas/v0', 'client', 'package-lock.json'];

/** Entries under web/ that are outputs or scratch space, never inputs (the temporary builds start with `.dist-`). */
const isOutput = (relativePath: string) =>
  relativePath === join('web', 'dist') ||
  relativePath.startsWith(join('web', '.dist-')) ||
  relativePath === join('web', '.build-lock');

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full) || isOutput(path)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full)
    .filter((name) => name !== 'node_modules' && !/\.test\.tsx?$/.test(name))
    .sort()
    .flatMap((name) => filesUnder(root, join(path, name)));
}

/**
 * The sha256 (hex) over the web app's inputs under `root`: every file under web/ except its build
 * output, node_modules and tests, plus the schemas, the API client and the lockfile (names and contents).
 */
export function webInputHash(root: string = repoRoot): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesUnder(root, input))) {
    hash
      .update(`${file.split(sep).join('/')}\n`)
      .update(readFileSync(join(root, file)))
      .update('\n');
  }
  return hash.digest('hex');
}

export interface BuildOptions {
  /** Build even when the stamp matches. */
  readonly force?: boolean;
  /** Receives the build's progress and warnings; without it only warnings are printed (to stderr). */
  readonly log?: (line: string) => void;
}

export interface WebBuild {
  /** The built app (`web/dist`). */
  readonly dir: string;
  /** The inputs' hash the build is stamped with. */
  readonly hash: string;
  /** False when an up-to-date build was already in place. */
  readonly built: boolean;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Holds `lockDir` (a directory, so creating it is atomic) while `work` runs; a lock left by a killed process expires after 5 minutes. */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 300_000) rmSync(lockDir, { recursive: true, force: true });
      if (waited > 600_000) throw new Error(`timed out waiting for ${lockDir}`);
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function stamp(dir: string): string {
  try {
    return readFileSync(join(dir, BUILD_HASH_FILE), 'utf8').trim();
  } catch {
    return '';
  }
}

/** Runs Vite's production build of web/ into `outDir`. */
async function viteBuild(outDir: string, log: ((line: string) => void) | undefined): Promise<void> {
  const { build, createLogger } = await import('vite');
  const logger = createLogger(log === undefined ? 'warn' : 'info');
  if (log !== undefined) {
    // Progress and warnings (a chunk over the size hint) go to the caller's log; errors are thrown.
    logger.info = (message) => {
      log(message);
    };
    logger.warn = (message) => {
      log(message);
    };
    logger.warnOnce = logger.warn;
  }
  // Vite takes the bundle's mode from NODE_ENV when it is set (vitest sets `test`): a build for
  // the stamp is always a production build, whoever calls it.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(webDir, 'vite.config.ts'),
      root: webDir,
      mode: 'production',
      customLogger: logger,
      // At 'info' the build reporter writes its progress straight to stdout, past the logger.
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export async function buildWebApp(options: BuildOptions = {}): Promise<WebBuild> {
  const dir = join(webDir, 'dist');
  const hash = webInputHash(repoRoot);
  if (options.force !== true && stamp(dir) === hash) return { dir, hash, built: false };
  return withLock(join(webDir, '.build-lock'), async () => {
    // Whoever held the lock before may have built these very inputs.
    if (options.force !== true && stamp(dir) === hash) return { dir, hash, built: false };
    // Builds happen only under the lock: any other temporary build was left by a killed process.
    for (const name of readdirSync(webDir)) {
      if (name.startsWith('.dist-')) rmSync(join(webDir, name), { recursive: true, force: true });
    }
    const staging = join(webDir, `.dist-${process.pid}-${Date.now()}`);
    const previous = `${staging}-old`;
    try {
      await viteBuild(staging, options.log);
      writeFileSync(join(staging, BUILD_HASH_FILE), `${hash}\n`);
      if (existsSync(dir)) renameSync(dir, previous);
      renameSync(staging, dir);
    } finally {
      rmSync(staging, { recursive: true, force: true });
      rmSync(previous, { recursive: true, force: true });
    }
    return { dir, hash, built: true };
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildWebApp({ force: process.argv.includes('--force'), log: (line) => process.stdout.write(`${line}\n`) }).then(
    (result) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const what = result.built ? `built in ${seconds} s` : 'up to date';
      process.stdout.write(`web: ${what}: ${result.dir} (inputs ${result.hash.slice(0, 12)})\n`);
    },
    (error: unknown) => {
      process.stderr.write(`web: build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
