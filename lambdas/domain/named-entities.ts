/**
 * Datasets, feature sets and models: create with a unique name, read, update under optimistic
 * concurrency, list with filters. Models are read-only over HTTP (the pipeline creates them).
 */
import { randomUUID } from 'node:crypto';
import { NamedEntityCreate, type NamedEntityUpdate } from '@talaty/schemas';
import type { z } from 'zod';
import type { NamedEntity, NamedEntityStore } from '../store/named-entities.ts';
import type { Filter, Page } from '../store/pagination.ts';
import { checkRowVersion, missedUpdate } from './concurrency.ts';
import { NotFoundError } from './errors.ts';
import { listing, uniqueName } from './store-errors.ts';
import { merged, parseWith, requireChanges } from './validation.ts';

export interface NamedEntityFilters {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly name_prefix?: string | undefined;
  readonly tag?: string | undefined;
  readonly created_by?: string | undefined;
}

export class NamedEntityService {
  constructor(
    private readonly store: NamedEntityStore,
    /** What one entity is called in messages, e.g. "dataset". */
    readonly what: string,
  ) {}

  create(body: z.output<typeof NamedEntityCreate>, by: string): Promise<NamedEntity> {
    return uniqueName(() => this.store.insert(randomUUID(), body, by), this.what, body.name);
  }

  async get(id: string): Promise<NamedEntity> {
    const found = await this.store.get(id);
    if (found === undefined) throw new NotFoundError(`No ${this.what} has id ${id}.`);
    return found;
  }

  async update(
    id: string,
    changes: z.output<typeof NamedEntityUpdate>,
    expected: number,
    by: string,
  ): Promise<NamedEntity> {
    requireChanges(changes);
    const current = await this.get(id);
    checkRowVersion(current, expected, `The ${this.what} ${id}`);
    const next = parseWith(NamedEntityCreate, merged(pick(current), changes), `The ${this.what}`);
    const written = await uniqueName(() => this.store.update(id, expected, next, by), this.what, next.name);
    return written ?? missedUpdate(await this.store.get(id), expected, `The ${this.what} ${id}`);
  }

  list(query: NamedEntityFilters): Promise<Page<NamedEntity>> {
    const filters: Filter[] = [
      { op: 'prefix', column: 'name', value: query.name_prefix },
      { op: 'has', column: 'tags', value: query.tag },
      { op: 'eq', column: 'created_by', value: query.created_by },
    ];
    return listing(() => this.store.list({ limit: query.limit, cursor: query.cursor, filters }));
  }
}

const pick = ({ name, description, tags }: NamedEntity) => ({ name, description, tags });
