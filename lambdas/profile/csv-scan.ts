/**
 * A streaming CSV tokenizer over byte chunks: RFC 4180 quoting (quoted delimiters, newlines and
 * doubled quotes), LF or CRLF line ends, a UTF-8 byte-order mark, and the delimiter detected from
 * the header when not declared. It hands each cell to the sink as a byte range, never building a
 * string per cell, and stops at the first problem with a DatasetFault naming the line.
 * Memory is one chunk plus the longest record, which is capped.
 */
import { count, DatasetFault } from './fault.ts';

export type Delimiter = ',' | ';' | '\t';

/** Receives the cells of one column: bytes [start, end) of `buf`, from physical line `line`. */
export interface CellConsumer {
  addBytes(buf: Uint8Array, start: number, end: number, nonAscii: boolean, line: number): void;
}

export interface CsvSink {
  /** The header's names, in order (checked: non-empty and unique); answers one consumer per column. */
  header(names: string[]): CellConsumer[];
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** A record longer than this is refused (and it bounds memory): no credit file has such rows. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** Bytes looked at before the first record: the header line, and the binary check. */
const SNIFF_BYTES = 65_536;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the first bytes look like binary data: a NUL, or more than 1% control characters. */
function looksBinary(start: Uint8Array): boolean {
  const n = Math.min(start.length, 65_536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = start[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control += 1;
  }
  return control > n / 100;
}

function describeBinary(start: Uint8Array): string | null {
  if (start[0] === 0x1f && start[1] === 0x8b) return 'The file is gzip-compressed; declare its format as csv.gz.';
  if (start[0] === 0x50 && start[1] === 0x41 && start[2] === 0x52 && start[3] === 0x31) {
    return 'The file is Parquet; declare its format as parquet.';
  }
  if (start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04) {
    return 'The file is a ZIP archive (an Excel workbook?); export the sheet as CSV.';
  }
  return null;
}

/** The delimiter the header line uses most, outside quotes (comma on a tie or when none occurs). */
export function detectDelimiter(line: Uint8Array): Delimiter {
  let quoted = false;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (const b of line) {
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted && b === 0x2c) counts[','] += 1;
    else if (!quoted && b === 0x3b) counts[';'] += 1;
    else if (!quoted && b === 0x09) counts['\t'] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * The end of the last complete record in `buf` (just after a line end outside quotes), or 0.
 * A line end is outside quotes when an even number of quotes precede it in `buf`, which starts at
 * a record boundary; quotes are rare in credit data, so this counts them with native searches.
 */
export function lastRecordEnd(buf: Uint8Array): number {
  let quotes = 0;
  for (let q = buf.indexOf(QUOTE); q !== -1; q = buf.indexOf(QUOTE, q + 1)) quotes += 1;
  let lf = buf.lastIndexOf(LF);
  let after = buf.length;
  while (lf !== -1) {
    for (let p = lf + 1; p < after; p++) if (buf[p] === QUOTE) quotes -= 1;
    if (quotes % 2 === 0) return lf + 1;
    after = lf;
    lf = lf === 0 ? -1 : buf.lastIndexOf(LF, lf - 1);
  }
  return 0;
}

/** Column names must be non-empty, at most 256 characters, and unique. */
export function checkColumnNames(names: readonly string[], where: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name.trim() === '') {
      throw new DatasetFault(
        'EMPTY_COLUMN_NAME',
        `Column ${i + 1} of the ${where} has no name; every column needs one.`,
      );
    }
    if (name.length > 256) {
      throw new DatasetFault('COLUMN_NAME_TOO_LONG', `Column ${i + 1}'s name is longer than 256 characters.`);
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new DatasetFault(
        'DUPLICATE_COLUMN',
        `Columns ${earlier + 1} and ${i + 1} are both named "${name}"; column names must be unique.`,
      );
    }
    seen.set(name, i);
  });
}

export class CsvScanner {
  /** Bytes of a record that began in an earlier chunk. */
  private carry: Uint8Array | null = null;
  /** The physical line the next record starts on (1-based). */
  private line = 1;
  private started = false;
  private headerNames: string[] | null = null;
  private consumers: CellConsumer[] = [];
  private delimiterByte = 0x2c;
  private records = 0;
  private blankLineAt = 0;
  private unescaped = new Uint8Array(1024);
  /** Bytes an unquoted cell cannot simply contain: the delimiter, LF, a quote, NUL, non-ASCII. */
  private readonly special = (() => {
    const table = new Uint8Array(256);
    for (const b of [0, LF, QUOTE]) table[b] = 1;
    table.fill(1, 0x80);
    return table;
  })();

  constructor(
    private readonly sink: CsvSink,
    private delimiter: Delimiter | null,
  ) {}

