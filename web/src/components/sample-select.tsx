/** Picks one sample (train, validation, test, out of time) among those a run has. */
import { useId } from 'react';
import { SAMPLE_LABEL, type SampleName } from './samples.ts';

export function SampleSelect(props: {
  label: string;
  samples: readonly SampleName[];
  value: SampleName;
  onChange: (sample: SampleName) => void;
}) {
  const id = useId();
  return (
    <div className="field inline-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as SampleName)}>
        {props.samples.map((s) => (
          <option key={s} value={s}>
            {SAMPLE_LABEL[s]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Test when the run has one, else the first of validation, out of time and train. */
export function defaultSample(samples: readonly SampleName[]): SampleName {
  for (const s of ['test', 'valid', 'oot', 'train'] as const) if (samples.includes(s)) return s;
  return 'train';
}
