import { describe, expect, it } from 'vitest';
import type { HistogramChannels } from './histogram.ts';
import { type NodeKernels, type NodeRows, SerialKernels, type TrainingArrays } from './node-kernels.ts';
import { binaryLogistic } from './objective.ts';
import { ParallelKernels } from './parallel.ts';
import { Random } from './random.ts';

const n = 60_000;
const nFeatures = 9;

/** Shared training arrays over random bins (30 value bins and the missing bin), row-major and by column. */
function arrays(channels: HistogramChannels): TrainingArrays {
  const random = new Random(11);
  const bins = new Uint8Array(new SharedArrayBuffer(n * nFeatures));
  for (let i = 0; i < bins.length; i++) bins[i] = Math.floor(random.next() * 31);
  const grad = new Float64Array(new SharedArrayBuffer(n * 8));
  const hess = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) {
    grad[i] = random.next() - 0.5;
    hess[i] = 0.01 + random.next() * 0.24;
  }
  const shared = new SharedArrayBuffer(n * nFeatures);
  const columns = Array.from({ length: nFeatures }, (_, f) => {
    const column = new Uint8Array(shared, f * n, n);
    for (let r = 0; r < n; r++) column[r] = bins[r * nFeatures + f] as number;
    return column;
  });
  const raw = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) raw[i] = (random.next() - 0.5) * 6;
  const y = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) y[i] = random.next() < 0.2 ? 1 : 0;
  const weights = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) weights[i] = random.next() * 2;
  const gradientRange = binaryLogistic.gradientRange;
  return { bins, columns, nFeatures, stride: 31, channels, grad, hess, raw, y, weights, gradientRange };
}

