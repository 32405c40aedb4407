/** How a run divides its rows into train, validation, test and out-of-time samples. */
import { z } from 'zod';
import { ColumnName, IsoDate } from './common.ts';

const fractionsDescription =
  'Fractions of the rows for train, valid and test, all three given; they sum to 1, train > 0, ' +
  'and valid > 0 when early stopping is on.';

const Fractions = z
  .strictObject({
    train: z.number().gt(0).max(1),
    valid: z.number().min(0).max(1),
    test: z.number().min(0).max(1),
  })
  .superRefine((f, ctx) => {
    const sum = f.train + f.valid + f.test;
    if (Math.abs(sum - 1) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: [], message: `train + valid + test must be 1, not ${sum}` });
    }
  })
  .meta({ id: 'SplitFractions', description: fractionsDescription });

const defaultFractions = { train: 0.7, valid: 0.15, test: 0.15 };
const defaultInTimeFractions = { train: 0.8, valid: 0.2, test: 0 };

const seed = z.int().min(0).max(4_294_967_295).default(42).describe('Seed of the row assignment.');

export const RandomSplit = z
  .strictObject({
    method: z.literal('random'),
    fractions: Fractions.default(defaultFractions),
    stratify: z.boolean().default(true).describe('Keep the bad rate equal across samples.'),
    seed,
  })
  .meta({ id: 'RandomSplit', description: 'Rows assigned at random, stratified by the target by default.' });

export const TimeSplit = z
  .strictObject({
    method: z.literal('time'),
    date_column: ColumnName.nullable()
      .default(null)
      .describe("Date column to split on; null uses the feature-set version's date column."),
    oot_start: IsoDate.describe('Rows dated on or after this day form the out-of-time (oot) sample.'),
    oot_end: IsoDate.nullable()
      .default(null)
      .describe('Rows dated after this day are left out of every sample; null keeps all. Not before oot_start.'),
    in_time: Fractions.default(defaultInTimeFractions),
    stratify: z.boolean().default(true).describe('Keep the bad rate equal across in-time samples.'),
    seed,
  })
  .superRefine((s, ctx) => {
    if (s.oot_end !== null && s.oot_end < s.oot_start) {
      ctx.addIssue({ code: 'custom', path: ['oot_end'], message: 'oot_end must not be before oot_start' });
    }
  })
  .meta({
    id: 'TimeSplit',
    description:
      'Out-of-time validation: rows before oot_start are split at random into train and valid ' +
      '(and an in-time test sample when in_time.test > 0; none by default) by the in_time ' +
      'fractions; ' +
      'rows from oot_start on are the out-of-time sample, never used for training or early stopping.',
  });

export const SplitPolicy = z.discriminatedUnion('method', [RandomSplit, TimeSplit]).meta({
  id: 'SplitPolicy',
  title: 'SplitPolicy',
  description: 'How rows are divided into samples: at random, or by date with an out-of-time sample.',
  examples: [
    { method: 'random', fractions: { train: 0.7, valid: 0.15, test: 0.15 }, stratify: true, seed: 42 },
    {
      method: 'time',
      date_column: 'application_date',
      oot_start: '2025-01-01',
      oot_end: null,
      in_time: { train: 0.8, valid: 0.2, test: 0 },
      stratify: true,
      seed: 7,
    },
  ],
});
