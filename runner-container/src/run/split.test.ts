import { documents } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { Random } from '../engine/random.ts';
import { dayOf, EXCLUDED, OOT, sampleCounts, sampleRows, splitRows, TEST, TRAIN, VALID } from './split.ts';

/** n rows, every k-th bad (k = 5: 20% bad), optional missing outcomes. */
function outcomes(n: number, k: number, missingEvery = 0): Float64Array {
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) y[r] = missingEvery > 0 && r % missingEvery === 3 ? Number.NaN : r % k === 0 ? 1 : 0;
  return y;
}

const count = (a: Int8Array, s: number, rows?: (r: number) => boolean) =>
  a.reduce((n, v, r) => n + (v === s && (rows === undefined || rows(r)) ? 1 : 0), 0);

describe('sampleCounts', () => {
  it('rounds each fraction by largest remainder and sums to the row count', () => {
    expect(sampleCounts(1000, { train: 0.6, valid: 0.2, test: 0.2 })).toEqual([600, 200, 200]);
    expect(sampleCounts(7, { train: 0.7, valid: 0.15, test: 0.15 })).toEqual([5, 1, 1]);
    expect(sampleCounts(10, { train: 0.8, valid: 0.2, test: 0 })).toEqual([8, 2, 0]);
    expect(sampleCounts(3, { train: 0.5, valid: 0.5, test: 0 })).toEqual([2, 1, 0]);
    for (let m = 0; m < 60; m++) {
      const c = sampleCounts(m, { train: 0.7, valid: 0.3, test: 0 });
      expect(c[0] + c[1] + c[2]).toBe(m);
      expect(c[2]).toBe(0);
      expect(Math.abs(c[0] - 0.7 * m)).toBeLessThanOrEqual(1);
    }
  });
});

describe('random split', () => {
  const policy = (stratify: boolean, seed = 42) =>
    documents.SplitPolicy.parse({ method: 'random', fractions: { train: 0.6, valid: 0.2, test: 0.2 }, stratify, seed });

  it('stratified: exact counts per class, so every sample has the bad rate of the data', () => {
    const y = outcomes(1000, 5);
    const { assignment } = splitRows(policy(true), y, null);
    const bad = (r: number) => y[r] === 1;
    expect([count(assignment, TRAIN, bad), count(assignment, VALID, bad), count(assignment, TEST, bad)]).toEqual([
      120, 40, 40,
    ]);
    expect([count(assignment, TRAIN), count(assignment, VALID), count(assignment, TEST)]).toEqual([600, 200, 200]);
  });

  it('is the same for the same seed and differs for another', () => {
    const y = outcomes(500, 4);
    const a = splitRows(policy(true, 7), y, null).assignment;
    expect(splitRows(policy(true, 7), y, null).assignment).toEqual(a);
    expect(splitRows(policy(true, 8), y, null).assignment).not.toEqual(a);
  });

  it('unstratified: exact counts overall, a class share that varies by sample', () => {
    const y = outcomes(1000, 5);
    const { assignment } = splitRows(policy(false, 5), y, null);
    expect([count(assignment, TRAIN), count(assignment, VALID), count(assignment, TEST)]).toEqual([600, 200, 200]);
    const trainBads = count(assignment, TRAIN, (r) => y[r] === 1);
    const validBads = count(assignment, VALID, (r) => y[r] === 1);
    expect(trainBads + validBads + count(assignment, TEST, (r) => y[r] === 1)).toBe(200);
    expect([trainBads, validBads]).not.toEqual([120, 40]);
  });

  it('leaves rows with an unknown outcome out of every sample', () => {
    const y = outcomes(200, 5, 10);
    const { assignment, missingTarget } = splitRows(policy(true), y, null);
    expect(missingTarget).toBe(20);
    y.forEach((v, r) => {
      expect(assignment[r] === EXCLUDED).toBe(Number.isNaN(v));
    });
    expect(sampleRows(assignment).map((rows) => rows.length)).toEqual([108, 36, 36, 0]);
  });
});

describe('time split', () => {
  const start = Date.UTC(2020, 0, 1);
  // Days in a shuffled order, so position in the file says nothing about the date.
  const n = 730;
  const order = Array.from({ length: n }, (_, i) => i);
  const random = new Random(1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const days = order.map((d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10));
  const y = outcomes(n, 4);

  it('puts every row dated on or after oot_start in oot, and none before it', () => {
    const policy = documents.SplitPolicy.parse({
      method: 'time',
      date_column: 'd',
      oot_start: '2021-01-01',
      in_time: { train: 0.7, valid: 0.2, test: 0.1 },
      seed: 3,
    });
    const { assignment } = splitRows(policy, y, days);
    days.forEach((day, r) => {
      if (day >= '2021-01-01') expect(assignment[r]).toBe(OOT);
      else expect([TRAIN, VALID, TEST]).toContain(assignment[r]);
    });
    expect(count(assignment, OOT)).toBe(730 - 366);
    // Stratified: each class is rounded on its own, so a total may be one row off per class.
    const inTime = [count(assignment, TRAIN), count(assignment, VALID), count(assignment, TEST)];
    expect(inTime.reduce((a, b) => a + b, 0)).toBe(366);
    [0.7, 0.2, 0.1].forEach((f, s) => {
      expect(Math.abs((inTime[s] as number) - 366 * f)).toBeLessThanOrEqual(2);
    });
  });

  it('leaves out rows after oot_end, keeps oot_end itself in oot', () => {
    const policy = documents.SplitPolicy.parse({
      method: 'time',
      date_column: 'd',
      oot_start: '2021-01-01',
      oot_end: '2021-03-31',
    });
    const { assignment, afterOotEnd } = splitRows(policy, y, days);
    expect(afterOotEnd).toBe(730 - 366 - 90);
    days.forEach((day, r) => {
      const expected = day > '2021-03-31' ? [EXCLUDED] : day >= '2021-01-01' ? [OOT] : [TRAIN, VALID];
      expect(expected).toContain(assignment[r]);
    });
    expect(count(assignment, OOT)).toBe(90);
  });
});

describe('dayOf', () => {
  it('reads ISO dates, ISO date-times (the day as written) and YYYYMMDD', () => {
    expect(dayOf('2021-03-04')).toBe('2021-03-04');
    expect(dayOf(' 2021-03-04 ')).toBe('2021-03-04');
    expect(dayOf('2021-03-04T23:30:00-05:00')).toBe('2021-03-04');
    expect(dayOf('2021-03-04 10:00')).toBe('2021-03-04');
    expect(dayOf('20210304')).toBe('2021-03-04');
    expect(dayOf('2020-02-29')).toBe('2020-02-29');
  });

  it('refuses anything else, and days that do not exist', () => {
    for (const text of [
      null,
      '',
      '04/03/2021',
      '2021-3-4',
      '2021-02-29',
      '2021-13-01',
      '202103041',
      'soon',
      '2021-0304',
    ]) {
      expect(dayOf(text)).toBeNull();
    }
  });
});
