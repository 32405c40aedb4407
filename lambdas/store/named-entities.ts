/**
 * Datasets, feature sets and models share one shape (a unique name, a description, tags and
 * audit fields), so they share one store over their three tables.
 */
import { randomUUID } from 'node:crypto';
import type { Dataset } from '@talaty/schemas';
import { type Database, json, type Sql, uuid } from './data-api.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';
import { intColumn, isoTimestamp, jsonColumn, text } from './rows.ts';

/** Dataset, FeatureSet and Model documents are structurally identical. */
export type NamedEntity = Dataset;
export type NamedTable = 'datasets' | 'feature_sets' | 'models';

export interface NamedEntityContent {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
}

const columns = 'seq, id, name, description, tags, created_by, created_at, updated_by, updated_at, row_version';

export function toNamedEntity(row: Record<string, unknown>): NamedEntity {
  return {
    id: text(row.id),
    name: text(row.name),
    description: text(row.description),
    tags: jsonColumn<string[]>(row.tags),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
    updated_by: text(row.updated_by),
    updated_at: isoTimestamp(row.updated_at),
    row_version: intColumn(row.row_version),
  };
}

export class NamedEntityStore {
  constructor(
    private readonly db: Database,
    readonly table: NamedTable,
  ) {}

  async insert(id: string, content: NamedEntityContent, by: string, sql: Sql = this.db): Promise<NamedEntity> {
    const [row] = await sql.query(
      `INSERT INTO ${this.table} (id, name, description, tags, created_by, updated_by)
       VALUES (:id, :name, :description, :tags, :by, :by) RETURNING ${columns}`,
      { id: uuid(id), name: content.name, description: content.description, tags: json(content.tags), by },
    );
    if (row === undefined) throw new Error(`INSERT INTO ${this.table} returned no row`);
    return toNamedEntity(row);
  }

  async get(id: string): Promise<NamedEntity | undefined> {
    const [row] = await this.db.query(`SELECT ${columns} FROM ${this.table} WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toNamedEntity(row);
  }

  async getByName(name: string, sql: Sql = this.db): Promise<NamedEntity | undefined> {
    const [row] = await sql.query(`SELECT ${columns} FROM ${this.table} WHERE name = :name`, { name });
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
       WHERE id = :id AND row_version = :expected RETURNING ${columns}`,
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
    return listPage(this.db, this.table, columns, request, toNamedEntity);
  }

  /** The entity with this name, created (without description or tags) when there is none. */
  async ensure(name: string, by: string, sql: Sql = this.db): Promise<NamedEntity> {
    const [row] = await sql.query(
      `INSERT INTO ${this.table} (id, name, created_by, updated_by) VALUES (:id, :name, :by, :by)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING ${columns}`,
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
