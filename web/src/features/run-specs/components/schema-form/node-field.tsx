/**
 * The schema form's structure: an object is a fieldset with a legend, a union a selector then its
 * branch's fields, a list of objects rows to add and remove, a list of choices a group of checkboxes,
 * a nullable object a checkbox that switches it on. Leaves go to ScalarField.
 */
import { type ReactNode, useId } from 'react';
import { type FieldProps, humanize, useSchemaForm } from './context.ts';
import { ScalarField } from './scalar-field.tsx';
import { branchOf, type FormNode, isRecord, type ObjectNode, pathName } from './schema.ts';
import { defaultValue, type Path, withDefaults } from './values.ts';

/** The control of one path: a custom renderer when the form names one, else what the schema implies. */
export function NodeField(props: FieldProps) {
  const { renderers } = useSchemaForm();
  const custom = renderers[pathName(props.path)];
  if (custom !== undefined) return <>{custom(props)}</>;
  const { node } = props;
  switch (node.kind) {
    case 'object':
      return node.nullable ? <NullableObject {...props} node={node} /> : <ObjectGroup {...props} node={node} />;
    case 'union':
      return <UnionGroup {...props} node={node} />;
    case 'array':
      return node.item.kind === 'enum' ? <ChoiceGroup {...props} node={node} /> : <RowsGroup {...props} node={node} />;
    default:
      return <ScalarField {...props} />;
  }
}

/** The fields of an object: leaves in a grid first, then nested groups. */
export function ObjectFields(props: {
  node: ObjectNode;
  path: Path;
  value: unknown;
  onChange: (value: unknown) => void;
  skip?: string;
}) {
  const { errorFor, touch } = useSchemaForm();
  const record = isRecord(props.value) ? props.value : {};
  const fields = props.node.fields.filter((f) => f.name !== props.skip);
  const render = (f: (typeof fields)[number]) => {
    const path = [...props.path, f.name];
    const name = pathName(path);
    return (
      <NodeField
        key={f.name}
        node={f.node}
        path={path}
        name={f.name}
        required={f.required && !f.node.hasDefault}
        value={record[f.name]}
        onChange={(next) => props.onChange({ ...record, [f.name]: next })}
        onBlur={() => touch(name)}
        error={errorFor(name)}
      />
    );
  };
  const nested = (n: FormNode) => n.kind === 'object' || n.kind === 'union' || n.kind === 'array';
  return (
    <>
      <div className="form-grid">{fields.filter((f) => !nested(f.node)).map(render)}</div>
      {fields.filter((f) => nested(f.node)).map(render)}
    </>
  );
}

