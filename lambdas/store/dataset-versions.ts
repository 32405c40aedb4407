/**
 * Dataset versions: numbered per dataset in one transaction with the parent's counter, then moved
 * along PENDING_UPLOAD → PROFILING → READY | FAILED by conditional updates (each names the status it
 * expects, so two writers never both win). READY and FAILED rows are frozen by a trigger.
 */
import type { ColumnSchema, DatasetVersion, Failure, UploadPlan } from '@talaty/schemas';
import type { z } from 'zod';
import { type Database, json, uuid } from './data-api.ts';
import { type Filter, listPage, type Page, type PageRequest } from './pagination.ts';
import { intColumn, isoTimestamp, jsonColumn, text } from './rows.ts';
import { claimNextVersion } from './versions.ts';

type Column = z.output<typeof ColumnSchema>;
export type DatasetVersionStatus = DatasetVersion['status'];
export type StoredUploadPlan = z.output<typeof UploadPlan>;

export interface DatasetVersionSummary {
  readonly id: string;
  readonly dataset_id: string;
  readonly version: number;
  readonly status: DatasetVersionStatus;
  readonly sha256: string | null;
  readonly columns: ReadonlyArray<Column> | null;
}

/** A version with what only the platform sees: its stored upload plan and committed object tag. */
export interface StoredDatasetVersion {
  readonly version: DatasetVersion;
  readonly upload: StoredUploadPlan | null;
  readonly objectEtag: string | null;
}

const columns =
  'seq, id, dataset_id, version, status, format, delimiter, size_bytes, storage_uri, as_of, target_column, ' +
  'sha256, row_count, columns, profile_uri, failure, upload, object_etag, created_by, created_at, updated_at';

const nullableText = (value: unknown): string | null => (value === null || value === undefined ? null : text(value));

function toStored(row: Record<string, unknown>): StoredDatasetVersion {
  const base = {
    id: text(row.id),
    dataset_id: text(row.dataset_id),
    version: intColumn(row.version),
    format: text(row.format) as DatasetVersion['format'],
    delimiter: nullableText(row.delimiter) as DatasetVersion['delimiter'],
    size_bytes: intColumn(row.size_bytes),
    storage_uri: text(row.storage_uri),
    as_of: nullableText(row.as_of),
    target_column: nullableText(row.target_column),
    sha256: null,
    row_count: null,
    columns: null,
    profile_uri: null,
    failure: null,
    upload: null,
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
    updated_at: isoTimestamp(row.updated_at),
  };
  const upload = row.upload === null ? null : jsonColumn<StoredUploadPlan>(row.upload);
  const status = text(row.status) as DatasetVersionStatus;
  let version: DatasetVersion;
  if (status === 'READY') {
    version = {
      ...base,
      status,
      sha256: text(row.sha256),
      row_count: intColumn(row.row_count),
      columns: jsonColumn<Column[]>(row.columns),
      profile_uri: text(row.profile_uri),
    };
  } else if (status === 'FAILED') {
    version = { ...base, status, failure: jsonColumn<z.output<typeof Failure>>(row.failure) };
  } else if (status === 'PENDING_UPLOAD') {
    version = { ...base, status, upload: upload ?? { method: 'PUT' } };
  } else {
    version = { ...base, status };
  }
  return { version, upload, objectEtag: nullableText(row.object_etag) };
}

export interface NewDatasetVersion {
  readonly format: DatasetVersion['format'];
  readonly delimiter: DatasetVersion['delimiter'];
  readonly size_bytes: number;
  readonly as_of: string | null;
}

export interface ReadyFields {
  readonly sha256: string;
  readonly row_count: number;
  readonly columns: readonly Column[];
  readonly delimiter: DatasetVersion['delimiter'];
  readonly profile_uri: string;
}

export class DatasetVersionStore {
  constructor(private readonly db: Database) {}

  /**
   * Inserts the next version of the dataset, asking `prepare` (with the new number) for its storage
   * URI and upload plan inside the transaction: if preparing fails, no number is used up.
   * Undefined when the dataset does not exist.
   */
  insertNext(
    id: string,
    datasetId: string,
    fields: NewDatasetVersion,
    by: string,
    prepare: (version: number) => Promise<{ storageUri: string; upload: StoredUploadPlan }>,
  ): Promise<StoredDatasetVersion | undefined> {
    return this.db.transaction(async (sql) => {
      const version = await claimNextVersion(sql, 'datasets', datasetId);
      if (version === undefined) return undefined;
      const { storageUri, upload } = await prepare(version);
      const [row] = await sql.query(
        `INSERT INTO dataset_versions
           (id, dataset_id, version, status, format, delimiter, size_bytes, storage_uri, as_of, upload, created_by)
         VALUES (:id, :dataset_id, :version, 'PENDING_UPLOAD', :format, :delimiter, :size_bytes, :storage_uri,
           CAST(:as_of AS date), :upload, :by)
         RETURNING ${columns}`,
        {
          id: uuid(id),
          dataset_id: uuid(datasetId),
          version,
          format: fields.format,
          delimiter: fields.delimiter,
          size_bytes: fields.size_bytes,
          storage_uri: storageUri,
          as_of: fields.as_of,
          upload: json(upload),
          by,
        },
      );
      if (row === undefined) throw new Error('INSERT INTO dataset_versions returned no row');
      return toStored(row);
    });
  }

