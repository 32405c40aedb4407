/**
 * Model versions, read side: registered by the pipeline. Lineage (run, versions, runner digest,
 * artifact, metrics) is jsonb that a trigger keeps immutable; stage, aliases and description are columns.
 */

import { randomUUID } from 'node:crypto';
import type { ModelVersion } from '@talaty/schemas';
import { type Database, json, type Sql, uuid } from './data-api.ts';
import { type Filter, listPage, type Page, type PageRequest } from './pagination.ts';
import { intColumn, isoTimestamp, jsonColumn, text } from './rows.ts';

const columns =
  'seq, id, model_id, version, run_id, lineage, stage, aliases, description, created_by, created_at, updated_by, updated_at, row_version';

function toModelVersion(row: Record<string, unknown>): ModelVersion {
  return {
    ...jsonColumn<Record<string, unknown>>(row.lineage),
    id: text(row.id),
    model_id: text(row.model_id),
    version: intColumn(row.version),
    run_id: text(row.run_id),
    stage: text(row.stage),
    aliases: jsonColumn<string[]>(row.aliases),
    description: text(row.description),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
    updated_by: text(row.updated_by),
    updated_at: isoTimestamp(row.updated_at),
    row_version: intColumn(row.row_version),
  } as ModelVersion;
}

export class ModelVersionStore {
  constructor(private readonly db: Database) {}

  async get(modelId: string, version: number): Promise<ModelVersion | undefined> {
    const [row] = await this.db.query(
      `SELECT ${columns} FROM model_versions WHERE model_id = :model_id AND version = :version`,
      { model_id: uuid(modelId), version },
    );
    return row === undefined ? undefined : toModelVersion(row);
  }

  async getById(id: string): Promise<ModelVersion | undefined> {
    const [row] = await this.db.query(`SELECT ${columns} FROM model_versions WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toModelVersion(row);
  }

  async list(modelId: string, request: PageRequest): Promise<Page<ModelVersion>> {
    const filters: Filter[] = [{ op: 'uuid', column: 'model_id', value: modelId }, ...(request.filters ?? [])];
    return listPage(this.db, 'model_versions', columns, { ...request, filters }, toModelVersion);
  }

  /** Registers a version (stage none, no aliases); returns its id. */
  async insert(version: NewModelVersion, sql: Sql = this.db): Promise<string> {
    const id = randomUUID();
    await sql.execute(
      `INSERT INTO model_versions (id, model_id, version, run_id, lineage, created_by, updated_by)
       VALUES (:id, :model_id, :version, :run_id, :lineage, :by, :by)`,
      {
        id: uuid(id),
        model_id: uuid(version.model_id),
        version: version.version,
        run_id: uuid(version.run_id),
        lineage: json(version.lineage),
        by: version.by,
      },
    );
    return id;
  }
}

export interface NewModelVersion {
  readonly model_id: string;
  readonly version: number;
  readonly run_id: string;
  readonly lineage: {
    readonly run_spec_id: string;
    readonly dataset_version_id: string;
    readonly feature_set_version_id: string;
    readonly runner_digest: string;
    readonly artifact_uri: string;
    readonly metrics_summary: unknown;
  };
  readonly by: string;
}
