/**
 * Invalid documents are rejected, with a message that names the field and the problem. Each case
 * breaks one rule of a valid example. Rules JSON Schema can express are checked with ajv too;
 * the rest (uniqueness, sums, cross-field rules) only zod can check, and their descriptions say so.
 */
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../src/common.ts';
import { type DocumentName, documents } from '../src/documents.ts';
import { toErrorDetails } from '../src/errors.ts';
import { createAjv, describeErrors, validatorFor } from './ajv.ts';

// biome-ignore lint/suspicious/noExplicitAny: cases reach into nested example documents to break one field.
type Doc = Record<string, any>;
type Case = {
  schema: DocumentName;
  breaks: string;
  mutate: (doc: Doc) => void;
  path: string;
  message: RegExp;
  /** JSON Schema cannot express the rule; only zod rejects it. */
  zodOnly?: true;
  /** Which of the schema's examples to break; the first by default. */
  example?: number;
};

const example = (name: DocumentName, index = 0): Doc => structuredClone(exampleOf(documents[name], index)) as Doc;

// biome-ignore format: one case per line reads as a table.
const cases: Case[] = [
  { schema: 'Dataset', breaks: 'an unknown field', mutate: (d) => { d.owner = 'x'; }, path: 'owner', message: /unknown field/ },
  { schema: 'Dataset', breaks: 'the name rule', mutate: (d) => { d.name = 'Taiwan Default'; }, path: 'name', message: /a–z, 0–9/ },
  { schema: 'Dataset', breaks: 'a required field', mutate: (d) => { delete d.created_at; }, path: 'created_at', message: /expected string, received undefined/ },
  { schema: 'Dataset', breaks: 'the timestamp format', mutate: (d) => { d.created_at = '2026-11-20 09:00'; }, path: 'created_at', message: /ISO datetime/ },
  { schema: 'DatasetVersion', breaks: 'READY needs a digest', mutate: (d) => { d.sha256 = null; }, path: 'sha256', message: /expected string, received null/ },
  { schema: 'DatasetVersion', breaks: 'READY needs a positive row count', mutate: (d) => { d.row_count = 0; }, path: 'row_count', message: />=1/ },
  { schema: 'DatasetVersion', breaks: 'an unknown status', mutate: (d) => { d.status = 'DONE'; }, path: 'status', message: /PENDING_UPLOAD/ },
  { schema: 'DatasetVersion', breaks: 'the format enum', mutate: (d) => { d.format = 'xlsx'; }, path: 'format', message: /csv\.gz/ },
  { schema: 'DatasetVersion', breaks: 'unique column names', mutate: (d) => { d.columns[1].name = d.columns[0].name; }, path: 'columns.1.name', message: /duplicate column name "LIMIT_BAL"/, zodOnly: true },
  { schema: 'Feature', breaks: 'no monotone categorical', mutate: (d) => { d.kind = 'categorical'; d.special_values = []; d.monotone = 1; }, path: 'monotone', message: /expected 0/ },
  { schema: 'Feature', breaks: 'the monotone values', mutate: (d) => { d.monotone = 2; }, path: 'monotone', message: /-1|1/ },
  { schema: 'Feature', breaks: 'the feature name rule', mutate: (d) => { d.name = '1st utilization'; }, path: 'name', message: /must start with a letter/ },
  { schema: 'Feature', breaks: 'a numeric fill value', mutate: (d) => { d.missing_policy = { strategy: 'fill', value: 'zero' }; }, path: 'missing_policy.value', message: /expected number/ },
  { schema: 'FeatureSetVersion', breaks: 'a feature reading the target', mutate: (d) => { d.features[0].source_column = d.target.column; }, path: 'features.0.source_column', message: /which is the target/, zodOnly: true },
  { schema: 'FeatureSetVersion', breaks: 'a feature reading the id column', mutate: (d) => { d.features[1].source_column = 'ID'; }, path: 'features.1.source_column', message: /which is the id_column/, zodOnly: true },
  { schema: 'FeatureSetVersion', breaks: 'unique feature names', mutate: (d) => { d.features[1].name = d.features[0].name; }, path: 'features.1.name', message: /duplicate feature name "limit_bal"/, zodOnly: true },
  { schema: 'FeatureSetVersion', breaks: 'PUBLISHED needs features', mutate: (d) => { d.features = []; }, path: 'features', message: />=1 items/ },
  { schema: 'FeatureSetVersion', breaks: 'PUBLISHED needs its publisher', mutate: (d) => { d.published_by = null; }, path: 'published_by', message: /expected string/ },
  { schema: 'ModelParams', breaks: 'an unknown parameter', mutate: (d) => { d.eta = 0.1; }, path: 'eta', message: /unknown field/ },
  { schema: 'ModelParams', breaks: 'a zero learning rate', mutate: (d) => { d.learning_rate = 0; }, path: 'learning_rate', message: />0/ },
  { schema: 'ModelParams', breaks: 'max_bins above 255', mutate: (d) => { d.max_bins = 256; }, path: 'max_bins', message: /<=255/ },
  { schema: 'ModelParams', breaks: 'an integer parameter', mutate: (d) => { d.max_depth = 4.5; }, path: 'max_depth', message: /expected int/ },
  { schema: 'ModelParams', breaks: 'the growth enum', mutate: (d) => { d.growth = 'lossguide'; }, path: 'growth', message: /depthwise|leafwise/ },
  { schema: 'SplitPolicy', breaks: 'fractions summing to 1', mutate: (d) => { d.fractions.train = 0.8; }, path: 'fractions', message: /must be 1, not 1.1/, zodOnly: true },
  { schema: 'SplitPolicy', breaks: 'an unknown method', mutate: (d) => { d.method = 'kfold'; }, path: 'method', message: /random|time/ },
  { schema: 'EvaluationPolicy', breaks: 'a gate with no bound', mutate: (d) => { d.gates[0].min = null; }, path: 'gates.0.min', message: /min, max or both/, zodOnly: true },
  { schema: 'EvaluationPolicy', breaks: 'a psi gate on train', mutate: (d) => { d.gates[1].split = 'train'; }, path: 'gates.1.split', message: /test or oot/, zodOnly: true },
  { schema: 'RunSpec', breaks: 'the model family', mutate: (d) => { d.model_family = 'logistic'; }, path: 'model_family', message: /gbm/ },
  { schema: 'RunSpec', breaks: 'a nested parameter', mutate: (d) => { d.model_params.row_subsample = 1.5; }, path: 'model_params.row_subsample', message: /<=1/ },
  { schema: 'Run', breaks: 'FAILED needs its failure', example: 1, mutate: (d) => { d.failure = null; }, path: 'failure', message: /expected object/ },
  { schema: 'Run', breaks: 'the execution ARN format', example: 1, mutate: (d) => { d.execution_arn = 'exec-1'; }, path: 'execution_arn', message: /Step Functions execution ARN/ },
  { schema: 'Run', breaks: 'SUCCEEDED needs metrics', mutate: (d) => { d.metrics_summary = null; }, path: 'metrics_summary', message: /expected object/ },
  { schema: 'RunEvent', breaks: 'the event kinds', mutate: (d) => { d.kind = 'started'; }, path: 'kind', message: /step_started/ },
  { schema: 'ModelVersion', breaks: 'unique aliases', mutate: (d) => { d.aliases = ['champion', 'champion']; }, path: 'aliases.1', message: /duplicate alias/, zodOnly: true },
  { schema: 'ModelVersion', breaks: 'the stage enum', mutate: (d) => { d.stage = 'live'; }, path: 'stage', message: /production/ },
  { schema: 'RunManifest', breaks: 'a DRAFT feature-set version', mutate: (d) => { d.feature_set_version.status = 'DRAFT'; }, path: 'feature_set_version.status', message: /PUBLISHED/ },
  { schema: 'RunResult', breaks: 'failed needs its failure', example: 1, mutate: (d) => { d.failure = null; }, path: 'failure', message: /expected object/ },
  { schema: 'Metrics', breaks: 'an AUC above 1', mutate: (d) => { d.train.auc = 1.2; }, path: 'train.auc', message: /<=1/ },
  { schema: 'Metrics', breaks: 'the decile range', mutate: (d) => { d.test.gains[0].decile = 11; }, path: 'test.gains.0.decile', message: /<=10/ },
  { schema: 'ModelArtifact', breaks: 'the format version', mutate: (d) => { d.format_version = 2; }, path: 'format_version', message: /expected 1/ },
  { schema: 'ModelArtifact', breaks: 'equal-length node arrays', mutate: (d) => { d.trees[0].gain.pop(); }, path: 'trees.0.gain', message: /has 4 nodes; split_feature has 5/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'children after their parent', mutate: (d) => { d.trees[0].left[2] = 1; }, path: 'trees.0.left.2', message: /a node after 2/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'split features in range', mutate: (d) => { d.trees[0].split_feature[0] = 7; }, path: 'trees.0.split_feature.0', message: /out of range \(2 features\)/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'category sets only on categorical splits', mutate: (d) => { d.trees[0].categories_left[0] = ['1']; }, path: 'trees.0.categories_left.0', message: /must be null for numeric feature "pay_0"/, zodOnly: true },
  { schema: 'DatasetVersion', breaks: 'a target column that is a column', mutate: (d) => { d.target_column = 'default'; }, path: 'target_column', message: /"default" is not a column/, zodOnly: true },
  { schema: 'DatasetVersion', breaks: 'missing counts within the row count', mutate: (d) => { d.columns[0].missing_count = 30001; }, path: 'columns.0.missing_count', message: /cannot exceed row_count \(30000\)/, zodOnly: true },
  { schema: 'FeatureSetVersion', breaks: 'distinct role columns', mutate: (d) => { d.id_column = d.target.column; }, path: 'id_column', message: /already the target/, zodOnly: true },
  { schema: 'FeatureSetVersion', breaks: 'role columns in a DRAFT too', example: 1, mutate: (d) => { d.features[0].source_column = 'ID'; }, path: 'features.0.source_column', message: /which is the id_column/, zodOnly: true },
  { schema: 'SplitPolicy', breaks: 'oot_end after oot_start', example: 1, mutate: (d) => { d.oot_end = '2024-12-31'; }, path: 'oot_end', message: /not be before oot_start/, zodOnly: true },
  { schema: 'EvaluationPolicy', breaks: 'min at most max', mutate: (d) => { d.gates[0].max = 0.3; }, path: 'gates.0.max', message: /not be below min/, zodOnly: true },
  { schema: 'RunSpec', breaks: 'a validation sample for early stopping', mutate: (d) => { d.split_policy.fractions = { train: 0.8, valid: 0, test: 0.2 }; }, path: 'split_policy.fractions.valid', message: /early stopping needs a validation sample/, zodOnly: true },
  { schema: 'RunSpec', breaks: 'gates on kept samples', mutate: (d) => { d.evaluation_policy.gates[0].split = 'oot'; }, path: 'evaluation_policy.gates.0.split', message: /keeps no oot sample/, zodOnly: true },
  { schema: 'Run', breaks: 'the gate outcome of its gates', mutate: (d) => { d.gates[0].passed = false; }, path: 'gate_outcome', message: /must be "failed"/, zodOnly: true },
  { schema: 'Run', breaks: 'no model version after failed gates', mutate: (d) => { d.gates[0].passed = false; d.gate_outcome = 'failed'; }, path: 'model_version_id', message: /must be null when the gates failed/, zodOnly: true },
  { schema: 'Run', breaks: 'a model version after passed gates', mutate: (d) => { d.model_version_id = null; }, path: 'model_version_id', message: /must name the registered model version/, zodOnly: true },
  { schema: 'RunResult', breaks: 'the gate outcome of its gates', mutate: (d) => { d.gate_outcome = 'passed'; }, path: 'gate_outcome', message: /must be "failed" for these 2 gate results/, zodOnly: true },
  { schema: 'RunResult', breaks: 'none only without gates', mutate: (d) => { d.gate_outcome = 'none'; }, path: 'gate_outcome', message: /must be "failed"/, zodOnly: true },
  { schema: 'RunManifest', breaks: 'the pinned feature-set version', mutate: (d) => { d.feature_set_version.id = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'; }, path: 'feature_set_version.id', message: /feature_set_version_id/, zodOnly: true },
  { schema: 'RunManifest', breaks: 'the pinned dataset version', mutate: (d) => { d.dataset.dataset_version_id = '6b2d3e4f-5061-4b7c-9d8e-0f1a2b3c4d5e'; }, path: 'dataset.dataset_version_id', message: /dataset_version_id/, zodOnly: true },
  { schema: 'RunManifest', breaks: 'a date column for a time split', mutate: (d) => { d.run_spec.split_policy = { method: 'time', date_column: null, oot_start: '2005-08-01', oot_end: null, in_time: { train: 0.8, valid: 0.2, test: 0 }, stratify: true, seed: 1 }; d.run_spec.evaluation_policy.gates = []; }, path: 'run_spec.split_policy.date_column', message: /needs a date column/, zodOnly: true },
  { schema: 'Metrics', breaks: 'gini = 2·auc − 1', mutate: (d) => { d.valid.gini = 0.7; }, path: 'valid.gini', message: /must be 2·auc − 1/, zodOnly: true },
  { schema: 'Metrics', breaks: 'gains rows adding up to n', mutate: (d) => { d.test.gains[3].n = 449; }, path: 'test.gains', message: /add up to 4499, not n = 4500/, zodOnly: true },
  { schema: 'Metrics', breaks: 'full capture in the last decile', mutate: (d) => { d.train.gains[9].cum_capture = 0.98; }, path: 'train.gains.9.cum_capture', message: /capture every bad/, zodOnly: true },
  { schema: 'Metrics', breaks: 'Hosmer–Lemeshow degrees of freedom', mutate: (d) => { d.train.hosmer_lemeshow.degrees_of_freedom = 9; }, path: 'train.hosmer_lemeshow.degrees_of_freedom', message: /cannot exceed 10 bins − 2/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'one objective', mutate: (d) => { d.params.objective = 'squared_error'; }, path: 'params.objective', message: /must equal objective "binary_logistic"/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'best_iteration = trees kept', mutate: (d) => { d.best_iteration = 3; }, path: 'best_iteration', message: /1 trees are kept/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'known categories in splits', mutate: (d) => { d.trees[0].categories_left[2] = ['1', '9']; }, path: 'trees.0.categories_left.2', message: /"9" is not a category of feature "education"/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'categories on categorical splits', mutate: (d) => { d.trees[0].categories_left[2] = null; }, path: 'trees.0.categories_left.2', message: /must list categories/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'leaves without children', mutate: (d) => { d.trees[0].split_feature[2] = -1; d.trees[0].categories_left[2] = null; }, path: 'trees.0.left.2', message: /must be -1 for a leaf/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'one parent per node', mutate: (d) => { d.trees[0].right[2] = 3; }, path: 'trees.0.left', message: /node 3 is not in the tree: 2 nodes lead to it/, zodOnly: true },
  { schema: 'DatasetVersion', breaks: 'no delimiter for parquet', example: 3, mutate: (d) => { d.delimiter = ','; }, path: 'delimiter', message: /must be null for parquet/, zodOnly: true },
  { schema: 'SplitPolicy', breaks: 'all three fractions given', mutate: (d) => { d.fractions = { train: 0.8, valid: 0.2 }; }, path: 'fractions.test', message: /expected number, received undefined/ },
  { schema: 'Run', breaks: 'passed matching the value', mutate: (d) => { d.gates[0].value = 0.3; }, path: 'gates.0.passed', message: /must be false: the value 0.3 is outside \[0.4, ∞\]/, zodOnly: true },
  { schema: 'Run', breaks: 'no gate results before success', example: 2, mutate: (d) => { d.gates = [{ metric: 'gini', split: 'test', min: 0.4, max: null, value: 0.5, passed: true }]; }, path: 'gates', message: /<=0 items/ },
  { schema: 'RunManifest', breaks: 'a date column that is no feature', mutate: (d) => { d.run_spec.split_policy = { method: 'time', date_column: 'LIMIT_BAL', oot_start: '2005-08-01', oot_end: null, in_time: { train: 0.8, valid: 0.2, test: 0 }, stratify: true, seed: 1 }; d.run_spec.evaluation_policy.gates = []; }, path: 'run_spec.split_policy.date_column', message: /"LIMIT_BAL" is the target or a feature's column/, zodOnly: true },
  { schema: 'Metrics', breaks: 'ks undefined with auc', mutate: (d) => { d.valid.ks = null; }, path: 'valid.gini', message: /must all be set, or all be null/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'unique feature names', mutate: (d) => { d.features[1].name = 'pay_0'; }, path: 'features.1.name', message: /duplicate feature name "pay_0"/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'no best iteration without early stopping', mutate: (d) => { d.best_iteration = 1; }, path: 'best_iteration', message: /early stopping was off/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'at most n_trees trees', mutate: (d) => { d.trees.push(d.trees[0]); }, path: 'trees', message: /holds 2 trees; params.n_trees is 1/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'each category once', mutate: (d) => { d.features[1].categories = ['1', '1', '4']; }, path: 'features.1.categories.1', message: /duplicate category "1"/, zodOnly: true },
  { schema: 'ModelArtifact', breaks: 'at most max_cat_categories categories', mutate: (d) => { d.params.max_cat_categories = 3; }, path: 'features.1.categories', message: /more than params.max_cat_categories \(3\)/, zodOnly: true },
  { schema: 'ErrorResponse', breaks: 'the error code format', mutate: (d) => { d.error.code = 'bad request'; }, path: 'error.code', message: /Invalid string/ },
];

const ajv = createAjv();

describe.each(cases)('$schema rejects a document that breaks $breaks', (c) => {
  const document = example(c.schema, c.example);
  c.mutate(document);

  it(`zod names ${c.path || 'the document'} and the problem`, () => {
    const result = documents[c.schema].safeParse(document);
    expect(result.success).toBe(false);
    const details = result.success ? [] : toErrorDetails(result.error);
    expect(details).toContainEqual({ path: c.path, message: expect.stringMatching(c.message) });
  });

  it(c.zodOnly ? 'JSON Schema cannot express this rule' : 'JSON Schema (ajv) rejects it too', () => {
    const validate = validatorFor(ajv, c.schema);
    const valid = validate(document);
    expect(valid, describeErrors(validate.errors).join('\n')).toBe(c.zodOnly === true);
  });
});
