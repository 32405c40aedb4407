/**
 * Runs, read side: the pipeline (Run orchestration issue) writes them; the API reads and lists.
 * Identity, references, status and audit are columns; the rest of the Run document is jsonb.
 */
import type { Run } from '@talaty/schemas';
import { type Database, uuid } from './data-api.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';
import { isoTimestamp, jsonColumn, text } from './rows.ts';

const columns =
  'seq, id, run_spec_id, dataset_version_id, feature_set_version_id, status, content, created_by, created_at, updated_at';

function toRun(row: Record<string, unknown>): Run {
  return {
    ...jsonColumn<Record<string, unknown>>(row.content),
    id: text(row.id),
    run_spec_id: text(row.run_spec_id),
    dataset_version_id: text(row.dataset_version_id),
    feature_set_version_id: text(row.feature_set_version_id),
    status: text(row.status),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
    updated_at: isoTimestamp(row.updated_at),
  } as Run;
}

export class RunStore {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<Run | undefined> {
    const [row] = await this.db.query(`SELECT ${columns} FROM runs WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toRun(row);
  }

  async list(request: PageRequest): Promise<Page<Run>> {
    return listPage(this.db, 'runs', columns, request, toRun);
  }
}
