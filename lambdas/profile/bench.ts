/**
 * Profiling throughput and memory on a generated credit-like CSV (default 512 MiB): prints MB/s and
 * the process's peak RSS. Goal: at least 50 MB/s, peak RSS under 300 MB whatever the size.
 *
 *   npm run bench:profile -- [--mb 512] [--gzip] [--keep] [--file <existing csv>]
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { profileCsv } from './profile.ts';
import { prng } from './sketches.ts';

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '512' },
    gzip: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    file: { type: 'string' },
  },
});

const purposes = ['car', 'furniture', 'education', 'business', 'repairs', 'holiday', 'other'];
const regions = Array.from({ length: 40 }, (_, i) => `region_${i}`);

/** Writes about `mb` MiB of CSV: 30 columns of ints, decimals, codes, dates, a target, 2% missing. */
async function generate(path: string, mb: number, gzip: boolean): Promise<void> {
  const random = prng(42);
  const out = createWriteStream(path);
  const sink = gzip ? createGzip({ level: 6 }) : null;
  if (sink !== null) sink.pipe(out);
  const target = sink ?? out;
  const header = [
    'id',
    'as_of',
    'target',
    ...Array.from({ length: 12 }, (_, i) => `amount_${i}`),
    ...Array.from({ length: 10 }, (_, i) => `count_${i}`),
    'purpose',
    'region',
    'ratio_a',
    'ratio_b',
    'flag',
  ];
  let written = 0;
  const limit = mb * 1024 * 1024;
  const write = (text: string) =>
    target.write(text) ? Promise.resolve() : new Promise<void>((r) => target.once('drain', () => r()));
  await write(`${header.join(',')}\n`);
  let id = 0;
  while (written < limit) {
    const lines: string[] = [];
    for (let k = 0; k < 2000; k++) {
      id += 1;
      const cells: string[] = [String(id), `2024-${String(1 + (id % 12)).padStart(2, '0')}-15`];
      cells.push(random() < 0.08 ? '1' : '0');
      for (let i = 0; i < 12; i++) cells.push(random() < 0.02 ? '' : (random() * 100_000).toFixed(2));
      for (let i = 0; i < 10; i++) cells.push(random() < 0.02 ? '' : String(Math.floor(random() * random() * 30)));
      cells.push(purposes[Math.floor(random() * purposes.length)] as string);
      cells.push(regions[Math.floor(random() * regions.length)] as string);
      cells.push(random().toFixed(6), (random() * 3).toFixed(4), random() < 0.5 ? 'true' : 'false');
      lines.push(cells.join(','));
    }
    const text = `${lines.join('\n')}\n`;
    written += text.length;
    await write(text);
  }
  target.end();
  await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);

const dir = mkdtempSync(join(tmpdir(), 'talaty-profile-bench-'));
const file = args.file ?? join(dir, args.gzip ? 'data.csv.gz' : 'data.csv');
try {
  if (args.file === undefined) {
    const started = performance.now();
    await generate(file, Number(args.mb), args.gzip);
    console.error(
      `generated ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } else if (!existsSync(file)) {
    throw new Error(`${file} does not exist`);
  }
  const gz = file.endsWith('.gz');
  const size = statSync(file).size;
  peakRss = process.memoryUsage.rss();
  const rssBefore = peakRss;
  const started = performance.now();
  const profile = await profileCsv(createReadStream(file, { highWaterMark: 1024 * 1024 }), {
    format: gz ? 'csv.gz' : 'csv',
    delimiter: null,
    targetColumn: 'target',
    maxBytes: 1024 ** 4,
    maxDecompressedBytes: 1024 ** 4,
  });
  const seconds = (performance.now() - started) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const dataBytes = profile.decompressed_bytes ?? size;
  const result = {
    file_mb: +(size / 1e6).toFixed(1),
    data_mb: +(dataBytes / 1e6).toFixed(1),
    rows: profile.row_count,
    columns: profile.columns.length,
    seconds: +seconds.toFixed(2),
    mb_per_s: +(dataBytes / 1e6 / seconds).toFixed(1),
    rss_before_mb: Math.round(rssBefore / 1e6),
    peak_rss_mb: Math.round(peakRss / 1e6),
    goal: '>= 50 MB/s, peak RSS < 300 MB',
  };
  console.log(JSON.stringify(result));
  console.log(
    `profiled ${result.data_mb} MB (${result.rows.toLocaleString('en-US')} rows × ${result.columns} columns) in ${result.seconds} s: ` +
      `${result.mb_per_s} MB/s, peak RSS ${result.peak_rss_mb} MB`,
  );
} finally {
  clearInterval(sampler);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${file}`);
}
