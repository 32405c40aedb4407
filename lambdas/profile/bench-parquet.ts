/**
 * Throughput and memory of the Parquet reader on one file, read as the profiler reads it: one row
 * group at a time, every value touched. Make a file with test/fixtures/parquet/generate.py --bench.
 *
 *   node --expose-gc --import tsx lambdas/profile/bench-parquet.ts FILE [--by-column]
 *
 * --by-column reads each column on its own pass (one column chunk in memory at a time).
 * "live per row group" is heap + buffers just after a batch is decoded, after a full GC, less the
 * baseline: what one batch costs. Without --expose-gc only the peak RSS is shown.
 */
import { fileRangeSource, openParquet, type RangeSource } from './parquet.ts';

const [path, mode] = process.argv.slice(2);
if (!path) throw new Error('usage: bench-parquet.ts FILE [--by-column]');

const file = await fileRangeSource(path);
let bytesRead = 0;
const source: RangeSource = {
  byteLength: file.byteLength,
  read: (start, end) => {
    bytesRead += end - start;
    return file.read(start, end);
  },
};
const gc = (globalThis as { gc?: () => void }).gc;
const live = (): number => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external; // external includes arrayBuffers
};

const baseline = live();
let liveMax = 0;
let rssMax = 0;
let values = 0;
const started = performance.now();
const parquet = await openParquet(source);
const passes = mode === '--by-column' ? parquet.columns.map((c) => [c.name]) : [undefined];
for (const columns of passes) {
  for await (const batch of parquet.batches(columns ? { columns } : {})) {
    if (gc) liveMax = Math.max(liveMax, live() - baseline);
    rssMax = Math.max(rssMax, process.memoryUsage.rss());
    for (const column of batch.columns) {
      for (let i = 0; i < column.length; i++) if (column[i] != null) values++;
    }
  }
}
const seconds = (performance.now() - started) / 1000;
await file.close();

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  [
    `${path}: ${parquet.rowCount} rows x ${parquet.columns.length} columns, ${parquet.rowGroups} row groups, ${mb(file.byteLength)}${mode ? ` ${mode}` : ''}`,
    `${seconds.toFixed(2)} s${gc ? ' (with a full GC per batch)' : ''}: ${Math.round(parquet.rowCount / seconds)} rows/s, ${(file.byteLength / 1e6 / seconds).toFixed(1)} MB/s`,
    `read ${(bytesRead / file.byteLength).toFixed(3)} x the file; ${values} non-null values`,
    `peak RSS ${mb(Math.max(rssMax, process.resourceUsage().maxRSS * 1024))}${gc ? `, live per row group ${mb(liveMax)}` : ''}`,
  ].join('\n'),
);
