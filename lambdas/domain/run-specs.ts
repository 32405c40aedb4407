/**
 * Run specs: immutable, and only created against versions that can actually run — a READY dataset
 * version whose columns hold every column the PUBLISHED feature-set version reads.
 */
import { randomUUID } from 'node:crypto';
import type { RunSpec } from '@talaty/schemas';
import type { DatasetVersionStore } from '../store/dataset-versions.ts';
import type { FeatureSetVersionStore } from '../store/feature-set-versions.ts';
import type { Filter, Page } from '../store/pagination.ts';
import type { RunSpecContent, RunSpecStore } from '../store/run-specs.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { listing } from './store-errors.ts';
import { requireSize } from './validation.ts';

export interface RunSpecFilters {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly name_prefix?: string | undefined;
  readonly model_name?: string | undefined;
  readonly dataset_version_id?: string | undefined;
  readonly feature_set_version_id?: string | undefined;
  readonly created_by?: string | undefined;
}

export class RunSpecService {
  constructor(
    private readonly store: RunSpecStore,
    private readonly datasetVersions: DatasetVersionStore,
    private readonly featureSetVersions: FeatureSetVersionStore,
  ) {}

  async create(content: RunSpecContent, by: string): Promise<RunSpec> {
    requireSize(content, 64 * 1024, 'The run spec');
    await this.checkRunnable(content);
    return this.store.insert(randomUUID(), content, by);
  }

  async get(id: string): Promise<RunSpec> {
    const found = await this.store.get(id);
    if (found === undefined) throw new NotFoundError(`No run spec has id ${id}.`);
    return found;
  }

  list(query: RunSpecFilters): Promise<Page<RunSpec>> {
    const filters: Filter[] = [
      { op: 'prefix', column: 'name', value: query.name_prefix },
      { op: 'eq', column: 'model_name', value: query.model_name },
      { op: 'uuid', column: 'dataset_version_id', value: query.dataset_version_id },
      { op: 'uuid', column: 'feature_set_version_id', value: query.feature_set_version_id },
      { op: 'eq', column: 'created_by', value: query.created_by },
    ];
    return listing(() => this.store.list({ limit: query.limit, cursor: query.cursor, filters }));
  }

  private async checkRunnable(content: RunSpecContent): Promise<void> {
    const [dataset, featureSet] = await Promise.all([
      this.datasetVersions.summary(content.dataset_version_id),
      this.featureSetVersions.getById(content.feature_set_version_id),
    ]);
    const problems: { path: string; message: string }[] = [];
    if (dataset === undefined) problems.push({ path: 'dataset_version_id', message: 'no dataset version has this id' });
    else if (dataset.status !== 'READY') {
      problems.push({
        path: 'dataset_version_id',
        message: `dataset version ${dataset.version} is ${dataset.status}; only READY versions can run`,
      });
    }
    if (featureSet === undefined) {
      problems.push({ path: 'feature_set_version_id', message: 'no feature-set version has this id' });
    } else if (featureSet.status !== 'PUBLISHED') {
      problems.push({
        path: 'feature_set_version_id',
        message: `feature-set version ${featureSet.version} is a DRAFT; publish it first`,
      });
    }
    if (dataset?.status === 'READY' && featureSet?.status === 'PUBLISHED' && dataset.columns !== null) {
      const available = new Set(dataset.columns.map((c) => c.name));
      const needed = [
        ...featureSet.features.map((f) => f.source_column),
        featureSet.target.column,
        featureSet.id_column,
        featureSet.date_column,
        featureSet.weight_column,
      ];
      const absent = [...new Set(needed.filter((c): c is string => c !== null && !available.has(c)))];
      if (absent.length > 0) {
        problems.push({
          path: 'feature_set_version_id',
          message: `reads column${absent.length > 1 ? 's' : ''} ${absent.map((c) => `"${c}"`).join(', ')}, which dataset version ${dataset.version} does not have`,
        });
      }
    }
    if (problems.length > 0) {
      throw new ValidationError(
        `The run spec cannot run: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
        problems,
      );
    }
  }
}
