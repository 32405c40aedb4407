/**
 * The feature list of a draft version: add features from the catalog, order them, and override
 * each one's monotone direction and rationale for this version. Each row shows the API's errors
 * about that feature.
 */
import type { Feature } from '@talaty/schemas';
import { useId, useState } from 'react';
import { fieldError } from '../../../components/field.tsx';
import { errorUnder } from '../../../components/field-errors.ts';
import { type Direction, Monotone, monotoneOptions, monotoneWord } from './monotone.tsx';
import { definitionOf, type FeatureDefinition } from './version-draft.ts';

export function VersionFeaturesEditor(props: {
  features: FeatureDefinition[];
  catalog: readonly Feature[];
  error: unknown;
  onChange: (features: FeatureDefinition[]) => void;
}) {
  const id = useId();
  const { features, catalog, onChange } = props;
  const chosen = new Set(features.map((f) => f.name));
  const available = catalog.filter((f) => !chosen.has(f.name));
  const [pick, setPick] = useState('');
  const picked = available.find((f) => f.id === pick) ?? available[0];
  const byId = new Map(catalog.map((f) => [f.id, f]));
  const listError = fieldError(props.error, 'features');

  const update = (index: number, change: Partial<FeatureDefinition>) =>
    onChange(features.map((f, i) => (i === index ? ({ ...f, ...change } as FeatureDefinition) : f)));
  const move = (index: number, by: number) => {
    const next = [...features];
    const [item] = next.splice(index, 1);
    if (item !== undefined) next.splice(index + by, 0, item);
    onChange(next);
  };

  return (
    <fieldset>
      <legend>Features</legend>
      <div className="ff-picker">
        <div className="field">
          <label htmlFor={`${id}-pick`}>Catalog feature to add</label>
          <select
            id={`${id}-pick`}
            value={picked?.id ?? ''}
            disabled={available.length === 0}
            onChange={(e) => setPick(e.target.value)}
          >
            {available.length === 0 ? <option value="">No more catalog features</option> : null}
            {available.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.kind}, {f.source_column})
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={picked === undefined}
          onClick={() => picked && onChange([...features, definitionOf(picked)])}
        >
          Add feature
        </button>
      </div>
      <p className="hint">
        Each feature is copied from the catalog when added; later catalog edits do not change this version.
      </p>
      {listError === undefined ? null : (
        <p className="error" role="alert">
          {listError}
        </p>
      )}
      {features.length === 0 ? (
        <p className="muted">No features chosen yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Features of this version, in model order</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Feature</th>
                <th scope="col">Kind</th>
                <th scope="col">Monotone direction</th>
                <th scope="col">Rationale</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {features.map((f, i) => {
                const rowError = errorUnder(props.error, `features.${i}`);
                const errorId = rowError === undefined ? undefined : `${id}-row${i}-error`;
                const fromCatalog = f.feature_id === null ? undefined : byId.get(f.feature_id);
                const overridden = fromCatalog !== undefined && fromCatalog.monotone !== f.monotone;
                return (
                  <tr key={f.name}>
                    <td className="num">{i + 1}</td>
                    <td>
                      <strong>{f.name}</strong>
                      <div className="muted mono">{f.source_column}</div>
                      {rowError === undefined ? null : (
                        <p className="error" role="alert" id={errorId}>
                          {rowError}
                        </p>
                      )}
                    </td>
                    <td>{f.kind}</td>
                    <td>
                      {f.kind === 'numeric' ? (
                        <select
                          aria-label={`Monotone direction of ${f.name}`}
                          aria-invalid={rowError !== undefined}
                          aria-describedby={errorId}
                          value={f.monotone}
                          onChange={(e) => update(i, { monotone: Number(e.target.value) as Direction })}
                        >
                          {monotoneOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {monotoneWord(o.value)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <Monotone value={0} />
                      )}
                      {overridden ? <div className="hint">Catalog: {monotoneWord(fromCatalog.monotone)}</div> : null}
                    </td>
                    <td>
                      <textarea
                        aria-label={`Rationale of ${f.name}`}
                        className="ff-rationale"
                        rows={2}
                        value={f.rationale}
                        onChange={(e) => update(i, { rationale: e.target.value })}
                      />
                    </td>
                    <td className="ff-row-actions">
                      <button
                        type="button"
                        aria-label={`Move ${f.name} up`}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        aria-label={`Move ${f.name} down`}
                        disabled={i === features.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Remove ${f.name}`}
                        onClick={() => onChange(features.filter((_, j) => j !== i))}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </fieldset>
  );
}
