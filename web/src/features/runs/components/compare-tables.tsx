/** Runs side by side: their run specs' parameters (differences marked) and their metrics per sample. */
import type { Run, RunSpec } from '@talaty/schemas';
import { useId, useState } from 'react';
import { formatNumber } from '../../../components/format.ts';
import { psiOf, SAMPLE_METRICS } from '../../../components/sample-metrics-table.tsx';
import { SAMPLE_LABEL, SAMPLES, type SampleName } from '../../../components/samples.ts';
import { parameterRows } from '../compare.ts';

export interface ComparedRun {
  readonly run: Run;
  readonly label: string;
  readonly spec: RunSpec | undefined;
}

function RunHeaders(props: { runs: readonly ComparedRun[]; first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{props.first}</th>
        {props.runs.map((r) => (
          <th key={r.run.id} scope="col">
            {r.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function ParameterTable(props: { runs: readonly ComparedRun[] }) {
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const id = useId();
  const rows = parameterRows(props.runs.map((r) => r.spec));
  const differing = rows.filter((r) => r.differs).length;
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows;
  return (
    <>
      <div className="toolbar">
        <div className="checkbox-field">
          <input id={id} type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} />
          <label htmlFor={id}>Show only parameters that differ</label>
        </div>
        <p className="muted">
          {differing} of {rows.length} parameters differ.
        </p>
      </div>
      <div className="table-wrap">
        <table className="compare">
          <caption className="visually-hidden">Run spec parameters side by side; differing rows are marked</caption>
          <RunHeaders runs={props.runs} first="Parameter" />
          <tbody>
            {shown.map((row) => (
              <tr key={row.path} className={row.differs ? 'differs' : undefined}>
                <th scope="row">
                  <code>{row.path}</code>
                  {row.differs ? <span className="badge badge-busy differs-mark">differs</span> : null}
                </th>
                {row.values.map((value, i) => (
                  <td key={props.runs[i]?.run.id} className="mono">
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Summary = Extract<Run, { status: 'SUCCEEDED' }>['metrics_summary'];
const summaryOf = (run: Run): Summary | null => (run.status === 'SUCCEEDED' ? run.metrics_summary : null);

const METRIC_ROWS: ReadonlyArray<{
  label: string;
  value: (s: Summary, sample: SampleName) => string;
}> = [
  ...SAMPLE_METRICS.map(({ label, value }) => ({
    label,
    value: (s: Summary, n: SampleName) => {
      const m = s[n];
      return m == null ? '—' : value(m);
    },
  })),
  { label: 'PSI vs train', value: (s, n) => formatNumber(psiOf(s, n)) },
];

export function MetricsComparison(props: { runs: readonly ComparedRun[] }) {
  const samples = SAMPLES.filter((s) => props.runs.some((r) => summaryOf(r.run)?.[s] != null));
  if (samples.length === 0) return <p className="muted">None of these runs has metrics yet.</p>;
  return (
    <>
      {samples.map((sample) => (
        <div key={sample} className="table-wrap compare-block">
          <table className="compare">
            <caption>{SAMPLE_LABEL[sample]} sample</caption>
            <RunHeaders runs={props.runs} first="Metric" />
            <tbody>
              {METRIC_ROWS.map((m) => (
                <tr key={m.label}>
                  <th scope="row">{m.label}</th>
                  {props.runs.map((r) => {
                    const s = summaryOf(r.run);
                    return (
                      <td key={r.run.id} className="num">
                        {s === null ? '—' : m.value(s, sample)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
