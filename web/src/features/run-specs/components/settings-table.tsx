/** A settings object as a two-column table, nested keys dotted (`fractions.train`). */

type Entry = readonly [string, unknown];

export function flatten(value: unknown, prefix = ''): Entry[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix === '' ? key : `${prefix}.${key}`));
}

const show = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? value.join(', ') || '—' : String(value);

export function SettingsTable(props: { caption: string; value: unknown }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {flatten(props.value).map(([key, value]) => (
            <tr key={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              <td className="mono">{show(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