  async datasetExists(datasetId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM datasets WHERE id = :id', { id: uuid(datasetId) });
    return rows.length > 0;
  }

  async get(datasetId: string, version: number): Promise<StoredDatasetVersion | undefined> {
    const [row] = await this.db.query(
      `SELECT ${columns} FROM dataset_versions WHERE dataset_id = :dataset_id AND version = :version`,
      { dataset_id: uuid(datasetId), version },
    );
    return row === undefined ? undefined : toStored(row);
  }

  async getById(id: string): Promise<StoredDatasetVersion | undefined> {
    const [row] = await this.db.query(`SELECT ${columns} FROM dataset_versions WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toStored(row);
  }

  async summary(id: string): Promise<DatasetVersionSummary | undefined> {
    const stored = await this.getById(id);
    if (stored === undefined) return undefined;
    const v = stored.version;
    return {
      id: v.id,
      dataset_id: v.dataset_id,
      version: v.version,
      status: v.status,
      sha256: v.sha256,
      columns: v.columns,
    };
  }

  async list(datasetId: string, request: PageRequest): Promise<Page<DatasetVersion>> {
    const filters: Filter[] = [{ op: 'uuid', column: 'dataset_id', value: datasetId }, ...(request.filters ?? [])];
    return listPage(this.db, 'dataset_versions', columns, { ...request, filters }, (row) => toStored(row).version);
  }

  /** PENDING_UPLOAD → PROFILING with the committed object's tag; undefined when it was not pending. */
  async startProfiling(id: string, targetColumn: string | null, objectEtag: string) {
    const [row] = await this.db.query(
      `UPDATE dataset_versions
       SET status = 'PROFILING', target_column = :target_column, object_etag = :etag,
           profiling_started_at = now(), updated_at = now()
       WHERE id = :id AND status = 'PENDING_UPLOAD' RETURNING ${columns}`,
      { id: uuid(id), target_column: targetColumn, etag: objectEtag },
    );
    return row === undefined ? undefined : toStored(row);
  }

  /** PROFILING → PENDING_UPLOAD, when profiling could not even be started. */
  async backToPending(id: string): Promise<void> {
    await this.db.execute(
      `UPDATE dataset_versions SET status = 'PENDING_UPLOAD', target_column = NULL, object_etag = NULL,
         profiling_started_at = NULL, updated_at = now()
       WHERE id = :id AND status = 'PROFILING'`,
      { id: uuid(id) },
    );
  }

  /** PROFILING → READY; undefined when the version was not PROFILING (e.g. expired meanwhile). */
  async markReady(id: string, fields: ReadyFields) {
    const [row] = await this.db.query(
      `UPDATE dataset_versions
       SET status = 'READY', sha256 = :sha256, row_count = :row_count, columns = :columns,
           delimiter = :delimiter, profile_uri = :profile_uri, updated_at = now()
       WHERE id = :id AND status = 'PROFILING' RETURNING ${columns}`,
      {
        id: uuid(id),
        sha256: fields.sha256,
        row_count: fields.row_count,
        columns: json(fields.columns),
        delimiter: fields.delimiter,
        profile_uri: fields.profile_uri,
      },
    );
    return row === undefined ? undefined : toStored(row);
  }

  /** → FAILED from one of `from`; undefined when the version was in none of them. */
  async markFailed(id: string, failure: z.output<typeof Failure>, from: readonly DatasetVersionStatus[]) {
    const [row] = await this.db.query(
      `UPDATE dataset_versions SET status = 'FAILED', failure = :failure, updated_at = now()
       WHERE id = :id AND status = ANY(string_to_array(:from, ',')) RETURNING ${columns}`,
      { id: uuid(id), failure: json(failure), from: from.join(',') },
    );
    return row === undefined ? undefined : toStored(row);
  }

  /** Versions left in `status` since before `olderThanSeconds` ago, oldest first. */
  async stale(status: 'PENDING_UPLOAD' | 'PROFILING', olderThanSeconds: number, limit: number) {
    const since = status === 'PENDING_UPLOAD' ? 'created_at' : 'profiling_started_at';
    const rows = await this.db.query(
      `SELECT ${columns} FROM dataset_versions
       WHERE status = :status AND ${since} < now() - make_interval(secs => :age)
       ORDER BY ${since} LIMIT :limit`,
      { status, age: olderThanSeconds, limit },
    );
    return rows.map(toStored);
  }
}
