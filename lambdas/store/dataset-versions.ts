/**
 * Dataset versions, read side: what other records need to know about a version (its status and
 * columns). Uploading and profiling write them (the Datasets issue).
 */
import type { ColumnSchema } from '@talaty/schemas';
import type { z } from 'zod';
import { type Database, uuid } from './data-api.ts';
import { intColumn, jsonColumn, text } from './rows.ts';

export interface DatasetVersionSummary {
  readonly id: string;
  readonly dataset_id: string;
  readonly version: number;
  readonly status: 'PENDING_UPLOAD' | 'PROFILING' | 'READY' | 'FAILED';
  readonly sha256: string | null;
  readonly columns: ReadonlyArray<z.output<typeof ColumnSchema>> | null;
}

export class DatasetVersionStore {
  constructor(private readonly db: Database) {}

  async summary(id: string): Promise<DatasetVersionSummary | undefined> {
    const [row] = await this.db.query(
      'SELECT id, dataset_id, version, status, sha256, columns FROM dataset_versions WHERE id = :id',
      { id: uuid(id) },
    );
    if (row === undefined) return undefined;
    return {
      id: text(row.id),
      dataset_id: text(row.dataset_id),
      version: intColumn(row.version),
      status: text(row.status) as DatasetVersionSummary['status'],
      sha256: row.sha256 === null ? null : text(row.sha256),
      columns: row.columns === null ? null : jsonColumn(row.columns),
    };
  }
}
