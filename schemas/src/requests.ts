/**
 * Request bodies and list queries of the HTTP API. Each derives from the document it creates or
 * changes, so a field is defined once. Update bodies are partial: the service merges them over the
 * stored document and validates the result with the create schema, so a merged update obeys the
 * same rules as a create.
 */
import { z } from 'zod';
import { ColumnName, Description, IsoDate, Name, RowVersion, Tags, UserId, Uuid } from './common.ts';
import { CsvDelimiter, DatasetFormat, DatasetVersionStatus } from './dataset.ts';
import { FeatureDefinition } from './feature.ts';
import { FeatureSetVersionStatus, featureSetVersionContent, noFeatureReadsARoleColumn } from './feature-set.ts';
import { ModelStage } from './model.ts';
import { runSpecContent, runSpecRules } from './run-spec.ts';

const rowVersion = RowVersion.optional().describe(
  'The row version this change is based on; an alternative to the If-Match header. A stale one is refused.',
);

const namedEntity = { name: Name, description: Description, tags: Tags };

export const NamedEntityCreate = z
  .strictObject(namedEntity)
  .meta({ id: 'NamedEntityCreate', description: 'Creates a dataset, feature set or model: a unique name and labels.' });

export const NamedEntityUpdate = z
  .strictObject({
    name: Name.optional(),
    description: Description.unwrap().optional().describe('Free text for people; may be empty.'),
    tags: Tags.unwrap().optional().describe('Labels for search and grouping.'),
    row_version: rowVersion,
  })
  .meta({ id: 'NamedEntityUpdate', description: 'Changes the name, description or tags; omitted fields stay.' });

const [numericDefinition, categoricalDefinition] = FeatureDefinition.options;

export const FeatureCreate = z
  .discriminatedUnion('kind', [
    numericDefinition.omit({ feature_id: true }),
    categoricalDefinition.omit({ feature_id: true }),
  ])
  .meta({ id: 'FeatureCreate', description: 'Adds a feature to the catalog; its name must be unused.' });

export const FeatureUpdate = z
  .strictObject({
    name: numericDefinition.shape.name.optional(),
    source_column: numericDefinition.shape.source_column.optional(),
    description: Description.unwrap().optional(),
    rationale: Description.unwrap().optional(),
    kind: z.enum(['numeric', 'categorical']).optional(),
    missing_policy: z.unknown().optional().describe('As for the feature’s kind (validated after merging).'),
    special_values: z.unknown().optional().describe('As for the feature’s kind (validated after merging).'),
    monotone: z.unknown().optional().describe('-1, 0 or 1; 0 for categorical features (validated after merging).'),
    row_version: rowVersion,
  })
  .meta({
    id: 'FeatureUpdate',
    description:
      'Changes a catalog feature; omitted fields stay. The merged feature must be a valid feature ' +
      '(e.g. a categorical feature cannot be monotone).',
  });

export const FeatureSetVersionCreate = z
  .strictObject({ ...featureSetVersionContent, features: featureSetVersionContent.features.default([]) })
  .superRefine(noFeatureReadsARoleColumn)
  .meta({
    id: 'FeatureSetVersionCreate',
    description:
      'Starts a DRAFT version: features, the target and the role columns. Feature names are unique ' +
      'and no feature reads the target, id, date or weight column.',
  });

export const FeatureSetVersionUpdate = z
  .strictObject({
    features: z.array(z.unknown()).optional().describe('The whole new feature list (validated after merging).'),
    target: z.unknown().optional(),
    id_column: z.unknown().optional(),
    date_column: z.unknown().optional(),
    weight_column: z.unknown().optional(),
    notes: z.string().max(4000).optional(),
    row_version: rowVersion,
  })
  .meta({
    id: 'FeatureSetVersionUpdate',
    description: 'Changes a DRAFT version; omitted fields stay. The merged version must be a valid draft.',
  });

export const PublishRequest = z.strictObject({ row_version: rowVersion }).meta({
  id: 'PublishRequest',
  description: 'Publishes the DRAFT at this row version (or the one in If-Match); the body may be empty.',
});

export const RunSpecCreate = z
  .strictObject(runSpecContent)
  .superRefine(runSpecRules)
  .meta({
    id: 'RunSpecCreate',
    description:
      'Creates an immutable run spec. The dataset version must be READY and the feature-set version ' +
      'PUBLISHED; early stopping needs a validation sample; every gate names a sample the split keeps.',
  });

export const RunExecuteRequest = z.strictObject({ run_spec_id: Uuid.describe('The run spec to run.') }).meta({
  id: 'RunExecuteRequest',
  description:
    'Starts a run of a run spec. With an Idempotency-Key header, repeating the request (same user, 24 h) ' +
    'returns the same run and starts no second execution.',
});

