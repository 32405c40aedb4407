/**
 * Feature-set versions: numbered per feature set in one transaction with the parent's counter,
 * content (features, target, role columns, notes) as jsonb, DRAFT until published.
 */
import type { FeatureSetVersion, FeatureSetVersionCreate } from '@talaty/schemas';
import type { z } from 'zod';
import { type Database, json, uuid } from './data-api.ts';
import { type Filter, listPage, type Page, type PageRequest } from './pagination.ts';
import { intColumn, isoTimestamp, jsonColumn, text } from './rows.ts';
import { claimNextVersion } from './versions.ts';

export type FeatureSetVersionContent = z.output<typeof FeatureSetVersionCreate>;

const columns =
  'seq, id, feature_set_id, version, status, content, published_by, published_at, created_by, created_at, updated_by, updated_at, row_version';

function toVersion(row: Record<string, unknown>): FeatureSetVersion {
  const base = {
    id: text(row.id),
    feature_set_id: text(row.feature_set_id),
    version: intColumn(row.version),
    ...jsonColumn<FeatureSetVersionContent>(row.content),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
  };
  if (row.status === 'PUBLISHED') {
    return {
      ...base,
      status: 'PUBLISHED',
      published_by: text(row.published_by),
      published_at: isoTimestamp(row.published_at),
    };
  }
  return {
    ...base,
    status: 'DRAFT',
    published_by: null,
    published_at: null,
    updated_by: text(row.updated_by),
    updated_at: isoTimestamp(row.updated_at),
    row_version: intColumn(row.row_version),
  };
}

export class FeatureSetVersionStore {
  constructor(private readonly db: Database) {}

  /** Inserts the next version of the feature set; undefined when the feature set does not exist. */
  insertNext(id: string, featureSetId: string, content: FeatureSetVersionContent, by: string) {
    return this.db.transaction(async (sql) => {
      const version = await claimNextVersion(sql, 'feature_sets', featureSetId);
      if (version === undefined) return undefined;
      const [row] = await sql.query(
        `INSERT INTO feature_set_versions (id, feature_set_id, version, status, content, created_by, updated_by)
         VALUES (:id, :feature_set_id, :version, 'DRAFT', :content, :by, :by) RETURNING ${columns}`,
        {
          id: uuid(id),
          feature_set_id: uuid(featureSetId),
          version,
          content: json(content),
          by,
        },
      );
      if (row === undefined) throw new Error('INSERT INTO feature_set_versions returned no row');
      return toVersion(row);
    });
  }

  async featureSetExists(featureSetId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM feature_sets WHERE id = :id', { id: uuid(featureSetId) });
    return rows.length > 0;
  }

  async get(featureSetId: string, version: number): Promise<FeatureSetVersion | undefined> {
    const [row] = await this.db.query(
      `SELECT ${columns} FROM feature_set_versions WHERE feature_set_id = :feature_set_id AND version = :version`,
      { feature_set_id: uuid(featureSetId), version },
    );
    return row === undefined ? undefined : toVersion(row);
  }

  async getById(id: string): Promise<FeatureSetVersion | undefined> {
    const [row] = await this.db.query(`SELECT ${columns} FROM feature_set_versions WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toVersion(row);
  }

  /** Replaces a DRAFT's content if it is still at `expectedRowVersion`; undefined otherwise. */
  async updateDraft(id: string, expectedRowVersion: number, content: FeatureSetVersionContent, by: string) {
    const [row] = await this.db.query(
      `UPDATE feature_set_versions
       SET content = :content, updated_by = :by, updated_at = now(), row_version = row_version + 1
       WHERE id = :id AND row_version = :expected AND status = 'DRAFT' RETURNING ${columns}`,
      { id: uuid(id), expected: expectedRowVersion, content: json(content), by },
    );
    return row === undefined ? undefined : toVersion(row);
  }

  /** Publishes a DRAFT still at `expectedRowVersion`; undefined otherwise. */
  async publish(id: string, expectedRowVersion: number, by: string) {
    const [row] = await this.db.query(
      `UPDATE feature_set_versions
       SET status = 'PUBLISHED', published_by = :by, published_at = now(), updated_by = :by, updated_at = now(),
           row_version = row_version + 1
       WHERE id = :id AND row_version = :expected AND status = 'DRAFT' RETURNING ${columns}`,
      { id: uuid(id), expected: expectedRowVersion, by },
    );
    return row === undefined ? undefined : toVersion(row);
  }

  async list(featureSetId: string, request: PageRequest): Promise<Page<FeatureSetVersion>> {
    const filters: Filter[] = [
      { op: 'uuid', column: 'feature_set_id', value: featureSetId },
      ...(request.filters ?? []),
    ];
    return listPage(this.db, 'feature_set_versions', columns, { ...request, filters }, toVersion);
  }
}
