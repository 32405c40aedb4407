/**
 * One labelled control for a leaf of the schema: number (min, max and step from the schema),
 * checkbox, select, text or date; the description is its hint, the message sits beside it.
 */
import { Field } from '../../../../components/field.tsx';
import type { FieldProps } from './context.ts';

export function ScalarField(props: FieldProps) {
  const { node, name, value, onChange, onBlur, error, required } = props;
  const hint = node.description;
  const common = { onBlur, required, name: props.path.join('.') };
  // What a cleared control stands for: null where the schema allows it, else no value at all.
  const empty = node.nullable ? null : undefined;
  switch (node.kind) {
    case 'number':
      return (
        <Field label={name} error={error} hint={hint}>
          {(c) => (
            <input
              {...c}
              {...common}
              type="number"
              inputMode={node.integer ? 'numeric' : 'decimal'}
              min={node.minimum ?? node.exclusiveMinimum}
              max={node.maximum ?? node.exclusiveMaximum}
              step={node.integer ? 1 : 'any'}
              // A number (not its string) lets React keep what is typed, e.g. "0.0", while editing.
              value={typeof value === 'number' ? value : ''}
              onChange={(e) => onChange(e.target.value === '' ? empty : e.target.valueAsNumber)}
            />
          )}
        </Field>
      );
    case 'boolean':
      return (
        <Field label={name} error={error} hint={hint}>
          {(c) => (
            <input
              {...c}
              {...common}
              type="checkbox"
              checked={value === true}
              onChange={(e) => onChange(e.target.checked)}
            />
          )}
        </Field>
      );
    case 'enum':
      return (
        <Field label={name} error={error} hint={hint}>
          {(c) => (
            <select
              {...c}
              {...common}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value === '' ? empty : e.target.value)}
            >
              {typeof value === 'string' && !node.nullable ? null : (
                <option value="">{node.nullable ? 'none' : 'Choose…'}</option>
              )}
              {node.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'const':
      return (
        <Field label={name} hint={hint}>
          {(c) => <input {...c} type="text" readOnly value={String(node.value)} />}
        </Field>
      );
    case 'string': {
      const text = typeof value === 'string' ? value : '';
      const change = (next: string) => onChange(next === '' ? empty : next);
      const long = (node.maxLength ?? 0) > 256;
      return (
        <Field label={name} error={error} hint={hint}>
          {(c) =>
            long ? (
              <textarea {...c} {...common} value={text} onChange={(e) => change(e.target.value)} />
            ) : (
              <input
                {...c}
                {...common}
                type={node.format === 'date' ? 'date' : 'text'}
                value={text}
                maxLength={node.maxLength}
                spellCheck={false}
                onChange={(e) => change(e.target.value)}
              />
            )
          }
        </Field>
      );
    }
    default:
      return (
        <Field label={name} error={error} hint={hint}>
          {(c) => <input {...c} type="text" readOnly value={JSON.stringify(value ?? null)} />}
        </Field>
      );
  }
}