function Group(props: {
  legend: string;
  description?: string | undefined;
  error: string | undefined;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={props.description === undefined ? undefined : `${id}-hint`}>
      <legend>{props.legend}</legend>
      {props.description === undefined ? null : (
        <p className="hint" id={`${id}-hint`}>
          {props.description}
        </p>
      )}
      {props.error === undefined ? null : (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      {props.children}
    </fieldset>
  );
}

function ObjectGroup(props: FieldProps & { node: ObjectNode }) {
  return (
    <Group legend={humanize(props.name)} description={props.node.description} error={props.error}>
      <ObjectFields node={props.node} path={props.path} value={props.value} onChange={props.onChange} />
    </Group>
  );
}

/** A nullable object (e.g. score_scaling): off is null, on starts from the object's defaults. */
function NullableObject(props: FieldProps & { node: ObjectNode }) {
  const on = isRecord(props.value);
  const id = useId();
  return (
    <div className="schema-optional">
      <div className="field">
        <label htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={on}
            aria-describedby={`${id}-hint`}
            onChange={(e) => props.onChange(e.target.checked ? withDefaults(props.node, {}) : null)}
          />{' '}
          {props.name}
        </label>
        <p className="hint" id={`${id}-hint`}>
          {props.node.description}
        </p>
      </div>
      {on ? <ObjectGroup {...props} /> : null}
    </div>
  );
}

function UnionGroup(props: FieldProps & { node: FormNode & { kind: 'union' } }) {
  const { node, path } = props;
  const { errorFor, touch } = useSchemaForm();
  const branch = branchOf(node, props.value);
  const tagPath = [...path, node.discriminator];
  return (
    <Group legend={humanize(props.name)} description={node.description} error={props.error}>
      <div className="form-grid">
        <ScalarField
          node={{
            kind: 'enum',
            options: node.branches.map((b) => b.value),
            hasDefault: true,
            nullable: false,
            ...(branch.description === undefined ? {} : { description: branch.description }),
          }}
          path={tagPath}
          name={node.discriminator}
          required
          value={branch.value}
          onChange={(tag) => {
            const next = node.branches.find((b) => b.value === tag) ?? branch;
            props.onChange(withDefaults(next.node, { [node.discriminator]: next.value }));
          }}
          onBlur={() => touch(pathName(tagPath))}
          error={errorFor(pathName(tagPath))}
        />
      </div>
      <ObjectFields
        node={branch.node}
        path={path}
        value={props.value}
        onChange={props.onChange}
        skip={node.discriminator}
      />
    </Group>
  );
}

/** A list of allowed values (e.g. metrics): one checkbox each; checking appends, so order is choice order. */
function ChoiceGroup(props: FieldProps & { node: FormNode & { kind: 'array' } }) {
  const { item } = props.node;
  const chosen = Array.isArray(props.value) ? (props.value as unknown[]) : [];
  const options = item.kind === 'enum' ? item.options : [];
  return (
    <Group legend={humanize(props.name)} description={props.node.description} error={props.error}>
      <div className="schema-choices">
        {options.map((option) => (
          <label key={option}>
            <input
              type="checkbox"
              checked={chosen.includes(option)}
              onBlur={props.onBlur}
              onChange={(e) =>
                props.onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))
              }
            />{' '}
            {option}
          </label>
        ))}
      </div>
      {chosen.length > 1 ? <p className="hint">In this order: {chosen.join(', ')}</p> : null}
    </Group>
  );
}

/** A list of objects (e.g. gates): a group per row with its remove button, and an add button. */
function RowsGroup(props: FieldProps & { node: FormNode & { kind: 'array' } }) {
  const { node } = props;
  const rows = Array.isArray(props.value) ? (props.value as unknown[]) : [];
  const { errorFor } = useSchemaForm();
  const noun = humanize(props.name).replace(/s$/, '').toLowerCase();
  const full = node.maxItems !== undefined && rows.length >= node.maxItems;
  return (
    <Group legend={humanize(props.name)} description={node.description} error={props.error}>
      {rows.length === 0 ? <p className="muted">No {noun}s.</p> : null}
      {rows.map((row, i) => {
        const path = [...props.path, i];
        const label = `${humanize(noun)} ${i + 1}`;
        const change = (next: unknown) => props.onChange(rows.map((r, j) => (j === i ? next : r)));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position
          <fieldset key={i} className="schema-row">
            <legend>{label}</legend>
            {errorFor(pathName(path)) === undefined ? null : (
              <p className="error" role="alert">
                {errorFor(pathName(path))}
              </p>
            )}
            {node.item.kind === 'object' ? (
              <ObjectFields node={node.item} path={path} value={row} onChange={change} />
            ) : (
              <NodeField {...props} node={node.item} path={path} name={label} value={row} onChange={change} />
            )}
            <button type="button" onClick={() => props.onChange(rows.filter((_, j) => j !== i))}>
              Remove {label.toLowerCase()}
            </button>
          </fieldset>
        );
      })}
      <button type="button" disabled={full} onClick={() => props.onChange([...rows, defaultValue(node.item)])}>
        Add {noun}
      </button>
    </Group>
  );
}
