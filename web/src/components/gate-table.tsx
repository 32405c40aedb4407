/** A run spec's evaluation gates with their bounds; for a run, also the measured value and whether each held. */
import type { Run, RunSpec } from '@talaty/schemas';
import { formatNumber } from './format.ts';
import { SAMPLE_LABEL } from './samples.ts';

type Gate = RunSpec['evaluation_policy']['gates'][number] & Partial<Pick<Run['gates'][number], 'value' | 'passed'>>;

export function GateTable(props: { gates: readonly Gate[]; caption: string; empty: string }) {
  if (props.gates.length === 0) return <p className="muted">{props.empty}</p>;
  const results = props.gates.some((g) => g.passed !== undefined);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Sample</th>
            <th scope="col" className="num">
              Min
            </th>
            <th scope="col" className="num">
              Max
            </th>
            {results ? (
              <>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col">Result</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {props.gates.map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two gates may be identical; their order is their identity
            <tr key={i}>
              <th scope="row">{g.metric.toUpperCase()}</th>
              <td>{SAMPLE_LABEL[g.split]}</td>
              <td className="num">{g.min ?? '—'}</td>
              <td className="num">{g.max ?? '—'}</td>
              {results ? (
                <>
                  <td className="num">{formatNumber(g.value)}</td>
                  <td>
                    <span className={`badge badge-${g.passed ? 'good' : 'bad'}`}>{g.passed ? 'passed' : 'failed'}</span>
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
