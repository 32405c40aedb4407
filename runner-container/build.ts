/**
 * Builds the runner bundle: `src/cli/entry.ts` and everything it imports (the engine, the schemas,
 * the AWS SDK) as one ESM file, `dist/talaty-runner.mjs`. The container image copies it and the
 * local cloud runs it; its sha256 is the runner digest a run records. `npm run build` (this
 * workspace) or `npx tsx runner-container/build.ts` builds it by hand; the CDK app builds it at
 * synth when it bundles assets.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const runnerDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(runnerDir, '..');

/** Where the bundle is written, relative to `runner-container/`: the Dockerfile copies this path. */
export const RUNNER_BUNDLE = 'dist/talaty-runner.mjs';

/** Lets bundled CommonJS dependencies call `require` inside the ESM bundle (as the Lambda bundles do). */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface RunnerBundle {
  /** Absolute path of the bundle. */
  readonly file: string;
  /** sha256 of its bytes, lower-case hex: the runner digest. */
  readonly sha256: string;
}

/**
 * Bundles the runner. The same sources give the same bytes; the file is replaced atomically and
 * only when its content changes, so concurrent builds (tests, a synth) never read half a file.
 */
export function buildRunnerBundle(): RunnerBundle {
  const file = join(runnerDir, RUNNER_BUNDLE);
  const { version } = JSON.parse(readFileSync(join(runnerDir, 'package.json'), 'utf8')) as { version: string };
  const result = buildSync({
    absWorkingDir: repoRoot,
    entryPoints: [join(runnerDir, 'src/cli/entry.ts')],
    outfile: file,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    // Readable stack traces without a source map: the engine's worker threads run kernels from
    // their own source text (Function.prototype.toString), which must stay free of injected helpers.
    minify: false,
    keepNames: false,
    sourcemap: false,
    legalComments: 'none',
    // The version the runner reports, fixed at build time (the bundle ships without package.json).
    define: { TALATY_RUNNER_VERSION: JSON.stringify(version) },
    tsconfig: join(repoRoot, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (output === undefined || result.outputFiles.length !== 1) {
    throw new Error(`esbuild produced ${result.outputFiles.length} files for the runner bundle, expected one`);
  }
  const bytes = Buffer.from(output.contents);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!sameContent(file, bytes)) {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  }
  return { file, sha256 };
}

function sameContent(file: string, bytes: Buffer): boolean {
  try {
    return readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { file, sha256 } = buildRunnerBundle();
  process.stdout.write(`${relative(process.cwd(), file)}  sha256 ${sha256}\n`);
}
