/**
 * GBM parameters. One set of names everywhere: API, run manifest, runner CLI and model artifact.
 * Descriptions give the xgboost `hist` equivalent used by the side-by-side benchmark.
 */
import { z } from 'zod';

export const Objective = z.enum(['binary_logistic', 'squared_error']).meta({
  id: 'Objective',
  description:
    'Loss minimised: binary_logistic (log loss on the bad/good target, raw score in log-odds of ' +
    'bad; xgboost binary:logistic), the objective of credit scoring; or squared_error on the 0/1 ' +
    'bad indicator (a linear-probability model; xgboost reg:squarederror).',
});

export const Growth = z.enum(['depthwise', 'leafwise']).meta({
  id: 'Growth',
  description:
    'depthwise grows every node of a level before the next (xgboost grow_policy=depthwise); ' +
    'leafwise always splits the leaf with the largest gain (xgboost lossguide, LightGBM).',
});

const fraction = (what: string, xgboostName: string) =>
  z.number().gt(0).max(1).default(1).describe(`${what}; 1 uses all. xgboost: ${xgboostName}.`);

export const ModelParams = z
  .strictObject({
    objective: Objective.default('binary_logistic'),
    n_trees: z
      .int()
      .min(1)
      .max(10_000)
      .default(500)
      .describe('Boosting rounds (most trees kept). xgboost: num_boost_round.'),
    learning_rate: z
      .number()
      .gt(0)
      .max(1)
      .default(0.05)
      .describe('Shrinkage applied to every leaf value. xgboost: eta.'),
    growth: Growth.default('depthwise'),
    max_depth: z.int().min(1).max(32).default(6).describe('Maximum tree depth (root is depth 0). xgboost: max_depth.'),
    max_leaves: z
      .int()
      .min(0)
      .max(65_536)
      .default(0)
      .describe('Maximum leaves per tree; 0 means only max_depth limits the tree. xgboost: max_leaves.'),
    min_data_in_leaf: z.int().min(1).default(20).describe('Fewest training rows a leaf may hold.'),
    min_hessian_in_leaf: z
      .number()
      .min(0)
      .default(0.001)
      .describe('Smallest sum of hessians a leaf may hold. xgboost: min_child_weight.'),
    min_split_gain: z
      .number()
      .min(0)
      .default(0)
      .describe('Smallest loss reduction a split must bring. xgboost: gamma.'),
    lambda_l2: z.number().min(0).default(1).describe('L2 regularisation on leaf values. xgboost: lambda.'),
    row_subsample: fraction('Share of rows sampled (without replacement) for each tree', 'subsample'),
    col_subsample: fraction('Share of features sampled for each tree', 'colsample_bytree'),
    max_bins: z
      .int()
      .min(2)
      .max(255)
      .default(255)
      .describe(
        'Value bins per feature, from quantiles of the training data; missing values get one ' +
          'extra bin of their own. 255 corresponds to xgboost max_bin=256.',
      ),
    max_cat_categories: z
      .int()
      .min(2)
      .max(254)
      .default(64)
      .describe(
        'Categories of one categorical feature given their own bin, most frequent first; rarer ' +
          'ones, and categories first seen when scoring, are treated as missing.',
      ),
    early_stopping_rounds: z
      .int()
      .min(0)
      .default(50)
      .describe(
        'Stop when the validation log loss has not improved for this many rounds and keep the ' +
          'best iteration; 0 turns early stopping off. Never uses the test or out-of-time rows.',
      ),
    seed: z.int().min(0).max(4_294_967_295).default(42).describe('Seed for row and column sampling.'),
    threads: z
      .int()
      .min(0)
      .max(256)
      .default(0)
      .describe(
        'Worker threads for training; 0 uses the runner’s threads (one per available core by ' +
          'default). The same data, parameters, seed and thread count give the same model; the ' +
          'count actually used is recorded in the model artifact.',
      ),
  })
  .meta({
    id: 'ModelParams',
    title: 'ModelParams',
    description: 'Parameters of the gradient-boosted tree model; every one has a default.',
    examples: [
      {
        objective: 'binary_logistic',
        n_trees: 500,
        learning_rate: 0.05,
        growth: 'depthwise',
        max_depth: 6,
        max_leaves: 0,
        min_data_in_leaf: 20,
        min_hessian_in_leaf: 0.001,
        min_split_gain: 0,
        lambda_l2: 1,
        row_subsample: 1,
        col_subsample: 1,
        max_bins: 255,
        max_cat_categories: 64,
        early_stopping_rounds: 50,
        seed: 42,
        threads: 0,
      },
    ],
  });
