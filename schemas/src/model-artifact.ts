/**
 * The model artifact (model.json): everything needed to score raw rows, with trees stored as
 * flat node arrays. The predictor reads only this document; it never needs the trainer.
 */
import { z } from 'zod';
import { ScoreScaling } from './artifact-policy.ts';
import { ColumnName, exampleOf, Sha256, Timestamp, uniqueBy } from './common.ts';
import { CategoricalMissingPolicy, FeatureName, MonotoneConstraint, NumericMissingPolicy } from './feature.ts';
import { TargetDefinition } from './feature-set.ts';
import { ModelParams, Objective } from './model-params.ts';

const featureBase = { name: FeatureName, source_column: ColumnName };

export const ArtifactFeature = z
  .discriminatedUnion('kind', [
    z.strictObject({
      ...featureBase,
      kind: z.literal('numeric'),
      missing_policy: NumericMissingPolicy,
      special_values: z.array(z.number()),
      monotone: MonotoneConstraint,
    }),
    z.strictObject({
      ...featureBase,
      kind: z.literal('categorical'),
      missing_policy: CategoricalMissingPolicy,
      special_values: z.array(z.string()),
      categories: z
        .array(z.string())
        .max(254)
        .superRefine(uniqueBy((c) => c, 'category'))
        .describe(
          'Categories that had their own bin in training, at most max_cat_categories, each once; ' +
            'any other value is treated as missing.',
        ),
    }),
  ])
  .meta({
    id: 'ArtifactFeature',
    description: 'A model input: its source column and the same missing-value handling as in training.',
  });

const perNode = <T extends z.ZodType>(item: T, what: string) => z.array(item).min(1).describe(what);

type TreeArrays = {
  split_feature: number[];
  categories_left: Array<string[] | null>;
  left: number[];
  right: number[];
} & Record<string, unknown[]>;

/** Arrays of one length; leaves have no children; children point forward; every node but the root has one parent. */
function checkTreeShape(tree: TreeArrays, ctx: z.RefinementCtx): void {
  const size = tree.split_feature.length;
  for (const [key, values] of Object.entries(tree)) {
    if (values.length !== size) {
      ctx.addIssue({ code: 'custom', path: [key], message: `has ${values.length} nodes; split_feature has ${size}` });
      return;
    }
  }
  const parents = new Array<number>(size).fill(0);
  for (let node = 0; node < size; node++) {
    const leaf = tree.split_feature[node] === -1;
    for (const side of ['left', 'right'] as const) {
      const child = tree[side][node] as number;
      const ok = leaf ? child === -1 : child > node && child < size;
      if (!ok) {
        const expected = leaf ? '-1 for a leaf' : `a node after ${node} and before ${size}`;
        ctx.addIssue({ code: 'custom', path: [side, node], message: `must be ${expected}, not ${child}` });
      } else if (!leaf) {
        parents[child] = (parents[child] ?? 0) + 1;
      }
    }
  }
  parents.forEach((count, node) => {
    if (node > 0 && count !== 1) {
      const problem = count === 0 ? 'no node leads to it' : `${count} nodes lead to it`;
      ctx.addIssue({ code: 'custom', path: ['left'], message: `node ${node} is not in the tree: ${problem}` });
    }
  });
}

export const Tree = z
  .strictObject({
    split_feature: perNode(z.int().min(-1), 'Index into features of the split, or -1 for a leaf.'),
    threshold: perNode(
      z.number(),
      'Numeric split: rows whose raw value is ≤ threshold go left, others right. 0 for leaves and categorical splits.',
    ),
    categories_left: perNode(
      z.array(z.string()).nullable(),
      'Categorical split: the categories that go left (all others go right); null for other nodes.',
    ),
    missing_left: perNode(z.boolean(), 'Where missing values (and unknown categories) go: left when true.'),
    left: perNode(z.int().min(-1), 'Index of the left child; -1 for a leaf.'),
    right: perNode(z.int().min(-1), 'Index of the right child; -1 for a leaf.'),
    value: perNode(
      z.number(),
      'Leaf: the raw-score contribution, learning rate included. Internal node: what the node would predict.',
    ),
    cover: perNode(z.number().min(0), 'Sum of training hessians reaching the node (used by TreeSHAP).'),
    gain: perNode(z.number().min(0), 'Loss reduction of the split; 0 for leaves.'),
  })
  .superRefine(checkTreeShape)
  .meta({
    id: 'Tree',
    description:
      'One tree as parallel arrays indexed by node, all of the same length. Node 0 is the root; ' +
      'a leaf has split_feature, left and right -1; an internal node’s children come after it, ' +
      'and every node but the root has exactly one parent.',
  });

type SplitNodes = { split_feature: number[]; categories_left: Array<string[] | null> };
type FeatureKinds = ReadonlyArray<
  { name: string; kind: 'numeric' } | { name: string; kind: 'categorical'; categories: string[] }
>;

/** Each split names a feature that exists; categorical splits send known categories left, numeric ones none. */
function splitsMatchFeatures(
  tree: SplitNodes,
  features: FeatureKinds,
  issue: (path: PropertyKey[], message: string) => void,
): void {
  tree.split_feature.forEach((f, node) => {
    if (f === -1) return;
    const feature = features[f];
    const left = tree.categories_left[node] ?? null;
    if (feature === undefined) {
      issue(['split_feature', node], `feature index ${f} is out of range (${features.length} features)`);
    } else if (feature.kind === 'numeric' && left !== null) {
      issue(['categories_left', node], `must be null for numeric feature "${feature.name}"`);
    } else if (feature.kind === 'categorical') {
      const unknown = left?.find((category) => !feature.categories.includes(category));
      if (left === null)
        issue(['categories_left', node], `must list categories for categorical feature "${feature.name}"`);
      else if (unknown !== undefined) {
        issue(['categories_left', node], `"${unknown}" is not a category of feature "${feature.name}"`);
      }
    }
  });
}

