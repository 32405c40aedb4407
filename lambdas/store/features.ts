/** The feature catalog: a definition per feature (jsonb), with name, kind and column as columns to filter on. */
import type { Feature, FeatureCreate } from '@talaty/schemas';
import type { z } from 'zod';
import { type Database, json, uuid } from './data-api.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';
import { intColumn, isoTimestamp, jsonColumn, text } from './rows.ts';

export type FeatureDefinitionInput = z.output<typeof FeatureCreate>;

const columns = 'seq, id, definition, created_by, created_at, updated_by, updated_at, row_version';

function toFeature(row: Record<string, unknown>): Feature {
  return {
    id: text(row.id),
    ...jsonColumn<FeatureDefinitionInput>(row.definition),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
    updated_by: text(row.updated_by),
    updated_at: isoTimestamp(row.updated_at),
    row_version: intColumn(row.row_version),
  } as Feature;
}

export class FeatureStore {
  constructor(private readonly db: Database) {}

  async insert(id: string, definition: FeatureDefinitionInput, by: string): Promise<Feature> {
    const [row] = await this.db.query(
      `INSERT INTO features (id, name, kind, source_column, definition, created_by, updated_by)
       VALUES (:id, :name, :kind, :source_column, :definition, :by, :by) RETURNING ${columns}`,
      { id: uuid(id), ...this.columnsOf(definition), by },
    );
    if (row === undefined) throw new Error('INSERT INTO features returned no row');
    return toFeature(row);
  }

  async get(id: string): Promise<Feature | undefined> {
    const [row] = await this.db.query(`SELECT ${columns} FROM features WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toFeature(row);
  }

  async update(
    id: string,
    expectedRowVersion: number,
    definition: FeatureDefinitionInput,
    by: string,
  ): Promise<Feature | undefined> {
    const [row] = await this.db.query(
      `UPDATE features
       SET name = :name, kind = :kind, source_column = :source_column, definition = :definition,
           updated_by = :by, updated_at = now(), row_version = row_version + 1
       WHERE id = :id AND row_version = :expected RETURNING ${columns}`,
      { id: uuid(id), expected: expectedRowVersion, ...this.columnsOf(definition), by },
    );
    return row === undefined ? undefined : toFeature(row);
  }

  async list(request: PageRequest): Promise<Page<Feature>> {
    return listPage(this.db, 'features', columns, request, toFeature);
  }

  private columnsOf(definition: FeatureDefinitionInput) {
    return {
      name: definition.name,
      kind: definition.kind,
      source_column: definition.source_column,
      definition: json(definition),
    };
  }
}
