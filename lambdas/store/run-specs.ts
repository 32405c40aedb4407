/** Run specs: immutable once inserted (a trigger refuses edits); content as jsonb, references as columns. */
import type { RunSpec, RunSpecCreate } from '@talaty/schemas';
import type { z } from 'zod';
import { type Database, json, uuid } from './data-api.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';
import { isoTimestamp, jsonColumn, text } from './rows.ts';

export type RunSpecContent = z.output<typeof RunSpecCreate>;

const columns = 'seq, id, content, created_by, created_at';

function toRunSpec(row: Record<string, unknown>): RunSpec {
  return {
    id: text(row.id),
    ...jsonColumn<RunSpecContent>(row.content),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
  };
}

export class RunSpecStore {
  constructor(private readonly db: Database) {}

  async insert(id: string, content: RunSpecContent, by: string): Promise<RunSpec> {
    const [row] = await this.db.query(
      `INSERT INTO run_specs (id, name, model_name, dataset_version_id, feature_set_version_id, content, created_by)
       VALUES (:id, :name, :model_name, :dataset_version_id, :feature_set_version_id, :content, :by)
       RETURNING ${columns}`,
      {
        id: uuid(id),
        name: content.name,
        model_name: content.model_name,
        dataset_version_id: uuid(content.dataset_version_id),
        feature_set_version_id: uuid(content.feature_set_version_id),
        content: json(content),
        by,
      },
    );
    if (row === undefined) throw new Error('INSERT INTO run_specs returned no row');
    return toRunSpec(row);
  }

  async get(id: string): Promise<RunSpec | undefined> {
    const [row] = await this.db.query(`SELECT ${columns} FROM run_specs WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toRunSpec(row);
  }

  async list(request: PageRequest): Promise<Page<RunSpec>> {
    return listPage(this.db, 'run_specs', columns, request, toRunSpec);
  }
}
