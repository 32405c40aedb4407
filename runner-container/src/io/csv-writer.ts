/**
 * Streaming CSV writer, plain or gzipped: a header, then rows buffered into writes of about 64 KiB
 * that wait for the stream to drain. Cells are written as given; `csvCell` quotes one that needs it.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** The text as a CSV cell: quoted, with doubled quotes, when it holds a quote, comma or line break. */
export const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export class CsvWriter {
  private readonly head: Writable;
  /** Settles when every byte is in the file; rejects with the stream's error. */
  private readonly done: Promise<void>;
  private buffer: string;

  constructor(file: string, header: readonly string[], options: { readonly gzip?: boolean } = {}) {
    const out = createWriteStream(file);
    if (options.gzip) {
      const gzip = createGzip();
      this.head = gzip;
      this.done = pipeline(gzip, out);
    } else {
      this.head = out;
      this.done = finished(out);
    }
    this.done.catch(() => {});
    this.buffer = `${header.map(csvCell).join(',')}\n`;
  }

  async row(cells: readonly string[]): Promise<void> {
    this.buffer += `${cells.join(',')}\n`;
    if (this.buffer.length > 1 << 16) {
      const more = this.head.write(this.buffer);
      this.buffer = '';
      if (!more) await Promise.race([once(this.head, 'drain'), this.done]);
    }
  }

  async close(): Promise<void> {
    this.head.end(this.buffer);
    await this.done;
  }
}
