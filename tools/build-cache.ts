/**
 * What the cached builds share (the web app's `web/build.ts`, the local cloud's CDK synth in
 * `localstack/cdk-out/synth.ts`): a sha256 over the sources a build is made of, to skip a build
 * whose inputs are unchanged, and a lock directory that serialises concurrent builders.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Test files never change what a build makes. */
const TEST_FILE = /\.test\.tsx?$/;

/**
 * The files under `paths` (relative to `root`, files or folders; a missing one is skipped), sorted,
 * without node_modules, tests, and what `skip` (given each relative path) leaves out.
 */
export function sourceFiles(root: string, paths: readonly string[], skip?: (path: string) => boolean): string[] {
  const under = (path: string): string[] => {
    const full = join(root, path);
    if (!existsSync(full) || skip?.(path) === true) return [];
    if (statSync(full).isFile()) return [path];
    return readdirSync(full)
      .filter((name) => name !== 'node_modules' && !TEST_FILE.test(name))
      .sort()
      .flatMap((name) => under(join(path, name)));
  };
  return paths.flatMap(under);
}

/** The sha256 (hex) over `seed`, then each file's name (with `/`) and contents: a moved file changes it too. */
export function hashFiles(root: string, files: readonly string[], seed = ''): string {
  const hash = createHash('sha256').update(`${seed}\n`);
  for (const file of files) {
    hash
      .update(`${file.split(sep).join('/')}\n`)
      .update(readFileSync(join(root, file)))
      .update('\n');
  }
  return hash.digest('hex');
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** False when the lock's owner (the pid written in it) has exited; true while it runs or is not written yet. */
function ownerAlive(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, OWNER_FILE), 'utf8'));
  } catch {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

const OWNER_FILE = 'pid';

/**
 * Holds `lockDir` (a directory, so creating it is atomic) while `work` runs. A lock whose owner has
 * exited (a killed build, a test run stopped at its timeout) is taken over at once; one older than
 * 5 minutes in any case; a waiter gives up after 10.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, OWNER_FILE), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (!ownerAlive(lockDir) || Date.now() - since > 300_000) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
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