  get detectedDelimiter(): Delimiter | null {
    return this.delimiter;
  }

  /** Data records seen (the header excluded). */
  get rowCount(): number {
    return this.records;
  }

  get columnCount(): number {
    return this.headerNames?.length ?? 0;
  }

  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry !== null) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry, 0);
      joined.set(chunk, this.carry.length);
      buf = joined;
      this.carry = null;
    }
    if (!this.started) {
      // The first 64 KiB (or the whole file) decide whether this is text and, by its first line,
      // the delimiter: never how the stream happens to be chunked.
      if (buf.length < SNIFF_BYTES) {
        this.carry = buf.slice();
        return;
      }
      buf = this.begin(buf);
    }
    const boundary = lastRecordEnd(buf);
    if (boundary > 0) this.scan(buf.subarray(0, boundary));
    if (boundary < buf.length) {
      if (buf.length - boundary > MAX_RECORD_BYTES) {
        // Usually a stray quote that made every later line end look quoted: tokenizing the rest
        // names it (MALFORMED_QUOTE, UNTERMINATED_QUOTE) better than its length does.
        this.scan(buf.subarray(boundary));
        throw new DatasetFault(
          'RECORD_TOO_LONG',
          `Line ${count(this.line)} is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB without a line end: is this a CSV file?`,
        );
      }
      this.carry = buf.slice(boundary);
    }
  }

  /** The end of the input: the last record may lack its line end. */
  end(): void {
    let buf = this.carry ?? new Uint8Array(0);
    this.carry = null;
    if (!this.started) {
      if (buf.length === 0) throw new DatasetFault('EMPTY_FILE', 'The file is empty.');
      buf = this.begin(buf);
    }
    if (buf.length > 0) this.scan(buf);
    if (this.headerNames === null) throw new DatasetFault('EMPTY_FILE', 'The file has no header line.');
    if (this.records === 0) {
      throw new DatasetFault('HEADER_ONLY', 'The file has a header but no data rows.');
    }
  }

  /** Checks the first bytes, drops a byte-order mark and detects the delimiter from the first line. */
  private begin(buf: Uint8Array): Uint8Array {
    this.started = true;
    const binary = describeBinary(buf);
    if (binary !== null) throw new DatasetFault('NOT_CSV', binary);
    if (looksBinary(buf)) {
      throw new DatasetFault('BINARY_DATA', 'The file starts with binary data (control bytes), not CSV text.');
    }
    let view = buf;
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) view = buf.subarray(3);
    if (this.delimiter === null) {
      const lf = view.indexOf(LF);
      this.delimiter = detectDelimiter(view.subarray(0, lf === -1 ? Math.min(view.length, 65_536) : lf));
    }
    this.delimiterByte = this.delimiter.charCodeAt(0);
    this.special[this.delimiterByte] = 1;
    return view;
  }

  /** Tokenizes `buf`, which holds whole records (the last one may lack its line end). */
  private scan(buf: Uint8Array): void {
    const n = buf.length;
    const delimiter = this.delimiterByte;
    let i = 0;
    while (i < n) {
      const line = this.line;
      let lines = 0;
      const inHeader = this.headerNames === null;
      const expected = this.headerNames?.length ?? 0;
      // A blank line: tolerated only at the end of the file.
      if (!inHeader && expected > 1 && (buf[i] === LF || (buf[i] === CR && buf[i + 1] === LF))) {
        if (this.blankLineAt === 0) this.blankLineAt = line;
        i += buf[i] === CR ? 2 : 1;
        this.line = line + 1;
        continue;
      }
      if (this.blankLineAt !== 0) {
        throw new DatasetFault(
          'BLANK_LINE',
          `Line ${count(this.blankLineAt)} is empty but data follows it; remove the blank line.`,
        );
      }
      const headerCells: string[] | null = inHeader ? [] : null;
      const consumers = this.consumers;
      let column = 0;
      for (;;) {
        // One cell starting at i.
        let nonAscii = false;
        if (i < n && buf[i] === QUOTE) {
          // Quoted: up to the closing quote; "" inside is one quote.
          const start = i + 1;
          let j = start;
          let escapes = 0;
          for (;;) {
            while (j < n) {
              const b = buf[j] as number;
              if (b === QUOTE) break;
              if (b === LF) lines += 1;
              else if (b >= 0x80) nonAscii = true;
              else if (b === 0) this.binary(line + lines);
              j += 1;
            }
            if (j >= n) {
              throw new DatasetFault(
                'UNTERMINATED_QUOTE',
                `The quoted field that starts on line ${count(line)} never ends: a closing quote (") is missing.`,
              );
            }
            if (buf[j + 1] === QUOTE) {
              escapes += 1;
              j += 2;
              continue;
            }
            break;
          }
          i = j + 1;
          if (escapes > 0) {
            const length = j - start - escapes;
            if (this.unescaped.length < length) this.unescaped = new Uint8Array(length * 2);
            let k = 0;
            for (let p = start; p < j; p++) {
              const b = buf[p] as number;
              this.unescaped[k++] = b;
              if (b === QUOTE) p += 1;
            }
            this.emit(headerCells, column, this.unescaped, 0, k, nonAscii, line + lines);
          } else {
            this.emit(headerCells, column, buf, start, j, nonAscii, line + lines);
          }
          const after = i < n ? (buf[i] as number) : -1;
          if (
            after !== delimiter &&
            after !== LF &&
            after !== -1 &&
            !(after === CR && (i + 1 === n || buf[i + 1] === LF))
          ) {
            throw new DatasetFault(
              'MALFORMED_QUOTE',
              `Line ${count(line + lines)}, field ${column + 1}: text follows a closing quote. ` +
                'A quote inside a quoted field must be doubled ("").',
            );
          }
        } else {
          const start = i;
          const special = this.special;
          while (i < n) {
            const b = buf[i] as number;
            if (special[b] !== 0) {
              if (b === delimiter || b === LF) break;
              if (b >= 0x80) nonAscii = true;
              else if (b === QUOTE) this.strayQuote(line + lines, column);
              else if (b === 0) this.binary(line + lines);
            }
            i += 1;
          }
          const end = i > start && buf[i - 1] === CR && (i === n || buf[i] === LF) ? i - 1 : i;
          if (headerCells === null) consumers[column]?.addBytes(buf, start, end, nonAscii, line + lines);
          else this.emit(headerCells, column, buf, start, end, nonAscii, line + lines);
        }
        column += 1;
        // i is at a delimiter, a line end (maybe CR LF) or the end of the input.
        if (i < n && buf[i] === delimiter) {
          i += 1;
          if (i === n) {
            // A trailing delimiter at the very end: one more, empty, cell.
            this.emit(headerCells, column, buf, i, i, false, line + lines);
            column += 1;
            break;
          }
          continue;
        }
        if (i < n && buf[i] === CR) i += 1;
        if (i < n && buf[i] === LF) {
          i += 1;
          lines += 1;
        }
        break;
      }
      this.finishRecord(headerCells, column, line);
      this.line = line + lines;
    }
  }

  private emit(
    headerCells: string[] | null,
    column: number,
    buf: Uint8Array,
    start: number,
    end: number,
    nonAscii: boolean,
    line: number,
  ): void {
    if (headerCells !== null) {
      try {
        headerCells.push(utf8.decode(buf.subarray(start, end)));
      } catch {
        throw new DatasetFault('NOT_UTF8', `Line ${line}: the header is not valid UTF-8. Save the file as UTF-8.`);
      }
      return;
    }
    const consumer = this.consumers[column];
    if (consumer !== undefined) consumer.addBytes(buf, start, end, nonAscii, line);
  }

  private finishRecord(headerCells: string[] | null, columns: number, line: number): void {
    if (headerCells !== null) {
      this.acceptHeader(headerCells, line);
      return;
    }
    const expected = this.headerNames?.length ?? 0;
    if (columns !== expected) {
      throw new DatasetFault(
        'RAGGED_ROW',
        `Line ${count(line)} has ${count(columns)} field${columns === 1 ? '' : 's'}; the header has ${count(expected)}.`,
      );
    }
    this.records += 1;
  }

  private acceptHeader(names: string[], line: number): void {
    if (names.length === 1 && names[0] === '') {
      throw new DatasetFault('NO_HEADER', `Line ${line} is empty: the file must start with a header of column names.`);
    }
    checkColumnNames(names, 'header');
    const numeric = names.filter((n) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(n.trim()));
    if (numeric.length === names.length) {
      throw new DatasetFault(
        'NO_HEADER',
        `The first line holds numbers (${names.slice(0, 3).join(', ')}…), not column names: the file needs a header line.`,
      );
    }
    this.headerNames = names;
    this.consumers = this.sink.header(names);
  }

  private strayQuote(line: number, column: number): never {
    throw new DatasetFault(
      'MALFORMED_QUOTE',
      `Line ${count(line)}, field ${column + 1}: a quote (") inside an unquoted field. ` +
        'Quote the whole field and double the quote inside it ("").',
    );
  }

  private binary(line: number): never {
    throw new DatasetFault(
      'BINARY_DATA',
      `Line ${count(line)} contains a NUL byte: this is a binary file, not CSV text.`,
    );
  }
}
