/**
 * Evaluation results, one convention per metric. Scores are p_bad, the predicted probability of
 * the bad outcome; "bads" are rows whose target equals the bad value. With a weight column every
 * count, rate and mean below is weighted (bads and expected counts are weight sums); `n` stays a
 * row count.
 */
import { z } from 'zod';
import { FeatureName } from './feature.ts';

const rate = z.number().min(0).max(1);
const undefinedForOneClass = ' null when the sample holds only bads or only goods.';

export const AUC_CONVENTION =
  'Area under the ROC curve: the probability that a random bad scores a higher p_bad than a random good, ties counting one half.';
export const GINI_CONVENTION = 'Gini = 2·AUC − 1.';
export const KS_CONVENTION =
  'KS = the largest distance, over all thresholds, between the cumulative distributions of p_bad among bads and among goods.';
export const PSI_CONVENTION =
  'PSI = Σ (a − e)·ln(a / e) over bins of p_bad, where e and a are the shares of the reference (train) and compared samples in each bin. The bins are the reference sample’s deciles (psi_bins quantiles when the evaluation policy sets another count) with tied edges merged: (−∞, q1], (q1, q2], …, (q9, ∞). An empty bin counts as 0.0001 of its sample; the other shares are not renormalised.';

type SplitMetricsShape = {
  n: number;
  bad_rate: number;
  auc: number | null;
  gini: number | null;
  gains: Array<{ n: number; cum_capture: number }>;
  calibration: Array<{ n: number }>;
  hosmer_lemeshow: { degrees_of_freedom: number } | null;
};

/** Metrics are written unrounded; this only absorbs floating-point noise. */
const TOLERANCE = 1e-9;

/** Gini = 2·AUC − 1; AUC, Gini and KS are null together (a sample with one class). */
function giniFromAuc(m: { auc: number | null; gini: number | null; ks: number | null }, ctx: z.RefinementCtx): void {
  const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['gini'], message });
  if ((m.auc === null) !== (m.gini === null) || (m.auc === null) !== (m.ks === null)) {
    fail('auc, gini and ks must all be set, or all be null');
  }
  if (m.auc !== null && m.gini !== null && Math.abs(m.gini - (2 * m.auc - 1)) > TOLERANCE) {
    fail(`must be 2·auc − 1 = ${2 * m.auc - 1}, not ${m.gini}`);
  }
}

/** The tables agree with the scalars: row counts, full capture, degrees of freedom. */
function consistentSplitMetrics(m: SplitMetricsShape, ctx: z.RefinementCtx): void {
  const fail = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  for (const table of ['gains', 'calibration'] as const) {
    const rows = m[table].reduce((sum, row) => sum + row.n, 0);
    if (m[table].length > 0 && rows !== m.n) fail([table], `rows add up to ${rows}, not n = ${m.n}`);
  }
  const last = m.gains.at(-1);
  if (last !== undefined && m.bad_rate > 0 && Math.abs(last.cum_capture - 1) > TOLERANCE) {
    fail(['gains', m.gains.length - 1, 'cum_capture'], 'the last decile must capture every bad (1)');
  }
  const df = m.hosmer_lemeshow?.degrees_of_freedom;
  if (df !== undefined && df > m.calibration.length - 2) {
    fail(['hosmer_lemeshow', 'degrees_of_freedom'], `cannot exceed ${m.calibration.length} bins − 2`);
  }
}

export const GainsRow = z
  .strictObject({
    decile: z.int().min(1).max(10).describe('1 = the tenth of rows with the highest p_bad.'),
    n: z.int().min(0),
    bads: z.number().min(0),
    bad_rate: rate,
    cum_capture: rate.describe(
      'Bads in deciles 1..this one divided by all bads (so exactly 1 in the last decile); 0 when the sample has no bads.',
    ),
    lift: z.number().min(0).describe('bad_rate of the decile divided by the sample’s bad rate; 0 when it has no bads.'),
  })
  .meta({
    id: 'GainsRow',
    description:
      'One decile of a gains table: rows ranked by descending p_bad (ties in row order), cut into ten equal-count groups.',
  });

export const CalibrationBin = z
  .strictObject({
    bin: z.int().min(1).max(10),
    n: z.int().min(0),
    mean_predicted: rate.describe('Mean p_bad in the bin.'),
    observed_rate: rate.describe('Bad rate observed in the bin.'),
  })
  .meta({ id: 'CalibrationBin', description: 'One of ten equal-count bins of ascending p_bad.' });

