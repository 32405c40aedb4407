/**
 * Streaming CSV reader into a column Table. Accepts a header row, comma, semicolon or tab
 * delimiters (detected from the header), quoted fields with "" escapes and embedded newlines,
 * CRLF, a UTF-8 BOM and gzip (detected from the magic bytes). Empty cells and the tokens in
 * MISSING_TOKENS are missing. A column is numeric while every present cell is a number, else text.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Column, Table } from '../data/table.ts';

export const MISSING_TOKENS: ReadonlySet<string> = new Set(['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']);

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

export interface CsvOptions {
  /** Columns read as text even when every cell is a number (categorical features, the target). */
  readonly textColumns?: ReadonlySet<string>;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Exact parse of plain decimals (Number() semantics); NaN when the fast path does not apply. */
function fastNumber(buf: Buffer, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) negative = buf[i++] === 0x2d;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (dot) fraction++;
    } else if (c === 0x2e && !dot) dot = true;
    else return Number.NaN;
  }
  // Below 2^53 with at most 22 decimals, one division is correctly rounded (the strtod fast path).
  if (digits === 0 || digits > 15 || fraction > 22) return Number.NaN;
  const value = fraction === 0 ? mantissa : mantissa / 10 ** fraction;
  return negative ? -value : value;
}

/** Decimal numbers only: no hex, no Infinity, no empty string (which Number() would take). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Numeric cells whose text differs from String(value), kept so a column that turns out to be text keeps them as written. */
const MAX_ORIGINALS = 100_000;

/** True when the plain decimal in buf[start..end) would not print back the same (leading or trailing zeros, a sign). */
function nonCanonical(buf: Buffer, start: number, end: number): boolean {
  const first = buf[start];
  if (first === 0x2b) return true;
  const digits = first === 0x2d ? start + 1 : start;
  if (buf[digits] === 0x30 && end - digits > 1 && buf[digits + 1] !== 0x2e) return true;
  const dot = buf.indexOf(0x2e, start);
  return dot >= 0 && dot < end && (buf[end - 1] === 0x30 || buf[end - 1] === 0x2e || dot === digits);
}

class ColumnBuilder {
  numbers: Float64Array | null = new Float64Array(1024);
  texts: Array<string | null> | null = null;
  length = 0;
  private originals: Map<number, string> | null = new Map();
  constructor(
    readonly name: string,
    text: boolean,
  ) {
    if (text) this.toText();
  }

  toText(): void {
    const numbers = this.numbers;
    this.texts = [];
    if (numbers !== null) {
      for (let i = 0; i < this.length; i++) {
        const v = numbers[i] as number;
        this.texts.push(Number.isNaN(v) ? null : (this.originals?.get(i) ?? String(v)));
      }
    }
    this.numbers = null;
    this.originals = null;
  }

  push(buf: Buffer, start: number, end: number, quoted: boolean): void {
    const numbers = this.numbers;
    if (numbers !== null) {
      let v = quoted ? Number.NaN : fastNumber(buf, start, end);
      let original: string | null = null;
      if (Number.isNaN(v)) {
        const raw = this.decode(buf, start, end, quoted);
        const text = raw.trim();
        if (text === '' || MISSING_TOKENS.has(text)) v = Number.NaN;
        else if (DECIMAL.test(text)) {
          v = Number(text);
          if (String(v) !== raw) original = raw;
        } else {
          this.toText();
          this.pushText(raw);
          return;
        }
      } else if (nonCanonical(buf, start, end)) original = buf.toString('latin1', start, end);
      if (original !== null && this.originals !== null) {
        if (this.originals.size < MAX_ORIGINALS) this.originals.set(this.length, original);
        else this.originals = null;
      }
      if (this.length === numbers.length) {
        this.numbers = new Float64Array(numbers.length * 2);
        this.numbers.set(numbers);
      }
      (this.numbers as Float64Array)[this.length++] = v;
      return;
    }
    this.pushText(this.decode(buf, start, end, quoted));
  }

  private pushText(text: string): void {
    const trimmed = text.trim();
    (this.texts as Array<string | null>).push(trimmed === '' || MISSING_TOKENS.has(trimmed) ? null : text);
    this.length++;
  }

  private decode(buf: Buffer, start: number, end: number, quoted: boolean): string {
    const text = buf.toString('utf8', start, end);
    return quoted ? text.replaceAll('""', '"') : text;
  }

  finish(): Column {
    if (this.numbers !== null) return { kind: 'number', name: this.name, values: this.numbers.slice(0, this.length) };
    return { kind: 'string', name: this.name, values: this.texts as Array<string | null> };
  }
}

function detectDelimiter(header: string): number {
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  const [best] = counts.sort((a, b) => b[1] - a[1]);
  return (best as readonly [string, number])[0].charCodeAt(0);
}

/**
 * Parses complete records of buf[from..]; calls onRecord with field boundaries. Returns where the
 * first incomplete record starts (buf.length when all were complete and `final`).
 */
