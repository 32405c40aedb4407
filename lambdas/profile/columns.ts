/**
 * One column's profile, accumulated cell by cell in fixed memory: the inferred type, missing
 * count, a distinct estimate, moments and a quantile sample for numbers, date range, and the most
 * frequent values. CSV cells arrive as raw bytes (numbers are parsed without making strings);
 * Parquet cells arrive as values.
 */
import type { ColumnProfile as ColumnProfileSchema } from '@talaty/schemas';
import type { z } from 'zod';
import { DatasetFault } from './fault.ts';
import { FrequentValues, HyperLogLog, hashBytes, hashNumber, hashString, Reservoir } from './sketches.ts';

export type ColumnProfile = z.output<typeof ColumnProfileSchema>;

/** Distinct numbers counted exactly per column; beyond this, numeric columns keep no value table. */
const SMALL_NUMERIC_DOMAIN = 64;
const SMALL_INT_OFFSET = 1024;
const TOP_VALUES = 20;
const QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Whether the last `parseNumber` read an integer literal (no point, no exponent). */
let parsedInteger = false;

/**
 * A decimal literal in bytes → its value, or NaN when the bytes are not one. Literals of at most 15
 * significant digits are computed as integer / 10^k, which IEEE division rounds exactly as parsing
 * the text would; anything else (exponents, long mantissas) goes through Number().
 */
