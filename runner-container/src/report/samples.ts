/** The samples of a run in report order, with their names, colours and line styles. */
import { type Metrics, type SplitMetrics, SplitName } from '@talaty/schemas';
import type { z } from 'zod';

export type SampleName = z.output<typeof SplitName>;

export const SAMPLE_NAMES: ReadonlyArray<SampleName> = SplitName.options;

/** Okabe–Ito colours (safe for colour-blind readers) plus dashes for greyscale print. */
export const SAMPLE_STYLE: Record<SampleName, { label: string; color: string; dash?: string }> = {
  train: { label: 'Train', color: '#0072B2' },
  valid: { label: 'Validation', color: '#E69F00', dash: '6 3' },
  test: { label: 'Test', color: '#009E73', dash: '2 2' },
  oot: { label: 'Out-of-time', color: '#CC79A7', dash: '8 3 2 3' },
};

export const BAD_COLOR = '#D55E00';
export const GOOD_COLOR = '#56B4E9';
export const REFERENCE_COLOR = '#777777';

export interface Sample {
  readonly name: SampleName;
  readonly label: string;
  readonly metrics: SplitMetrics;
}

/** The samples the run has, in the order train, valid, test, oot. */
export function presentSamples(metrics: Metrics): Sample[] {
  return SAMPLE_NAMES.flatMap((name) => {
    const m = metrics[name];
    return m === null ? [] : [{ name, label: SAMPLE_STYLE[name].label, metrics: m }];
  });
}

/**
 * The hold-out sample the single-sample charts (KS, score distribution) show: test, else
 * out-of-time, else validation, else train.
 */
export function holdoutSample(metrics: Metrics): Sample {
  const order: SampleName[] = ['test', 'oot', 'valid', 'train'];
  const samples = presentSamples(metrics);
  return order.map((name) => samples.find((s) => s.name === name)).find((s) => s !== undefined) as Sample;
}
