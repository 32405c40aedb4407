/** Each gate of the run spec with its bounds, the measured value and whether it held. */
import type { Run } from '@talaty/schemas';
import { formatNumber } from '../../../components/format.ts';
import { SAMPLE_LABEL } from '../run-state.ts';

export function GateTable(props: { gates: Run['gates'] }) {
  if (props.gates.length === 0) return <p className="muted">The run spec sets no gates.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Gate results</caption>
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
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {props.gates.map((g) => (
            <tr key={`${g.metric}-${g.split}-${g.min}-${g.max}`}>
              <th scope="row">{g.metric.toUpperCase()}</th>
              <td>{SAMPLE_LABEL[g.split]}</td>
              <td className="num">{g.min === null ? '—' : g.min}</td>
              <td className="num">{g.max === null ? '—' : g.max}</td>
              <td className="num">{formatNumber(g.value)}</td>
              <td>
                <span className={`badge badge-${g.passed ? 'good' : 'bad'}`}>{g.passed ? 'passed' : 'failed'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