export const ModelArtifact = z
  .strictObject({
    format: z.literal('talaty-gbm'),
    format_version: z.literal(1).describe('Bumped on any incompatible change of this document.'),
    objective: Objective,
    base_score: z.number().describe('Raw score before any tree (log-odds for binary_logistic).'),
    features: z
      .array(ArtifactFeature)
      .min(1)
      .superRefine(uniqueBy((f) => f.name, 'feature name', 'name'))
      .describe('Model inputs, in the order split_feature indexes them; names are unique.'),
    target: TargetDefinition,
    trees: z
      .array(Tree)
      .describe(
        'Kept trees, at most params.n_trees. raw = base_score + Σ leaf values; p_bad = sigmoid(raw) ' +
          'for binary_logistic, raw clipped to [0, 1] for squared_error.',
      ),
    best_iteration: z
      .int()
      .min(1)
      .nullable()
      .describe('Best validation round when early stopping ran (then the number of trees kept); otherwise null.'),
    params: ModelParams,
    score_scaling: ScoreScaling.nullable(),
    training: z
      .strictObject({
        trained_at: Timestamp,
        train_rows: z.int().min(1),
        valid_rows: z.int().min(0).nullable(),
        elapsed_s: z.number().min(0),
        threads: z.int().min(1).describe('Threads training actually used.'),
        runner_version: z.string().min(1),
        runner_digest: Sha256.nullable(),
        dataset_sha256: Sha256.nullable(),
      })
      .describe('How and from what the model was trained.'),
  })
  .superRefine((artifact, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (artifact.objective !== artifact.params.objective) {
      issue(['params', 'objective'], `must equal objective "${artifact.objective}"`);
    }
    if (artifact.best_iteration !== null && artifact.best_iteration !== artifact.trees.length) {
      issue(['best_iteration'], `${artifact.trees.length} trees are kept, so it must be ${artifact.trees.length}`);
    }
    if (artifact.best_iteration !== null && artifact.params.early_stopping_rounds === 0) {
      issue(['best_iteration'], 'must be null: early stopping was off');
    }
    if (artifact.trees.length > artifact.params.n_trees) {
      issue(['trees'], `holds ${artifact.trees.length} trees; params.n_trees is ${artifact.params.n_trees}`);
    }
    artifact.features.forEach((feature, f) => {
      if (feature.kind === 'categorical' && feature.categories.length > artifact.params.max_cat_categories) {
        issue(
          ['features', f, 'categories'],
          `holds more than params.max_cat_categories (${artifact.params.max_cat_categories})`,
        );
      }
    });
    artifact.trees.forEach((tree, t) => {
      splitsMatchFeatures(tree, artifact.features, (path, message) => issue(['trees', t, ...path], message));
    });
  })
  .meta({
    id: 'ModelArtifact',
    title: 'ModelArtifact',
    description:
      'A trained GBM as stored in model.json: features with their missing-value handling, flat ' +
      'trees with raw-value thresholds, base score, parameters and training metadata. Saving and ' +
      'loading it gives bit-identical predictions. objective equals params.objective; every split ' +
      'names an existing feature, and a categorical split sends only known categories left.',
    examples: [
      {
        format: 'talaty-gbm',
        format_version: 1,
        objective: 'binary_logistic',
        base_score: -1.2587,
        features: [
          {
            name: 'pay_0',
            source_column: 'PAY_0',
            kind: 'numeric',
            missing_policy: { strategy: 'learn' },
            special_values: [],
            monotone: 1,
          },
          {
            name: 'education',
            source_column: 'EDUCATION',
            kind: 'categorical',
            missing_policy: { strategy: 'learn' },
            special_values: [],
            categories: ['1', '2', '3', '4'],
          },
        ],
        target: { column: 'default.payment.next.month', bad_value: 1 },
        trees: [
          {
            split_feature: [0, -1, 1, -1, -1],
            threshold: [1.5, 0, 0, 0, 0],
            categories_left: [null, null, ['1', '4'], null, null],
            missing_left: [true, false, false, false, false],
            left: [1, -1, 3, -1, -1],
            right: [2, -1, 4, -1, -1],
            value: [0, -0.0191, 0.1202, 0.0901, 0.1388],
            cover: [4725, 4100, 625, 240, 385],
            gain: [512.7, 0, 21.3, 0, 0],
          },
        ],
        best_iteration: null,
        params: {
          ...exampleOf(ModelParams),
          n_trees: 1,
          learning_rate: 0.1,
          max_depth: 2,
          early_stopping_rounds: 0,
          threads: 1,
        },
        score_scaling: { pdo: 20, base_score: 600, base_odds: 50 },
        training: {
          trained_at: '2026-11-20T12:05:29.000Z',
          train_rows: 21000,
          valid_rows: 4500,
          elapsed_s: 0.8,
          threads: 1,
          runner_version: '0.1.0',
          runner_digest: null,
          dataset_sha256: null,
        },
      },
    ],
  });

export type ArtifactFeature = z.output<typeof ArtifactFeature>;
export type Tree = z.output<typeof Tree>;
