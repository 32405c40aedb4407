/**
 * Builds the web app: a production `vite build` of `web/` (its own `vite.config.ts`) into
 * `web/dist`, stamped with a sha256 of the inputs in `web/dist/.build-hash`; or, for the end-to-end
 * tests, a development build (React's development warnings on, unminified) into `web/dist-dev`,
 * with its own stamp. A build whose inputs are unchanged is skipped. Concurrent builders (the local
 * cloud, the CDK app at synth, tests) serialise on a lock directory, and each build goes to a
 * temporary directory next to `dist` that replaces it by rename, so a reader never sees half a
 * build. `npm run web:build` (`--force` to rebuild anyway, `--development` for the development
 * build) runs it by hand.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashFiles, sourceFiles, withLock } from '../tools/build-cache.ts';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(webDir, '..');

/** The stamp file inside the output directory. */
const BUILD_HASH_FILE = '.build-hash';

/**
 * `production` for `npm start`, the CDK app and the goals script; `development` for the end-to-end
 * tests, whose browser then sees React's development warnings (keys, DOM nesting, controlled inputs…).
 */
export type WebBuildMode = 'production' | 'development';

/** Where each mode's build goes, under web/. */
const OUT_DIRS: Readonly<Record<WebBuildMode, string>> = { production: 'dist', development: 'dist-dev' };

/** What the bundle is made of, relative to the repository root. */
const INPUTS = ['web', 'schemas/src', 'schemas/v0', 'client', 'package-lock.json'];

/** Entries under web/ that are outputs or scratch space, never inputs (the temporary builds start with `.dist-`). */
const isOutput = (relativePath: string) =>
  Object.values(OUT_DIRS).some((out) => relativePath === join('web', out)) ||
  relativePath.startsWith(join('web', '.dist-')) ||
  relativePath === join('web', '.build-lock');

/**
 * The sha256 (hex) over the web app's inputs under `root`: every file under web/ except its build
 * output, node_modules and tests, plus the schemas, the API client and the lockfile (names and contents).
 */
export function webInputHash(root: string = repoRoot): string {
  return hashFiles(root, sourceFiles(root, INPUTS, isOutput));
}

export interface BuildOptions {
  /** @default 'production' (into web/dist) */
  readonly mode?: WebBuildMode;
  /** Build even when the stamp matches. */
  readonly force?: boolean;
  /** Receives the build's progress and warnings; without it only warnings are printed (to stderr). */
  readonly log?: (line: string) => void;
}

export interface WebBuild {
  /** The built app (`web/dist`, or `web/dist-dev` for a development build). */
  readonly dir: string;
  /** The inputs' hash the build is stamped with. */
  readonly hash: string;
  /** False when an up-to-date build was already in place. */
  readonly built: boolean;
}

function stamp(dir: string): string {
  try {
    return readFileSync(join(dir, BUILD_HASH_FILE), 'utf8').trim();
  } catch {
    return '';
  }
}

/** Runs Vite's build of web/ into `outDir`. */
async function viteBuild(outDir: string, mode: WebBuildMode, log: ((line: string) => void) | undefined): Promise<void> {
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
  // Vite takes the bundle's NODE_ENV (React's production or development build) from the process's
  // NODE_ENV when it is set (vitest sets `test`), not from the mode: set it to the mode, whoever calls.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = mode;
  try {
    await build({
      configFile: join(webDir, 'vite.config.ts'),
      root: webDir,
      mode,
      customLogger: logger,
      // At 'info' the build reporter writes its progress straight to stdout, past the logger.
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: true,
        // Readable component names in React's warnings; the size hint is the production build's.
        ...(mode === 'development' ? { minify: false, chunkSizeWarningLimit: Number.POSITIVE_INFINITY } : {}),
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export async function buildWebApp(options: BuildOptions = {}): Promise<WebBuild> {
  const mode = options.mode ?? 'production';
  const dir = join(webDir, OUT_DIRS[mode]);
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
      await viteBuild(staging, mode, options.log);
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
  buildWebApp({
    force: process.argv.includes('--force'),
    mode: process.argv.includes('--development') ? 'development' : 'production',
    log: (line) => process.stdout.write(`${line}\n`),
  }).then(
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
