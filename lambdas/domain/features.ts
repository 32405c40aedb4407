/** The feature catalog: features with unique names, edited under optimistic concurrency. */
import { randomUUID } from 'node:crypto';
import type { Feature } from '@talaty/schemas';
import { FeatureCreate, type FeatureUpdate } from '@talaty/schemas';
import type { z } from 'zod';
import type { FeatureDefinitionInput, FeatureStore } from '../store/features.ts';
import type { Filter, Page } from '../store/pagination.ts';
import { checkRowVersion, missedUpdate } from './concurrency.ts';
import { NotFoundError } from './errors.ts';
import { listing, uniqueName } from './store-errors.ts';
import { merged, parseWith, requireChanges } from './validation.ts';

export interface FeatureFilters {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly name_prefix?: string | undefined;
  readonly kind?: 'numeric' | 'categorical' | undefined;
  readonly source_column?: string | undefined;
  readonly created_by?: string | undefined;
}

/** The definition part of a stored feature: what an update merges into. */
function definitionOf(feature: Feature): FeatureDefinitionInput {
  const { id: _id, created_by, created_at, updated_by, updated_at, row_version, ...definition } = feature;
  return definition;
}

export class FeatureService {
  constructor(private readonly store: FeatureStore) {}

  create(body: FeatureDefinitionInput, by: string): Promise<Feature> {
    return uniqueName(() => this.store.insert(randomUUID(), body, by), 'feature', body.name);
  }

  async get(id: string): Promise<Feature> {
    const found = await this.store.get(id);
    if (found === undefined) throw new NotFoundError(`No feature has id ${id}.`);
    return found;
  }

  async update(id: string, changes: z.output<typeof FeatureUpdate>, expected: number, by: string): Promise<Feature> {
    requireChanges(changes);
    const stored = await this.get(id);
    checkRowVersion(stored, expected, `The feature ${id}`);
    const current = definitionOf(stored);
    // A change of kind starts from that kind's defaults rather than the other kind's policies.
    const base =
      changes.kind !== undefined && changes.kind !== current.kind
        ? {
            name: current.name,
            source_column: current.source_column,
            description: current.description,
            rationale: current.rationale,
          }
        : current;
    const next = parseWith(FeatureCreate, merged(base, changes), 'The feature');
    const written = await uniqueName(() => this.store.update(id, expected, next, by), 'feature', next.name);
    return written ?? missedUpdate(await this.store.get(id), expected, `The feature ${id}`);
  }

  list(query: FeatureFilters): Promise<Page<Feature>> {
    const filters: Filter[] = [
      { op: 'prefix', column: 'name', value: query.name_prefix },
      { op: 'eq', column: 'kind', value: query.kind },
      { op: 'eq', column: 'source_column', value: query.source_column },
      { op: 'eq', column: 'created_by', value: query.created_by },
    ];
    return listing(() => this.store.list({ limit: query.limit, cursor: query.cursor, filters }));
  }
}
