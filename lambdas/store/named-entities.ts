/**
 * Datasets, feature sets and models share one shape (a unique name, a description, tags and
 * audit fields), so they share one store over their three tables.
 */
import { randomUUID } from 'node:crypto';
import type { Dataset } from '@talaty/schemas';
import { type Database, json, type Sql, uuid } from './data-api.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';
import { intColumn, isoTimestamp, jsonColumn, text } from './rows.ts';

/**
 * Dataset, FeatureSet and Model documents are structurally identical but for what their newest
 * version's `latest_version` reports (a status, or a model version's stage).
 */
export type NamedEntity = Omit<Dataset, 'latest_version'> & { latest_version: LatestVersion | null };
export type NamedTable = 'datasets' | 'feature_sets' | 'models';
type LatestVersion = { version: number; status: string } | { version: number; stage: string };

export interface NamedEntityContent {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
}

/** Each table's versions, and what the newest one's summary reports. */
const latestOf: Readonly<Record<NamedTable, { versions: string; parent: string; field: 'status' | 'stage' }>> = {
  datasets: { versions: 'dataset_versions', parent: 'dataset_id', field: 'status' },
  feature_sets: { versions: 'feature_set_versions', parent: 'feature_set_id', field: 'status' },
  models: { versions: 'model_versions', parent: 'model_id', field: 'stage' },
};

/** The selected columns, with the newest version's summary (one indexed lookup per row) as `latest`. */
function columnsOf(table: NamedTable): string {
  const { versions, parent, field } = latestOf[table];
  const latest =
    `(SELECT jsonb_build_object('version', v.version, '${field}', v.${field}) FROM ${versions} v ` +
    `WHERE v.${parent} = ${table}.id ORDER BY v.version DESC LIMIT 1) AS latest`;
  return `seq, id, name, description, tags, created_by, created_at, updated_by, updated_at, row_version, ${latest}`;
}

export function toNamedEntity(row: Record<string, unknown>): NamedEntity {
  return {
    id: text(row.id),
    name: text(row.name),
    description: text(row.description),
    tags: jsonColumn<string[]>(row.tags),
    latest_version: row.latest === null || row.latest === undefined ? null : jsonColumn<LatestVersion>(row.latest),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
    updated_by: text(row.updated_by),
    updated_at: isoTimestamp(row.updated_at),
    row_version: intColumn(row.row_version),
  };
}

export class NamedEntityStore {
  private readonly columns: string;

  constructor(
    private readonly db: Database,
    readonly table: NamedTable,
  ) {
    this.columns = columnsOf(table);
  }

  async insert(id: string, content: NamedEntityContent, by: string, sql: Sql = this.db): Promise<NamedEntity> {
    const [row] = await sql.query(
      `INSERT INTO ${this.table} (id, name, description, tags, created_by, updated_by)
       VALUES (:id, :name, :description, :tags, :by, :by) RETURNING ${this.columns}`,
      { id: uuid(id), name: content.name, description: content.description, tags: json(content.tags), by },
    );
    if (row === undefined) throw new Error(`INSERT INTO ${this.table} returned no row`);
    return toNamedEntity(row);
  }

  async get(id: string): Promise<NamedEntity | undefined> {
    const [row] = await this.db.query(`SELECT ${this.columns} FROM ${this.table} WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toNamedEntity(row);
  }

  async getByName(name: string, sql: Sql = this.db): Promise<NamedEntity | undefined> {
    const [row] = await sql.query(`SELECT ${this.columns} FROM ${this.table} WHERE name = :name`, { name });
    return row === undefined ? undefined : toNamedEntity(row);
  }

  /** Writes the new content if the row is still at `expectedRowVersion`; undefined otherwise. */
  async update(
    id: string,
    expectedRowVersion: number,
    content: NamedEntityContent,
    by: string,
  ): Promise<NamedEntity | undefined> {
    const [row] = await this.db.query(
      `UPDATE ${this.table}
       SET name = :name, description = :description, tags = :tags, updated_by = :by, updated_at = now(),
           row_version = row_version + 1
       WHERE id = :id AND row_version = :expected RETURNING ${this.columns}`,
      {
        id: uuid(id),
        expected: expectedRowVersion,
        name: content.name,
        description: content.description,
        tags: json(content.tags),
        by,
      },
    );
    return row === undefined ? undefined : toNamedEntity(row);
  }

  async list(request: PageRequest): Promise<Page<NamedEntity>> {
    return listPage(this.db, this.table, this.columns, request, toNamedEntity);
  }

  /** The entity with this name, created (without description or tags) when there is none. */
  async ensure(name: string, by: string, sql: Sql = this.db): Promise<NamedEntity> {
    const [row] = await sql.query(
      `INSERT INTO ${this.table} (id, name, created_by, updated_by) VALUES (:id, :name, :by, :by)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING ${this.columns}`,
      { id: uuid(randomUUID()), name, by },
    );
    if (row === undefined) throw new Error(`INSERT INTO ${this.table} returned no row`);
    return toNamedEntity(row);
  }

  /** Takes the entity's next version number (the row stays locked until the transaction ends). */
  async nextVersion(id: string, sql: Sql = this.db): Promise<number> {
    const [row] = await sql.query(
      `UPDATE ${this.table} SET latest_version = latest_version + 1 WHERE id = :id RETURNING latest_version`,
      { id: uuid(id) },
    );
    if (row === undefined) throw new Error(`no ${this.table} row ${id}`);
    return intColumn(row.latest_version);
  }
}