export const HosmerLemeshow = z
  .strictObject({
    statistic: z
      .number()
      .min(0)
      .describe(
        'Σ over the calibration bins of (O − E)² / (E·(1 − E/N)): O the observed bads, E the expected ' +
          'bads (Σ p_bad) and N the rows of the bin (weight sums when weighted); a bin with E = 0 or ' +
          'E = N is skipped.',
      ),
    degrees_of_freedom: z.int().min(1).describe('Bins used − 2, on every sample (as for the development sample).'),
    p_value: rate.describe('Upper tail of the chi-square distribution at the statistic.'),
  })
  .meta({ id: 'HosmerLemeshow', description: 'Hosmer–Lemeshow goodness-of-fit test over the calibration bins.' });

export const RocPoint = z.strictObject({ fpr: rate, tpr: rate }).meta({
  id: 'RocPoint',
  description: 'Share of goods (fpr) and bads (tpr) with p_bad at or above some threshold.',
});

export const KsPoint = z
  .strictObject({ threshold: rate, bad_cdf: rate, good_cdf: rate })
  .meta({ id: 'KsPoint', description: 'Share of bads and of goods with p_bad at or below the threshold.' });

const scalars = {
  n: z.int().min(0).describe('Rows in the sample.'),
  bad_rate: rate.describe('Share of bads.'),
  auc: rate.nullable().describe(`${AUC_CONVENTION}${undefinedForOneClass}`),
  gini: z.number().min(-1).max(1).nullable().describe(`${GINI_CONVENTION}${undefinedForOneClass}`),
  ks: rate.nullable().describe(`${KS_CONVENTION}${undefinedForOneClass}`),
  logloss: z.number().min(0).describe('Mean of −[y·ln p + (1 − y)·ln(1 − p)], p clipped to [1e-15, 1 − 1e-15].'),
  brier: rate.describe('Mean of (p − y)², y = 1 for bads.'),
};

export const SplitSummary = z.strictObject(scalars).superRefine(giniFromAuc).meta({
  id: 'SplitSummary',
  description: 'The scalar metrics of one sample, unrounded; gini = 2·auc − 1, and auc, gini and ks are null together.',
});

export const SplitMetrics = z
  .strictObject({
    ...scalars,
    gains: z.array(GainsRow).max(10).describe('Decile gains; fewer than ten rows only for samples under ten rows.'),
    calibration: z.array(CalibrationBin).max(10),
    hosmer_lemeshow: HosmerLemeshow.nullable().describe(`Null for fewer than three bins.`),
    roc: z.array(RocPoint).max(200).describe('At most 200 points from (0, 0) to (1, 1).'),
    ks_curve: z.array(KsPoint).max(200).describe('At most 200 points, ascending threshold.'),
  })
  .superRefine(giniFromAuc)
  .superRefine(consistentSplitMetrics)
  .meta({
    id: 'SplitMetrics',
    description:
      'Every metric of one sample (train, valid, test or oot), all unrounded. gini = 2·auc − 1; ' +
      'auc, gini and ks are null together; gains and calibration rows add up to n; the last ' +
      'decile captures every bad; Hosmer–Lemeshow has at most bins − 2 degrees of freedom.',
  });

export const Psi = z
  .strictObject({
    train_to_test: z.number().min(0).nullable().describe('Null when there is no test sample.'),
    train_to_oot: z.number().min(0).nullable().describe('Null when there is no out-of-time sample.'),
  })
  .meta({ id: 'Psi', description: PSI_CONVENTION });

export const SplitName = z
  .enum(['train', 'valid', 'test', 'oot'])
  .meta({ id: 'SplitName', description: 'A sample of a run: train, valid(ation), test, or out-of-time (oot).' });

export const MetricsSummary = z
  .strictObject({
    train: SplitSummary,
    valid: SplitSummary.nullable(),
    test: SplitSummary.nullable(),
    oot: SplitSummary.nullable(),
    psi: Psi,
  })
  .meta({
    id: 'MetricsSummary',
    description: 'The headline numbers of a run, kept on the Run and the ModelVersion.',
    examples: [
      {
        train: { n: 21000, bad_rate: 0.221, auc: 0.8012, gini: 0.6024, ks: 0.4611, logloss: 0.4012, brier: 0.1301 },
        valid: { n: 4500, bad_rate: 0.221, auc: 0.7804, gini: 0.5608, ks: 0.4207, logloss: 0.4298, brier: 0.1362 },
        test: { n: 4500, bad_rate: 0.221, auc: 0.7791, gini: 0.5582, ks: 0.4188, logloss: 0.4311, brier: 0.1367 },
        oot: null,
        psi: { train_to_test: 0.0031, train_to_oot: null },
      },
    ],
  });

