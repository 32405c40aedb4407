/**
 * A run's evaluation charts from its Metrics document: ROC and gains for every sample, KS and
 * calibration for the chosen one, and feature importance.
 */
import type { Metrics } from '@talaty/schemas';
import { useState } from 'react';
import { CalibrationChart } from './charts/calibration-chart.tsx';
import { GainsChart } from './charts/gains-chart.tsx';
import { ImportanceChart } from './charts/importance-chart.tsx';
import { KsChart } from './charts/ks-chart.tsx';
import { RocChart } from './charts/roc-chart.tsx';
import { defaultSample, SampleSelect } from './sample-select.tsx';
import { SAMPLE_LABEL, SAMPLES, type SampleName } from './samples.ts';

export function RunCharts(props: { metrics: Metrics }) {
  const { metrics } = props;
  const splits = SAMPLES.flatMap((s) => {
    const m = metrics[s];
    return m === null ? [] : [{ name: s, label: SAMPLE_LABEL[s], m }];
  });
  const present = splits.map((s) => s.name);
  const [chosen, setChosen] = useState<SampleName>(() => defaultSample(present));
  const sample = metrics[chosen] ?? metrics.train;
  const label = SAMPLE_LABEL[chosen];
  return (
    <>
      <SampleSelect
        label="Sample for the KS and calibration charts"
        samples={present}
        value={chosen}
        onChange={setChosen}
      />
      <div className="chart-grid">
        <RocChart curves={splits.map((s) => ({ label: s.label, roc: s.m.roc, auc: s.m.auc }))} />
        <KsChart label={label} curve={sample.ks_curve} />
        <GainsChart curves={splits.map((s) => ({ label: s.label, gains: s.m.gains }))} />
        <CalibrationChart title={`Calibration (${label})`} curves={[{ label, bins: sample.calibration }]} />
      </div>
      <h3>Feature importance</h3>
      <ImportanceChart importance={metrics.importance} />
    </>
  );
}
