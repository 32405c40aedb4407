/**
 * Reading what the pipeline registered: model versions under their model. Nothing here writes;
 * model versions come from the pipeline's Record step (runs are read in runs.ts).
 */
import type { ModelVersion } from '@talaty/schemas';
import type { ModelVersionStore } from '../store/model-versions.ts';
import type { NamedEntityStore } from '../store/named-entities.ts';
import type { Filter, Page } from '../store/pagination.ts';
import { NotFoundError } from './errors.ts';
import { listing } from './store-errors.ts';

interface PageQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface ModelVersionFilters extends PageQuery {
  readonly stage?: string | undefined;
  readonly alias?: string | undefined;
}

export class ModelVersionReader {
  constructor(
    private readonly models: NamedEntityStore,
    private readonly versions: ModelVersionStore,
  ) {}

  async get(modelId: string, version: number): Promise<ModelVersion> {
    await this.requireModel(modelId);
    const found = await this.versions.get(modelId, version);
    if (found === undefined) throw new NotFoundError(`Model ${modelId} has no version ${version}.`);
    return found;
  }

  async getById(id: string): Promise<ModelVersion> {
    const found = await this.versions.getById(id);
    if (found === undefined) throw new NotFoundError(`No model version has id ${id}.`);
    return found;
  }

  async list(modelId: string, query: ModelVersionFilters): Promise<Page<ModelVersion>> {
    await this.requireModel(modelId);
    const filters: Filter[] = [
      { op: 'eq', column: 'stage', value: query.stage },
      { op: 'has', column: 'aliases', value: query.alias },
    ];
    return listing(() => this.versions.list(modelId, { limit: query.limit, cursor: query.cursor, filters }));
  }

  private async requireModel(modelId: string): Promise<void> {
    if ((await this.models.get(modelId)) === undefined) throw new NotFoundError(`No model has id ${modelId}.`);
  }
}
