/**
 * A data file for the train and score commands, by its content: Parquet (it starts with `PAR1`),
 * else CSV or gzipped CSV.
 */
import { open } from 'node:fs/promises';
import type { Table } from '../data/table.ts';
import { type CsvOptions, readCsv } from './csv.ts';
import { readParquet } from './parquet.ts';

async function isParquet(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await handle.read(head, 0, 4, 0);
      return bytesRead === 4 && head.toString('latin1') === 'PAR1';
    } finally {
      await handle.close();
    }
  } catch {
    return false; // readCsv reports the file that cannot be read
  }
}

export async function readDataFile(path: string, options: CsvOptions = {}): Promise<Table> {
  return (await isParquet(path)) ? readParquet(path, options) : readCsv(path, options);
}
