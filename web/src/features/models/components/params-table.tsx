/** The model parameters a version was trained with, by their one shared name. */
import type { RunSpec } from '@talaty/schemas';

export function ParamsTable(props: { params: RunSpec['model_params'] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Model parameters</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(props.params).map(([key, value]) => (
            <tr key={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              <td className="mono">{String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
