/**
 * Divides rows into the train, valid, test and out-of-time samples by the split policy,
 * deterministically for a given seed.
 *
 * - random: the rows (each class on its own when stratified) are shuffled with the seed and cut
 *   into train/valid/test counts by largest remainder, so each count is m·fraction rounded and a
 *   fraction of 0 gets no row.
 * - time: rows dated on or after oot_start (and not after oot_end when set) are the oot sample;
 *   rows after oot_end are left out; earlier rows are split as above by the in_time fractions.
 *   Dates are compared as calendar days; the caller rejects rows without a readable date.
 *
 * Rows whose outcome is unknown (NaN) are in no sample.
 */
import type { SplitPolicy } from '@talaty/schemas';
import { Random } from '../engine/random.ts';

export const SAMPLES = ['train', 'valid', 'test', 'oot'] as const;
export type SampleName = (typeof SAMPLES)[number];
export const TRAIN = 0;
export const VALID = 1;
export const TEST = 2;
export const OOT = 3;
export const EXCLUDED = -1;

export interface Fractions {
  readonly train: number;
  readonly valid: number;
  readonly test: number;
}

/** Train, valid and test counts of `m` rows: m·fraction rounded by largest remainder (summing to m). */
export function sampleCounts(m: number, f: Fractions): [number, number, number] {
  const raw = [m * f.train, m * f.valid, m * f.test];
  const counts = raw.map((x) => Math.floor(x + 1e-9));
  const remainder = (k: number) => (raw[k] as number) - (counts[k] as number);
  let left = m - counts.reduce((a, b) => a + b, 0);
  for (const k of [0, 1, 2].sort((a, b) => remainder(b) - remainder(a) || a - b)) {
    if (left > 0 && remainder(k) > 1e-9) {
      counts[k] = (counts[k] as number) + 1;
      left--;
    }
  }
  counts[0] = (counts[0] as number) + left; // only floating-point slack can get here
  return counts as [number, number, number];
}

function shuffle(rows: number[], random: Random): void {
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const t = rows[i] as number;
    rows[i] = rows[j] as number;
    rows[j] = t;
  }
}

/** Assigns `rows` to train/valid/test at random, each class separately when `stratify`. */
function assignAtRandom(
  assignment: Int8Array,
  rows: readonly number[],
  y: Float64Array,
  fractions: Fractions,
  stratify: boolean,
  seed: number,
): void {
  const random = new Random(seed);
  const strata = stratify ? [rows.filter((r) => y[r] === 1), rows.filter((r) => y[r] !== 1)] : [[...rows]];
  for (const stratum of strata) {
    shuffle(stratum, random);
    const [nTrain, nValid] = sampleCounts(stratum.length, fractions);
    stratum.forEach((row, i) => {
      assignment[row] = i < nTrain ? TRAIN : i < nTrain + nValid ? VALID : TEST;
    });
  }
}

export interface Split {
  /** Per row: TRAIN, VALID, TEST, OOT or EXCLUDED. */
  readonly assignment: Int8Array;
  /** Rows left out because their outcome is missing. */
  readonly missingTarget: number;
  /** Rows left out because they are dated after oot_end. */
  readonly afterOotEnd: number;
}

/**
 * `y`: 1 bad, 0 good, NaN unknown. `days`: each row's calendar day (YYYY-MM-DD), required for a
 * time split and without nulls.
 */
export function splitRows(policy: SplitPolicy, y: Float64Array, days: ReadonlyArray<string | null> | null): Split {
  const assignment = new Int8Array(y.length).fill(EXCLUDED);
  let missingTarget = 0;
  let afterOotEnd = 0;
  const inTime: number[] = [];
  for (let r = 0; r < y.length; r++) {
    if (Number.isNaN(y[r] as number)) {
      missingTarget++;
      continue;
    }
    if (policy.method === 'random') {
      inTime.push(r);
      continue;
    }
    const day = days?.[r];
    if (day === null || day === undefined) throw new Error(`row ${r} has no date for the time split`);
    if (policy.oot_end !== null && day > policy.oot_end) afterOotEnd++;
    else if (day >= policy.oot_start) assignment[r] = OOT;
    else inTime.push(r);
  }
  const fractions = policy.method === 'random' ? policy.fractions : policy.in_time;
  assignAtRandom(assignment, inTime, y, fractions, policy.stratify, policy.seed);
  return { assignment, missingTarget, afterOotEnd };
}

/** Rows of each sample, ascending. */
export function sampleRows(assignment: Int8Array): Int32Array[] {
  const counts = [0, 0, 0, 0];
  for (const s of assignment) if (s >= 0) counts[s] = (counts[s] as number) + 1;
  const rows = counts.map((n) => new Int32Array(n));
  const filled = [0, 0, 0, 0];
  assignment.forEach((s, r) => {
    if (s < 0) return;
    const at = filled[s] as number;
    (rows[s] as Int32Array)[at] = r;
    filled[s] = at + 1;
  });
  return rows;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * The calendar day a date cell names, as YYYY-MM-DD, or null: ISO 8601 dates and date-times (the
 * day as written, whatever the time zone) and compact YYYYMMDD dates.
 */
export function dayOf(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim();
  const match = ISO_DAY.exec(trimmed) ?? COMPACT_DAY.exec(trimmed);
  if (match === null) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real ? `${match[1]}-${match[2]}-${match[3]}` : null;
}
