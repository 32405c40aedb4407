/**
 * Reading what the pipeline produced: runs, and model versions under their model. Nothing here
 * writes; runs come from `POST /runs/execute` and model versions from the pipeline's Record step.
 */
import type { ModelVersion, Run } from '@talaty/schemas';
import type { ModelVersionStore } from '../store/model-versions.ts';
import type { NamedEntityStore } from '../store/named-entities.ts';
import type { Filter, Page } from '../store/pagination.ts';
import type { RunStore } from '../store/runs.ts';
import { NotFoundError } from './errors.ts';
import { listing } from './store-errors.ts';

interface PageQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface RunFilters extends PageQuery {
  readonly status?: string | undefined;
  readonly run_spec_id?: string | undefined;
  readonly created_by?: string | undefined;
}

export interface ModelVersionFilters extends PageQuery {
  readonly stage?: string | undefined;
  readonly alias?: string | undefined;
}

export class RunReader {
  constructor(private readonly runs: RunStore) {}

  async get(id: string): Promise<Run> {
    const found = await this.runs.get(id);
    if (found === undefined) throw new NotFoundError(`No run has id ${id}.`);
    return found;
  }

  list(query: RunFilters): Promise<Page<Run>> {
    const filters: Filter[] = [
      { op: 'eq', column: 'status', value: query.status },
      { op: 'uuid', column: 'run_spec_id', value: query.run_spec_id },
      { op: 'eq', column: 'created_by', value: query.created_by },
    ];
    return listing(() => this.runs.list({ limit: query.limit, cursor: query.cursor, filters }));
  }
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
