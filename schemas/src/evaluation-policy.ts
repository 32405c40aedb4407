/** What a run reports and the gates its model must pass before it is registered. */
import { z } from 'zod';
import { SplitName } from './metrics.ts';

export const ScalarMetric = z
  .enum(['auc', 'gini', 'ks', 'logloss', 'brier'])
  .meta({ id: 'ScalarMetric', description: 'A per-sample scalar metric (conventions in Metrics).' });

export const GateMetric = z
  .enum(['auc', 'gini', 'ks', 'logloss', 'brier', 'psi'])
  .meta({ id: 'GateMetric', description: 'A metric a gate can bound; psi compares train with the gate’s sample.' });

const gateShape = {
  metric: GateMetric,
  split: SplitName.describe('Sample whose metric is bounded; for psi, the sample compared with train (test or oot).'),
  min: z.number().nullable().default(null).describe('Lowest acceptable value; null for none.'),
  max: z.number().nullable().default(null).describe('Highest acceptable value; null for none.'),
};

type GateBounds = { metric: string; split: string; min: number | null; max: number | null };

/** At least one bound, min ≤ max, and psi only against test or oot. */
function gateRules(g: GateBounds, ctx: z.RefinementCtx): void {
  if (g.min === null && g.max === null) {
    ctx.addIssue({ code: 'custom', path: ['min'], message: 'a gate needs min, max or both' });
  }
  if (g.min !== null && g.max !== null && g.min > g.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must not be below min' });
  }
  if (g.metric === 'psi' && g.split !== 'test' && g.split !== 'oot') {
    ctx.addIssue({ code: 'custom', path: ['split'], message: 'a psi gate applies to the test or oot sample' });
  }
}

export const Gate = z
  .strictObject(gateShape)
  .superRefine(gateRules)
  .meta({
    id: 'Gate',
    description:
      'A bound on one metric of one sample, e.g. test gini ≥ 0.4 or oot psi ≤ 0.25. At least one ' +
      'of min and max is set; psi gates apply to test or oot.',
  });

export const GateResult = z
  .strictObject({
    ...gateShape,
    value: z
      .number()
      .nullable()
      .describe('The measured value; null when the sample is missing or the metric undefined.'),
    passed: z.boolean().describe('value is known and within [min, max].'),
  })
  .superRefine(gateRules)
  .superRefine((g, ctx) => {
    const held = g.value !== null && (g.min === null || g.value >= g.min) && (g.max === null || g.value <= g.max);
    if (g.passed !== held) {
      ctx.addIssue({
        code: 'custom',
        path: ['passed'],
        message: `must be ${held}: the value ${g.value} is ${held ? 'within' : 'outside'} [${g.min ?? '−∞'}, ${g.max ?? '∞'}]`,
      });
    }
  })
  .meta({
    id: 'GateResult',
    description:
      'One gate and how the run fared against it: passed exactly when the value is known and within its bounds.',
  });

export const GateOutcome = z.enum(['passed', 'failed', 'none']).meta({
  id: 'GateOutcome',
  description:
    'passed: every gate held; failed: at least one did not (the run still SUCCEEDS, keeps its ' +
    'artifacts, and registers no model version); none: the run had no gates.',
});

export const EvaluationPolicy = z
  .strictObject({
    metrics: z
      .array(ScalarMetric)
      .min(1)
      .default(['gini', 'auc', 'ks', 'logloss', 'brier'])
      .describe(
        'Metrics shown in summaries and run comparisons, in order; the first ranks runs. Every ' +
          'metric of the Metrics schema is computed regardless.',
      ),
    psi_bins: z.int().min(2).max(100).default(10).describe('Quantile bins of the train scores for PSI (10 = deciles).'),
    gates: z.array(Gate).max(50).default([]).describe('Every gate must hold for a model version to be registered.'),
  })
  .meta({
    id: 'EvaluationPolicy',
    title: 'EvaluationPolicy',
    description: 'Which metrics headline the run, how PSI is binned, and the gates for registration.',
    examples: [
      {
        metrics: ['gini', 'ks'],
        psi_bins: 10,
        gates: [
          { metric: 'gini', split: 'test', min: 0.4, max: null },
          { metric: 'psi', split: 'test', min: null, max: 0.1 },
        ],
      },
    ],
  });

/** The gate outcome follows from the gate results: none without gates, passed only if all held. */
export function gateOutcomeMatchesGates(
  doc: { gate_outcome: z.output<typeof GateOutcome>; gates: ReadonlyArray<{ passed: boolean }> },
  ctx: z.RefinementCtx,
): void {
  const expected = doc.gates.length === 0 ? 'none' : doc.gates.every((g) => g.passed) ? 'passed' : 'failed';
  if (doc.gate_outcome !== expected) {
    ctx.addIssue({
      code: 'custom',
      path: ['gate_outcome'],
      message: `must be "${expected}" for these ${doc.gates.length} gate results, not "${doc.gate_outcome}"`,
    });
  }
}