/** A shared row-index array holding 0..n-1. */
function rowIndex(): Int32Array {
  const rows = new Int32Array(new SharedArrayBuffer(n * 4));
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

async function withKernels<T>(data: TrainingArrays, threads: number, use: (k: NodeKernels) => T): Promise<T> {
  // Small thresholds: every job below goes to the workers.
  const kernels =
    threads > 1 ? new ParallelKernels(data, threads, { minCells: 4096, minRows: 1024 }) : new SerialKernels(data);
  try {
    return use(kernels);
  } finally {
    await kernels.close();
  }
}

describe('node kernels on worker threads', () => {
  it.each([
    [2, 2],
    [3, 2],
    [2, 3],
  ] as const)('give the same %i-channel histogram on one thread as on %i', async (channels, threads) => {
    const data = arrays(channels);
    const rows = rowIndex();
    const size = nFeatures * data.stride * channels;
    const [a, b] = [new Float64Array(size), new Float64Array(size)];
    await withKernels(data, 1, (k) => k.histogram(rows, 100, n, a));
    await withKernels(data, threads, (k) => k.histogram(rows, 100, n, b));
    b.forEach((v, i) => {
      if (channels === 3 && i % 3 === 2) expect(v).toBe(a[i]);
      else expect(v).toBeCloseTo(a[i] as number, 10);
    });
    expect(a.some((v) => v !== 0)).toBe(true);
  });

  it.each([2, 3])('partition rows exactly as one thread does, on %i threads', async (threads) => {
    const data = arrays(2);
    const random = new Random(3);
    const goLeft = Uint8Array.from({ length: 32 }, () => (random.next() < 0.4 ? 1 : 0));
    // A node's rows: a sorted subset, inside a larger row array (other nodes before and after).
    const subset = Int32Array.from({ length: n }, (_, i) => i).filter(() => random.next() < 0.9);
    const initial = rowIndex();
    initial.set(subset, 7);
    const end = 7 + subset.length - 5;
    const results = await Promise.all(
      [1, threads].map((t) =>
        withKernels(data, t, (k) => {
          const rows = rowIndex();
          rows.set(initial);
          const mid = k.partition(rows, 7, end, 4, goLeft);
          return { mid, rows: Array.from(rows) };
        }),
      ),
    );
    const [one, many] = results as [(typeof results)[0], (typeof results)[0]];
    expect(many.mid).toBe(one.mid);
    expect(many.rows).toEqual(one.rows);
    // One thread's answer is the stable partition, and rows outside the node stay where they were.
    const node = Array.from(initial.subarray(7, end));
    const side = (r: number) => goLeft[data.columns[4]?.[r] as number] === 1;
    expect(one.rows.slice(7, end)).toEqual([...node.filter(side), ...node.filter((r) => !side(r))]);
    expect(one.mid - 7).toBe(node.filter(side).length);
    expect(one.rows.slice(0, 7)).toEqual(Array.from(initial.subarray(0, 7)));
    expect(one.rows.slice(end)).toEqual(Array.from(initial.subarray(end)));
  });

  it.each([2, 3])('add a leaf value to each of its rows once, on %i threads', async (threads) => {
    const data = arrays(2);
    const rows = rowIndex();
    const raw = data.raw;
    raw.fill(0.5);
    await withKernels(data, threads, (k) => k.addToRaw(rows, 10, n - 10, 0.25));
    expect(raw.filter((v) => v === 0.75).length).toBe(n - 20);
    expect([raw[0], raw[9], raw[n - 10], raw[n - 1]]).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it.each([2, 3])('compute the gradients of every row as one thread does, on %i threads', async (threads) => {
    const expected = arrays(2);
    binaryLogistic.gradients(expected.raw, expected.y, expected.weights, expected.grad, expected.hess);
    const data = arrays(2);
    data.grad.fill(0);
    data.hess.fill(0);
    await withKernels(data, threads, (k) => {
      // Workers start with the first parallel job on a row array.
      k.addToRaw(rowIndex(), 0, n, 0);
      k.gradients();
    });
    expect(Array.from(data.grad)).toEqual(Array.from(expected.grad));
    expect(Array.from(data.hess)).toEqual(Array.from(expected.hess));
  });

  it.each([
    [2, 1],
    [3, 1],
    [2, 2],
    [3, 3],
  ] as const)(
    'build several %i-channel nodes in one pass as node by node, on %i threads',
    async (channels, threads) => {
      const data = arrays(channels);
      const random = new Random(5);
      // Eleven nodes (more than one level pass takes) of random rows, each ascending, as after
      // partitions; a tenth of the rows belongs to none.
      const lists: number[][] = Array.from({ length: 11 }, () => []);
      for (let r = 0; r < n; r++) if (random.next() < 0.9) lists[Math.floor(random.next() * 11)]?.push(r);
      const rows = rowIndex();
      const nodes: NodeRows[] = [];
      let at = 0;
      for (const list of lists) {
        rows.set(list, at);
        nodes.push({ begin: at, end: at + list.length });
        at += list.length;
      }
      const size = nFeatures * data.stride * channels;
      const alone = nodes.map(() => new Float64Array(size));
      const together = nodes.map(() => new Float64Array(size).fill(9));
      await withKernels(data, 1, (k) => {
        nodes.forEach(({ begin, end }, i) => {
          k.histogram(rows, begin, end, alone[i] as Float64Array);
        });
      });
      await withKernels(data, threads, (k) => k.histograms(rows, nodes, together));
      nodes.forEach((_, i) => {
        const a = alone[i] as Float64Array;
        const b = together[i] as Float64Array;
        if (threads === 1) expect(b).toEqual(a);
        else {
          b.forEach((v, j) => {
            if (channels === 3 && j % 3 === 2) expect(v).toBe(a[j]);
            else expect(v).toBeCloseTo(a[j] as number, 10);
          });
        }
      });
      // The row → node marks are cleared: a second call gives the same answer.
      const again = nodes.map(() => new Float64Array(size));
      await withKernels(data, threads, (k) => {
        k.histograms(rows, nodes, together);
        k.histograms(rows, nodes, again);
      });
      again.forEach((h, i) => {
        expect(h).toEqual(together[i]);
      });
    },
  );
});