export function parseNumber(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = buf[i] as number;
  if (c === 0x2d || c === 0x2b) {
    negative = c === 0x2d;
    i += 1;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let sawPoint = false;
  let intDigits = 0;
  for (; i < end; i++) {
    c = buf[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      if (mantissa !== 0) digits += 1;
      if (sawPoint) scale += 1;
      else intDigits += 1;
    } else if (c === 0x2e && !sawPoint) {
      sawPoint = true;
    } else {
      break;
    }
  }
  if (i === end && digits <= 15 && scale <= 22 && (intDigits > 0 || scale > 0)) {
    parsedInteger = !sawPoint;
    const value = scale === 0 ? mantissa : mantissa / (POW10[scale] as number);
    return negative ? -value : value;
  }
  if (i < end && c !== 0x65 && c !== 0x45 && !(c >= 0x30 && c <= 0x39)) return Number.NaN;
  // Exponents and long literals: let the engine parse the exact text (JS grammar, finite only).
  const text = latin1.decode(buf.subarray(start, end));
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number.NaN;
  const value = Number(text);
  if (!Number.isFinite(value)) return Number.NaN;
  // A whole number written with an exponent (R writes 100000 as 1e+05) is still an integer.
  parsedInteger = Number.isSafeInteger(value) && (/[eE]/.test(text) || !text.includes('.'));
  return value;
}

const BOOLEAN = /^(true|false)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

enum TextKind {
  Boolean = 0,
  Date = 1,
  String = 2,
}

function classify(text: string): TextKind {
  if ((text.length === 4 || text.length === 5) && BOOLEAN.test(text)) return TextKind.Boolean;
  if (text.length >= 10 && isDate(text)) return TextKind.Date;
  return TextKind.String;
}

function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

/** Distinct text values per column remembered as bytes, so repeats skip decoding. */
const KNOWN_TEXTS = 1024;

export class ColumnProfiler {
  private readonly known = new Map<number, { bytes: Uint8Array; text: string; kind: TextKind }>();
  missing = 0;
  private integers = 0;
  private decimals = 0;
  private booleans = 0;
  private dates = 0;
  private strings = 0;

  private readonly distinct = new HyperLogLog();
  // Moments as sums of values shifted by the first one: stable without a division per value.
  private n = 0;
  private shift = Number.NaN;
  private sum = 0;
  private sumSquares = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private readonly sample: Reservoir;
  /** Exact counts of numeric values while the column has few of them (small integers in an array). */
  private smallDomain = true;
  private smallCount = 0;
  private readonly smallInts = new Uint32Array(2 * SMALL_INT_OFFSET);
  private readonly otherNumbers = new Map<number, number>();
  private readonly texts: FrequentValues;
  private minDate: string | null = null;
  private maxDate: string | null = null;

  constructor(
    readonly name: string,
    readonly index: number,
    sampleSize: number,
  ) {
    this.sample = new Reservoir(sampleSize, 0x5eed + index);
    this.texts = new FrequentValues(256);
  }

  /** A CSV cell as bytes on physical `line`; `nonAscii`: it holds a byte ≥ 0x80 (so must be UTF-8). */
  addBytes(buf: Uint8Array, start: number, end: number, nonAscii: boolean, line: number): void {
    if (start === end) {
      this.missing += 1;
      return;
    }
    if (!nonAscii) {
      const value = parseNumber(buf, start, end);
      if (!Number.isNaN(value)) {
        this.addNumber(value, parsedInteger);
        return;
      }
    }
    // Text: most columns repeat a few values, so known values skip decoding and classifying.
    const hash = hashBytes(buf, start, end);
    const known = this.known.get(hash);
    if (known !== undefined && sameBytes(known.bytes, buf, start, end)) {
      this.distinct.add(hash);
      this.countText(known.text, known.kind);
      return;
    }
    let text: string;
    if (!nonAscii) {
      text = latin1.decode(buf.subarray(start, end));
    } else {
      try {
        text = utf8.decode(buf.subarray(start, end));
      } catch {
        throw new DatasetFault(
          'NOT_UTF8',
          `Line ${line}, column "${this.name}": the bytes are not valid UTF-8. Save the file as UTF-8 and upload it again.`,
        );
      }
    }
    const kind = classify(text);
    if (this.known.size < KNOWN_TEXTS) this.known.set(hash, { bytes: buf.slice(start, end), text, kind });
    this.distinct.add(hash);
    this.countText(text, kind);
  }

  /** A Parquet cell (null or undefined = missing). */
  addValue(value: unknown): void {
    if (value === null || value === undefined) {
      this.missing += 1;
    } else if (typeof value === 'number') {
      if (Number.isNaN(value)) this.missing += 1;
      else this.addNumber(value, Number.isInteger(value));
    } else if (typeof value === 'bigint') {
      this.addNumber(Number(value), true);
    } else if (typeof value === 'boolean') {
      const text = value ? 'true' : 'false';
      this.addText(text, hashString(text));
    } else {
      const text = value instanceof Date ? value.toISOString() : String(value);
      this.addText(text, hashString(text));
    }
  }

  private addNumber(value: number, integer: boolean): void {
    if (integer) this.integers += 1;
    else this.decimals += 1;
    this.distinct.add(hashNumber(value));
    if (this.n === 0) this.shift = value;
    this.n += 1;
    const d = value - this.shift;
    this.sum += d;
    this.sumSquares += d * d;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.sample.add(value);
    if (this.smallDomain) {
      if (integer && value >= -SMALL_INT_OFFSET && value < SMALL_INT_OFFSET) {
        const slot = value + SMALL_INT_OFFSET;
        const seen = this.smallInts[slot] as number;
        if (seen === 0) this.smallCount += 1;
        this.smallInts[slot] = seen + 1;
      } else {
        const other = this.otherNumbers;
        const seen = other.get(value) ?? 0;
        if (seen === 0) this.smallCount += 1;
        other.set(value, seen + 1);
      }
      if (this.smallCount > SMALL_NUMERIC_DOMAIN) this.smallDomain = false;
    }
  }

  private addText(text: string, hash: number): void {
    this.distinct.add(hash);
    this.countText(text, classify(text));
  }

  private countText(text: string, kind: TextKind): void {
    this.texts.add(text);
    if (kind === TextKind.Boolean) {
      this.booleans += 1;
    } else if (kind === TextKind.Date) {
      this.dates += 1;
      if (this.minDate === null || text < this.minDate) this.minDate = text;
      if (this.maxDate === null || text > this.maxDate) this.maxDate = text;
    } else {
      this.strings += 1;
    }
  }

  get type(): ColumnProfile['type'] {
    const numeric = this.integers + this.decimals;
    const kinds = [numeric, this.booleans, this.dates, this.strings].filter((n) => n > 0).length;
    if (kinds !== 1) return 'string'; // mixed, or nothing but missing cells
    if (numeric > 0) return this.decimals > 0 ? 'number' : 'integer';
    if (this.booleans > 0) return 'boolean';
    if (this.dates > 0) return 'date';
    return 'string';
  }

  /** Counts of each value when they are all known, numbers written as JavaScript writes them. */
  valueCounts(): { values: Array<{ value: string; count: number }>; exact: boolean } {
    const numeric = this.integers + this.decimals;
    const table = new FrequentValues(Number.MAX_SAFE_INTEGER);
    for (const { value, count } of this.texts.top(Number.MAX_SAFE_INTEGER)) table.add(value, count);
    if (this.smallDomain) {
      this.smallInts.forEach((count, slot) => {
        if (count > 0) table.add(String(slot - SMALL_INT_OFFSET), count);
      });
      for (const [value, count] of this.otherNumbers) table.add(String(value), count);
    }
    const exact = this.texts.exact && (numeric === 0 || this.smallDomain);
    return { values: table.top(Number.MAX_SAFE_INTEGER), exact };
  }

  result(): ColumnProfile {
    const type = this.type;
    const isNumeric = type === 'integer' || type === 'number';
    const quantiles = isNumeric ? this.sample.quantiles(QUANTILES) : null;
    const counts = this.valueCounts();
    const showValues = !isNumeric || this.smallDomain;
    return {
      name: this.name,
      type,
      missing_count: this.missing,
      distinct_estimate: this.distinct.estimate(),
      numeric:
        isNumeric && quantiles !== null
          ? {
              min: this.min,
              max: this.max,
              mean: this.shift + this.sum / this.n,
              std: Math.sqrt(Math.max(0, this.sumSquares / this.n - (this.sum / this.n) ** 2)),
              quantiles: {
                p01: quantiles[0] as number,
                p05: quantiles[1] as number,
                p25: quantiles[2] as number,
                p50: quantiles[3] as number,
                p75: quantiles[4] as number,
                p95: quantiles[5] as number,
                p99: quantiles[6] as number,
              },
              quantiles_exact: this.sample.exact,
            }
          : null,
      dates:
        type === 'date' && this.minDate !== null && this.maxDate !== null
          ? { min: this.minDate, max: this.maxDate }
          : null,
      top_values: showValues ? counts.values.slice(0, TOP_VALUES) : [],
      top_values_exact: showValues ? counts.exact : false,
    };
  }
}
