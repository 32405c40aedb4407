// One local Lambda execution environment: a worker thread that loads a function's bundle once
// (cold start) with the function's own environment, then handles one invocation at a time, as
// Lambda does. Messages in: { id, event, context }; out: { id, ok, result } or { id, ok: false, error }.

import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { file, exportName, functionName, memoryMb, timeoutMs, region } = workerData;
let handlerPromise;

function loadHandler() {
  handlerPromise ??= import(pathToFileURL(file).href).then((module) => {
    const handler = module[exportName] ?? module.default?.[exportName];
    if (typeof handler !== 'function') throw new Error(`${file} exports no function "${exportName}"`);
    return handler;
  });
  return handlerPromise;
}

function contextFor(id, deadline) {
  return {
    awsRequestId: id,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

const serializeError = (error) =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') }
    : { errorType: 'Error', errorMessage: String(error), trace: [] };

parentPort.on('message', async ({ id, event }) => {
  try {
    const handler = await loadHandler();
    const result = await handler(event, contextFor(id, Date.now() + timeoutMs));
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: serializeError(error) });
  }
});
