/**
 * Feature-set versions: a DRAFT is created and edited under optimistic concurrency, then published,
 * after which it never changes. Publishing checks what a usable version needs (at least one feature).
 */
import { randomUUID } from 'node:crypto';
import { type FeatureSetVersion, FeatureSetVersionCreate, type FeatureSetVersionUpdate } from '@talaty/schemas';
import type { z } from 'zod';
import type { FeatureSetVersionContent, FeatureSetVersionStore } from '../store/feature-set-versions.ts';
import type { Filter, Page } from '../store/pagination.ts';
import { checkRowVersion, missedUpdate } from './concurrency.ts';
import { ConflictError, invalidField, NotFoundError } from './errors.ts';
import { listing, mutable } from './store-errors.ts';
import { merged, parseWith, requireChanges, requireSize } from './validation.ts';

/**
 * A version's content is read back whole, and a Data API response carries at most 1 MiB with its
 * JSON escaping: 256 KiB is room for about a thousand fully described features.
 */
export const MAX_CONTENT_BYTES = 256 * 1024;

export interface VersionFilters {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly status?: 'DRAFT' | 'PUBLISHED' | undefined;
  readonly created_by?: string | undefined;
}

function contentOf(version: FeatureSetVersion): FeatureSetVersionContent {
  const { features, target, id_column, date_column, weight_column, notes } = version;
  return { features, target, id_column, date_column, weight_column, notes };
}

export class FeatureSetVersionService {
  constructor(private readonly store: FeatureSetVersionStore) {}

  async create(featureSetId: string, content: FeatureSetVersionContent, by: string): Promise<FeatureSetVersion> {
    requireSize(content, MAX_CONTENT_BYTES, 'The version');
    const created = await this.store.insertNext(randomUUID(), featureSetId, content, by);
    if (created === undefined) throw new NotFoundError(`No feature set has id ${featureSetId}.`);
    return created;
  }

  async get(featureSetId: string, version: number): Promise<FeatureSetVersion> {
    const found = await this.store.get(featureSetId, version);
    if (found === undefined) throw new NotFoundError(`Feature set ${featureSetId} has no version ${version}.`);
    return found;
  }

  async getById(id: string): Promise<FeatureSetVersion> {
    const found = await this.store.getById(id);
    if (found === undefined) throw new NotFoundError(`No feature-set version has id ${id}.`);
    return found;
  }

  async update(
    featureSetId: string,
    version: number,
    changes: z.output<typeof FeatureSetVersionUpdate>,
    expected: number,
    by: string,
  ): Promise<FeatureSetVersion> {
    requireChanges(changes);
    const current = this.draft(await this.get(featureSetId, version));
    checkRowVersion(current, expected, `Version ${version}`);
    const next = parseWith(FeatureSetVersionCreate, merged(contentOf(current), changes), 'The version');
    requireSize(next, MAX_CONTENT_BYTES, 'The version');
    const written = await mutable(() => this.store.updateDraft(current.id, expected, next, by));
    return written ?? this.missed(featureSetId, version, expected);
  }

  async publish(featureSetId: string, version: number, expected: number, by: string): Promise<FeatureSetVersion> {
    const current = this.draft(await this.get(featureSetId, version));
    checkRowVersion(current, expected, `Version ${version}`);
    if (current.features.length === 0) {
      throw invalidField('features', 'a version needs at least one feature before it can be published');
    }
    const written = await mutable(() => this.store.publish(current.id, expected, by));
    return written ?? this.missed(featureSetId, version, expected);
  }

  async list(featureSetId: string, query: VersionFilters): Promise<Page<FeatureSetVersion>> {
    if (!(await this.store.featureSetExists(featureSetId)))
      throw new NotFoundError(`No feature set has id ${featureSetId}.`);
    const filters: Filter[] = [
      { op: 'eq', column: 'status', value: query.status },
      { op: 'eq', column: 'created_by', value: query.created_by },
    ];
    return listing(() => this.store.list(featureSetId, { limit: query.limit, cursor: query.cursor, filters }));
  }

  private draft(version: FeatureSetVersion) {
    if (version.status !== 'DRAFT') {
      throw new ConflictError(`Version ${version.version} is published and cannot change; create a new version.`);
    }
    return version;
  }

  private async missed(featureSetId: string, version: number, expected: number): Promise<never> {
    const now = await this.store.get(featureSetId, version);
    if (now !== undefined) this.draft(now);
    return missedUpdate(now?.status === 'DRAFT' ? now : undefined, expected, `Version ${version}`);
  }
}
