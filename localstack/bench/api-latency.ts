/**
 * `npm run bench:api`: latency and throughput of the local API for one GET and one POST at a fixed
 * concurrency, over real HTTP with SigV4-signed requests. It starts its own local cloud in a
 * temporary TALATY_HOME (or targets a running one with --url). Prints p50/p99 and requests/s.
 *
 *   npm run bench:api -- [--requests 2000] [--concurrency 16] [--url http://127.0.0.1:8000]
 */
import { parseArgs } from 'node:util';
import { ApiClient } from '../../test/api-client.ts';
import { startTestCloud } from '../../test/local-cloud.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    url: { type: 'string' },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function measure(name: string, call: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        const status = await call(i);
        latencies.push(performance.now() - t0);
        if (status >= 400) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} n=${total} c=${concurrency}  p50 ${percentile(latencies, 0.5).toFixed(1)} ms  ` +
      `p99 ${percentile(latencies, 0.99).toFixed(1)} ms  ${(total / seconds).toFixed(0)} req/s  failures ${failures}`,
  );
}

const cloud = values.url === undefined ? await startTestCloud() : undefined;
const api = cloud?.api ?? new ApiClient(values.url as string);
try {
  const run = Date.now().toString(36);
  const seed = await api.post<{ id: string }>('/datasets', { name: `bench-${run}` });
  if (seed.status !== 201) throw new Error(`could not create the benchmark dataset: ${seed.text}`);
  // Warm every execution environment before measuring.
  await Promise.all(Array.from({ length: concurrency }, () => api.get(`/datasets/${seed.body.id}`)));
  await measure('GET /datasets/{id}', async () => (await api.get(`/datasets/${seed.body.id}`)).status);
  await measure('POST /datasets', async (i) => (await api.post('/datasets', { name: `bench-${run}-${i}` })).status);
  await measure('GET /datasets?limit=50', async () => (await api.get('/datasets?limit=50')).status);
} finally {
  await cloud?.dispose();
}
