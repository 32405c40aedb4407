/**
 * Two versions side by side: the target and role columns (changed rows marked), then features
 * added, removed and changed, each changed field with both values highlighted.
 */
import type { FeatureSetVersion } from '@talaty/schemas';
import { DataTable } from '../../../components/data-table.tsx';
import { kindColumn, monotoneColumn, rationaleColumn, sourceColumn } from './feature-columns.tsx';
import type { VersionDiff } from './version-diff.ts';
import type { FeatureDefinition } from './version-draft.ts';

const Changed = (props: { text: string }) => (
  <mark className="ff-mark">{props.text === '' ? <span className="muted">(empty)</span> : props.text}</mark>
);

export function VersionCompare(props: { a: FeatureSetVersion; b: FeatureSetVersion; diff: VersionDiff }) {
  const { a, b, diff } = props;
  const [la, lb] = [`Version ${a.version}`, `Version ${b.version}`];
  return (
    <>
      <section aria-labelledby="ff-settings">
        <h2 id="ff-settings">Target and columns</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">{la}</th>
                <th scope="col">{lb}</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {diff.settings.map((s) => (
                <tr key={s.field} className={s.changed ? 'ff-changed' : undefined}>
                  <th scope="row">{s.field}</th>
                  <td>{s.changed ? <Changed text={s.a} /> : s.a}</td>
                  <td>{s.changed ? <Changed text={s.b} /> : s.b}</td>
                  <td>{s.changed ? 'Changed' : <span className="muted">Same</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="ff-features">
        <h2 id="ff-features">Features</h2>
        <dl className="stats">
          <div>
            <dt>Added</dt>
            <dd>{diff.added.length}</dd>
          </div>
          <div>
            <dt>Removed</dt>
            <dd>{diff.removed.length}</dd>
          </div>
          <div>
            <dt>Changed</dt>
            <dd>{diff.changed.length}</dd>
          </div>
          <div>
            <dt>Unchanged</dt>
            <dd>{diff.unchanged.length}</dd>
          </div>
        </dl>
        <FeatureList title={`Added in version ${b.version}`} features={diff.added} />
        <FeatureList title={`Removed in version ${b.version}`} features={diff.removed} />
        <h3>Changed</h3>
        {diff.changed.length === 0 ? (
          <p className="muted">No feature in both versions changed.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Changed features, one row per changed field</caption>
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col">Field</th>
                  <th scope="col">{la}</th>
                  <th scope="col">{lb}</th>
                </tr>
              </thead>
              <tbody>
                {diff.changed.flatMap((c) =>
                  c.fields.map((f, i) => (
                    <tr key={`${c.name}:${f.field}`}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={c.fields.length}>
                          {c.name}
                        </th>
                      ) : null}
                      <td>{f.field}</td>
                      <td>
                        <Changed text={f.a} />
                      </td>
                      <td>
                        <Changed text={f.b} />
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
        <h3>Unchanged</h3>
        <p className={diff.unchanged.length === 0 ? 'muted' : undefined}>
          {diff.unchanged.length === 0 ? 'None.' : diff.unchanged.join(', ')}
        </p>
      </section>
    </>
  );
}

function FeatureList(props: { title: string; features: readonly FeatureDefinition[] }) {
  return (
    <>
      <h3>{props.title}</h3>
      <DataTable
        caption={props.title}
        rows={props.features}
        rowKey={(f) => f.name}
        empty="None."
        columns={[
          { header: 'Name', cell: (f) => <strong>{f.name}</strong> },
          sourceColumn,
          kindColumn,
          monotoneColumn,
          rationaleColumn(),
        ]}
      />
    </>
  );
}
