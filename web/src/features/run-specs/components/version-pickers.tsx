/**
 * The run spec's pins as choices instead of uuids: READY dataset versions and PUBLISHED feature-set
 * versions, grouped by their dataset or feature set.
 */
import { Field } from '../../../components/field.tsx';
import { formatCount } from '../../../components/format.ts';
import { errorMessage } from '../../../lib/api.ts';
import { usePublishedFeatureSetVersions } from '../../../lib/queries/list-published-feature-set-versions.ts';
import { useReadyDatasetVersions } from '../../../lib/queries/list-ready-dataset-versions.ts';
import type { FieldProps } from './schema-form/context.ts';

interface Choice {
  readonly id: string;
  readonly group: string;
  readonly label: string;
}

function VersionSelect(props: FieldProps & { choices: Choice[] | undefined; loadError: unknown; noun: string }) {
  const { choices, value } = props;
  const groups = new Map<string, Choice[]>();
  for (const c of choices ?? []) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const known = typeof value !== 'string' || value === '' || (choices ?? []).some((c) => c.id === value);
  const empty =
    choices === undefined ? 'Loading…' : choices.length === 0 ? `No ${props.noun} yet` : `Choose a ${props.noun}…`;
  const error = props.error ?? (props.loadError == null ? undefined : errorMessage(props.loadError));
  return (
    <Field label={props.name} error={error} hint={props.node.description}>
      {(c) => (
        <select
          {...c}
          name={props.name}
          required
          value={typeof value === 'string' ? value : ''}
          onBlur={props.onBlur}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">{empty}</option>
          {known ? null : <option value={String(value)}>{String(value)}</option>}
          {[...groups].map(([group, items]) => (
            <optgroup key={group} label={group}>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}

export function DatasetVersionPicker(props: FieldProps) {
  const query = useReadyDatasetVersions();
  const choices = query.data?.map((v) => ({
    id: v.id,
    group: v.datasetName,
    label: `${v.datasetName} v${v.version} · ${formatCount(v.rowCount)} rows`,
  }));
  return <VersionSelect {...props} choices={choices} loadError={query.error} noun="READY dataset version" />;
}

export function FeatureSetVersionPicker(props: FieldProps) {
  const query = usePublishedFeatureSetVersions();
  const choices = query.data?.map((v) => ({
    id: v.id,
    group: v.featureSetName,
    label: `${v.featureSetName} v${v.version} · ${v.featureCount} features, target ${v.target}`,
  }));
  return <VersionSelect {...props} choices={choices} loadError={query.error} noun="PUBLISHED feature-set version" />;
}
