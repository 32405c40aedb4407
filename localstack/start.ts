/**
 * `npm start`: synthesizes the CDK app (when its sources changed) and serves it on this machine.
 * Logs of the functions and the local services (gateway, S3, Lambda, schedules, Step Functions,
 * the ECS tasks' output, the web server and its build) go to `<TALATY_HOME>/logs/`; Ctrl-C stops everything.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalCloud } from './cloud.ts';
import { localConfig } from './config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

async function main(): Promise<void> {
  const config = localConfig(process.env, root);
  const logDir = join(config.home, 'logs');
  mkdirSync(logDir, { recursive: true });
  const streams = new Map<string, NodeJS.WritableStream>();
  const log = (source: string, text: string) => {
    let stream = streams.get(source);
    if (stream === undefined) {
      stream = createWriteStream(join(logDir, `${source}.log`), { flags: 'a' });
      streams.set(source, stream);
    }
    stream.write(text);
  };
  process.stderr.write(`talaty: starting the local cloud (stage ${config.stage}, state in ${config.home})\n`);
  const cloud = await startLocalCloud(config, { root, log });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    [
      `talaty: ready in ${seconds} s`,
      ...(cloud.webUrl === undefined
        ? []
        : [
            `  web        ${cloud.webUrl}  (${config.devAuth ? 'sign in with any user name' : 'TALATY_DEV_AUTH is off: the local sign-in is refused'})`,
          ]),
      `  API        ${cloud.apiUrl}  (SigV4: ${config.accessKeyId} / ${config.secretAccessKey}, region ${config.region}${config.devAuth ? '; or X-User: <name>' : ''})`,
      `  Data API   ${cloud.dataApiUrl}  (database ${cloud.database.database})`,
      `    --resource-arn ${cloud.database.resourceArn}`,
      `    --secret-arn   ${cloud.database.secretArn}`,
      `  S3         ${cloud.s3Url}  (bucket ${cloud.bucket}; path-style${config.s3Url === undefined ? `, data in ${join(config.home, 's3')}` : ''})`,
      `  Lambda     ${cloud.lambdaUrl}  (Invoke; region ${config.region})`,
      `  Step Functions ${cloud.stepFunctionsUrl}  (executions in memory; ECS tasks run as child processes)`,
      ...cloud.app.stateMachines.map((m) => `    --state-machine-arn ${m.arn}`),
      `  logs       ${logDir}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`talaty: ${signal}: stopping\n`);
    void cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `talaty: the local cloud failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
