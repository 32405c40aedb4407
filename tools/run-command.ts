/** Runs a command to completion for a test: its exit code and what it printed, never a throw on failure. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type CommandResult = { code: number; stdout: string; stderr: string; output: string };

export async function runCommand(file: string, args: string[], cwd: string): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd });
    return { code: 0, stdout, stderr, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    const { stdout = '', stderr = '' } = failed;
    return { code: failed.code, stdout, stderr, output: stdout + stderr };
  }
}
