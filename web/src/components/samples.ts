/** The samples a run is split into, in the order every table and chart lists them. */
export type SampleName = 'train' | 'valid' | 'test' | 'oot';

export const SAMPLES: readonly SampleName[] = ['train', 'valid', 'test', 'oot'];

export const SAMPLE_LABEL: Readonly<Record<SampleName, string>> = {
  train: 'Train',
  valid: 'Validation',
  test: 'Test',
  oot: 'Out of time',
};