export const FeatureImportance = z
  .strictObject({
    feature: FeatureName,
    gain: z.number().min(0).describe('Total loss reduction of the splits on this feature.'),
    splits: z.int().min(0).describe('Number of splits on this feature.'),
  })
  .meta({ id: 'FeatureImportance', description: 'Importance of one feature over all kept trees.' });

const exampleSplit = (n: number, bads: number[], auc: number) => {
  const perDecile = n / 10;
  const totalBads = bads.reduce((a, b) => a + b, 0);
  return {
    n,
    bad_rate: totalBads / n,
    auc,
    gini: 2 * auc - 1,
    ks: auc - 0.29,
    logloss: 0.1873,
    brier: 0.0551,
    gains: bads.map((b, i) => ({
      decile: i + 1,
      n: perDecile,
      bads: b,
      bad_rate: b / perDecile,
      cum_capture: bads.slice(0, i + 1).reduce((x, y) => x + y, 0) / totalBads,
      lift: b / perDecile / (totalBads / n),
    })),
    calibration: [...bads].reverse().map((b, i) => ({
      bin: i + 1,
      n: perDecile,
      mean_predicted: (b / perDecile) * 0.97,
      observed_rate: b / perDecile,
    })),
    hosmer_lemeshow: { statistic: 9.12, degrees_of_freedom: 8, p_value: 0.332 },
    roc: [
      { fpr: 0, tpr: 0 },
      { fpr: 0.1, tpr: 0.58 },
      { fpr: 0.3, tpr: 0.84 },
      { fpr: 1, tpr: 1 },
    ],
    ks_curve: [
      { threshold: 0.02, bad_cdf: 0.05, good_cdf: 0.41 },
      { threshold: 0.06, bad_cdf: 0.16, good_cdf: 0.73 },
      { threshold: 0.5, bad_cdf: 0.85, good_cdf: 0.99 },
    ],
  };
};

export const Metrics = z
  .strictObject({
    train: SplitMetrics,
    valid: SplitMetrics.nullable().describe('Null when the split policy keeps no validation sample.'),
    test: SplitMetrics.nullable().describe('Null when the split policy keeps no test sample.'),
    oot: SplitMetrics.nullable().describe('Null unless the split policy is time-based.'),
    psi: Psi,
    importance: z.array(FeatureImportance).describe('Every feature, by descending gain.'),
    best_iteration: z
      .int()
      .min(1)
      .nullable()
      .describe('Trees kept: the best validation round when early stopping ran, else null (all kept).'),
    timings: z
      .record(z.string(), z.number().min(0))
      .describe('Seconds spent per phase, e.g. load, bin, train, evaluate, write.'),
  })
  .meta({
    id: 'Metrics',
    title: 'Metrics',
    description:
      'Everything a run measured: per sample, the scalar metrics, decile gains, calibration, ' +
      'Hosmer–Lemeshow, ROC and KS curves; PSI from train to test and out-of-time; feature importance.',
    examples: [
      {
        train: exampleSplit(21000, [690, 301, 170, 131, 92, 80, 61, 48, 36, 29], 0.8835),
        valid: exampleSplit(4500, [140, 63, 40, 27, 22, 18, 14, 13, 9, 5], 0.8614),
        test: exampleSplit(4500, [139, 66, 38, 28, 21, 18, 15, 12, 9, 5], 0.8597),
        oot: null,
        psi: { train_to_test: 0.0042, train_to_oot: null },
        importance: [
          { feature: 'pay_0', gain: 812.4, splits: 96 },
          { feature: 'limit_bal', gain: 240.1, splits: 181 },
        ],
        best_iteration: 187,
        timings: { load: 0.41, bin: 0.12, train: 3.9, evaluate: 0.3, write: 0.05 },
      },
    ],
  });

export type SplitMetrics = z.output<typeof SplitMetrics>;
export type GainsRow = z.output<typeof GainsRow>;
export type CalibrationBin = z.output<typeof CalibrationBin>;
export type HosmerLemeshow = z.output<typeof HosmerLemeshow>;
export type RocPoint = z.output<typeof RocPoint>;
export type KsPoint = z.output<typeof KsPoint>;
export type FeatureImportance = z.output<typeof FeatureImportance>;