function parseRecords(
  buf: Buffer,
  delimiter: number,
  final: boolean,
  onRecord: (starts: number[], ends: number[], quoted: boolean[], lines: number) => void,
): number {
  let pos = 0;
  const starts: number[] = [];
  const ends: number[] = [];
  const quoted: boolean[] = [];
  while (pos < buf.length) {
    starts.length = 0;
    ends.length = 0;
    quoted.length = 0;
    let i = pos;
    let complete = false;
    for (;;) {
      if (buf[i] === QUOTE) {
        let j = i + 1;
        for (;;) {
          while (j < buf.length && buf[j] !== QUOTE) j++;
          if (j >= buf.length) break;
          if (buf[j + 1] === QUOTE) j += 2;
          else break;
        }
        if (j >= buf.length) {
          if (final) throw new CsvError('a quoted field is not closed before the end of the file');
          break; // the quoted field continues in the next chunk
        }
        starts.push(i + 1);
        ends.push(j);
        quoted.push(true);
        i = j + 1;
      } else {
        let j = i;
        while (j < buf.length && buf[j] !== delimiter && buf[j] !== LF && buf[j] !== CR) j++;
        starts.push(i);
        ends.push(j);
        quoted.push(false);
        i = j;
      }
      if (i >= buf.length) {
        complete = final;
        break;
      }
      const c = buf[i];
      if (c === delimiter) {
        i++;
        if (i >= buf.length && !final) break;
        continue;
      }
      if (c === CR) i++;
      if (i < buf.length && buf[i] === LF) i++;
      else if (c === LF) i++;
      if (c !== CR && c !== LF) throw new CsvError(`unexpected character after a quoted field`);
      complete = true;
      break;
    }
    if (!complete) return final ? buf.length : pos;
    let lines = 1;
    for (let k = 0; k < quoted.length; k++) {
      if (quoted[k]) for (let b = starts[k] as number; b < (ends[k] as number); b++) if (buf[b] === LF) lines++;
    }
    pos = i;
    onRecord(starts, ends, quoted, lines);
  }
  return pos;
}

export async function readCsv(path: string, options: CsvOptions = {}): Promise<Table> {
  const first = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 1 });
    const parts: Buffer[] = [];
    s.on('data', (b) => parts.push(b as Buffer));
    s.on('end', () => resolve(Buffer.concat(parts)));
    s.on('error', (e) =>
      reject(new CsvError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)),
    );
  });
  const gzip = first[0] === 0x1f && first[1] === 0x8b;
  const stream = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  let carry: Buffer = Buffer.alloc(0);
  let columns: ColumnBuilder[] | null = null;
  let delimiter = 0x2c;
  let line = 0;
  let dataRows = 0;
  const onRecord = (starts: number[], ends: number[], quoted: boolean[], lines: number, buf: Buffer) => {
    const first = line + 1;
    line += lines;
    // A blank line (one empty unquoted field) is skipped, unless the file has a single column.
    const blank = starts.length === 1 && starts[0] === ends[0] && !quoted[0];
    if (blank && (columns === null || columns.length > 1)) return;
    if (columns === null) {
      const names = starts.map((s, k) => {
        const name = buf.toString('utf8', s, ends[k]).trim();
        return quoted[k] ? name.replaceAll('""', '"') : name;
      });
      if (names.some((n) => n === '')) throw new CsvError(`${path}: the header has an empty column name`);
      const dup = names.find((n, k) => names.indexOf(n) !== k);
      if (dup !== undefined) throw new CsvError(`${path}: the header names column "${dup}" twice`);
      columns = names.map((n) => new ColumnBuilder(n, options.textColumns?.has(n) ?? false));
      return;
    }
    dataRows++;
    if (starts.length !== columns.length) {
      throw new CsvError(
        `${path}: data row ${dataRows} (line ${first}) has ${starts.length} fields; the header has ${columns.length}`,
      );
    }
    for (let k = 0; k < columns.length; k++) {
      (columns[k] as ColumnBuilder).push(buf, starts[k] as number, ends[k] as number, quoted[k] as boolean);
    }
  };
  try {
    for await (const chunk of stream) {
      let buf = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      if (columns === null && carry.length === 0 && line === 0) {
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        const end = buf.indexOf(LF);
        delimiter = detectDelimiter(buf.toString('utf8', 0, end < 0 ? buf.length : end));
      }
      const used = parseRecords(buf, delimiter, false, (s, e, q, n) => onRecord(s, e, q, n, buf));
      carry = buf.subarray(used);
    }
    if (carry.length > 0) parseRecords(carry, delimiter, true, (s, e, q, n) => onRecord(s, e, q, n, carry));
  } catch (error) {
    if (error instanceof CsvError) {
      throw error.message.startsWith(path) ? error : new CsvError(`${path}: line ${line + 1}: ${error.message}`);
    }
    throw new CsvError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (columns === null) throw new CsvError(`${path} is empty: no header row`);
  const built = (columns as ColumnBuilder[]).map((c) => c.finish());
  const rows = built[0]?.values.length ?? 0;
  if (rows === 0) throw new CsvError(`${path} has a header but no data rows`);
  return { rows, columns: built };
}
