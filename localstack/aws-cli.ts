/**
 * For tests: the AWS CLI with the local credential and none of the machine's AWS configuration (no
 * config or credentials file, no instance metadata, no pager), as the conformance tests run it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LOCAL_CREDENTIALS } from './config.ts';

const execFileAsync = promisify(execFile);

/** Runs `aws <args>` in `region`; a non-zero exit rejects with the CLI's `stdout` and `stderr`. */
export function awsCli(args: readonly string[], region: string): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync('aws', [...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_DEFAULT_REGION: region,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      // AWS CLI v2 pipes output through a pager unless told not to.
      AWS_PAGER: '',
    },
  });
}
