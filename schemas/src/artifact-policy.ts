/** What a run keeps besides the model and metrics: row-level outputs and score scaling. */
import { z } from 'zod';

export const ScoreScaling = z
  .strictObject({
    pdo: z.number().gt(0).default(20).describe('Points that double the odds of good.'),
    base_score: z.number().default(600).describe('Points at base_odds.'),
    base_odds: z.number().gt(0).default(50).describe('Odds of good (goods per bad) that score base_score.'),
  })
  .meta({
    id: 'ScoreScaling',
    description:
      'Scorecard points from the raw score (log-odds of bad, raw = ln(p_bad / (1 − p_bad))): ' +
      'points = offset − factor·raw, with factor = pdo / ln 2 and offset = base_score − ' +
      'factor·ln(base_odds); that is offset + factor·ln(odds of good). Higher points, lower risk; ' +
      'points are not rounded.',
  });

export const ArtifactPolicy = z
  .strictObject({
    predictions: z
      .boolean()
      .default(true)
      .describe('Keep per-row scores (id column, sample, p_bad, points) of every sample.'),
    explanations: z
      .enum(['none', 'test', 'all'])
      .default('none')
      .describe(
        'Keep per-row TreeSHAP contributions (log-odds): none; test for the test and oot ' +
          'samples; all for every row.',
      ),
    score_scaling: ScoreScaling.nullable()
      .default(null)
      .describe('Scale p_bad to points; null keeps probabilities only.'),
  })
  .meta({
    id: 'ArtifactPolicy',
    title: 'ArtifactPolicy',
    description: 'Row-level artifacts a run keeps, and how scores are scaled to points.',
    examples: [{ predictions: true, explanations: 'test', score_scaling: { pdo: 20, base_score: 600, base_odds: 50 } }],
  });

export type ScoreScaling = z.output<typeof ScoreScaling>;