export const PageQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/, { message: 'must be a whole number from 1 to 200' })
    .transform(Number)
    .pipe(z.int().min(1, { message: 'must be at least 1' }).max(200, { message: 'must be at most 200' }))
    .default(50)
    .describe('Items per page, 1–200 (default 50).'),
  cursor: z.string().max(512).optional().describe('The `next_cursor` of the previous page; omit for the first page.'),
});

/** A page of a list: items newest first, and the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .strictObject({
      items: z.array(item),
      next_cursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
    })
    .meta({ id, description: 'One page of a list, newest first.' });
}

const createdBy = UserId.optional().describe('Only items created by this user.');
const namePrefix = z.string().min(1).max(128).optional().describe('Only names starting with this text.');

export const NamedEntityQuery = PageQuery.extend({
  name_prefix: namePrefix,
  tag: z.string().min(1).max(64).optional().describe('Only items carrying this tag.'),
  created_by: createdBy,
});

export const FeatureQuery = PageQuery.extend({
  name_prefix: namePrefix,
  kind: z.enum(['numeric', 'categorical']).optional().describe('Only features of this kind.'),
  source_column: ColumnName.optional().describe('Only features reading this column.'),
  created_by: createdBy,
});

export const FeatureSetVersionQuery = PageQuery.extend({
  status: FeatureSetVersionStatus.optional().describe('Only versions in this status.'),
  created_by: createdBy,
});

export const RunSpecQuery = PageQuery.extend({
  name_prefix: namePrefix,
  model_name: z.string().min(1).max(100).optional().describe('Only run specs registering into this model.'),
  dataset_version_id: z.uuid().optional().describe('Only run specs training on this dataset version.'),
  feature_set_version_id: z.uuid().optional().describe('Only run specs using this feature-set version.'),
  created_by: createdBy,
});

export const RunQuery = PageQuery.extend({
  status: z
    .enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'])
    .optional()
    .describe('Only runs in this status.'),
  run_spec_id: z.uuid().optional().describe('Only runs of this run spec.'),
  created_by: createdBy,
});

export const ModelVersionQuery = PageQuery.extend({
  stage: ModelStage.optional().describe('Only versions in this stage.'),
  alias: z.string().min(1).max(40).optional().describe('Only the version carrying this alias.'),
});

export const DatasetVersionCreate = z
  .strictObject({
    format: DatasetFormat,
    size_bytes: z
      .int()
      .min(1)
      .max(5 * 1024 ** 4)
      .describe('Exact size of the file in bytes; the upload is refused at commit when it differs.'),
    delimiter: CsvDelimiter.optional().describe('The CSV delimiter, when not to be detected from the header.'),
    as_of: IsoDate.optional().describe('The date the data describes (snapshot or observation date).'),
  })
  .superRefine((v, ctx) => {
    if (v.format === 'parquet' && v.delimiter !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['delimiter'], message: 'is only for csv and csv.gz' });
    }
  })
  .meta({
    id: 'DatasetVersionCreate',
    description: 'Starts a new version of a dataset: its format and exact size. The answer says where to upload.',
  });

export const UploadPartsRequest = z
  .strictObject({
    part_numbers: z
      .array(z.int().min(1).max(10_000))
      .min(1)
      .max(100)
      .superRefine((numbers, ctx) => {
        const seen = new Set<number>();
        numbers.forEach((n, i) => {
          if (seen.has(n)) ctx.addIssue({ code: 'custom', path: [i], message: `part ${n} is listed twice` });
          seen.add(n);
        });
      })
      .describe('Up to 100 part numbers (1 … part_count) to get URLs for.'),
  })
  .meta({ id: 'UploadPartsRequest', description: 'Asks for presigned URLs of some parts of a multipart upload.' });

export const CommitRequest = z
  .strictObject({
    parts: z
      .array(
        z.strictObject({
          part_number: z.int().min(1).max(10_000),
          etag: z.string().min(1).max(1024).describe('The ETag header S3 answered for the part.'),
        }),
      )
      .min(1)
      .max(10_000)
      .optional()
      .describe('Every part of a multipart upload with its ETag, in order; omitted for a single PUT.'),
    target_column: ColumnName.optional().describe('The target column, whose rate profiling reports.'),
  })
  .meta({
    id: 'CommitRequest',
    description: 'Ends the upload and starts profiling; the version becomes PROFILING, then READY or FAILED.',
  });

export const DatasetVersionQuery = PageQuery.extend({
  status: DatasetVersionStatus.optional().describe('Only versions in this status.'),
  created_by: createdBy,
});
