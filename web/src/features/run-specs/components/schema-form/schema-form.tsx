/**
 * A form generated from a JSON Schema object: defaults prefilled, the schema's own checks shown
 * inline once a field is left or the form submitted, and the API's 400 details shown next to the
 * field (or group) their path names; anything else goes beside the submit button.
 */
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { ErrorMessage } from '../../../../components/error-message.tsx';
import { formError } from '../../../../components/field.tsx';
import { FormActions } from '../../../../components/form-actions.tsx';
import { ApiError } from '../../../../lib/api.ts';
import { type FieldRenderer, SchemaFormContext } from './context.ts';
import { ObjectFields } from './node-field.tsx';
import type { ObjectNode } from './schema.ts';
import { formPaths, validate } from './validate.ts';

export function SchemaForm(props: {
  node: ObjectNode;
  value: unknown;
  onChange: (value: unknown) => void;
  onSubmit: (value: unknown) => void;
  /** The last submit's error (an ApiError's details land next to their fields). */
  error: unknown;
  pending: boolean;
  submitLabel: string;
  renderers?: Readonly<Record<string, FieldRenderer>>;
  actions?: ReactNode;
}) {
  const { node, value, error } = props;
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const issues = useMemo(() => new Map(validate(node, value).map((i) => [i.path, i.message])), [node, value]);
  const touch = useCallback((path: string) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path))), []);
  const state = useMemo(
    () => ({
      errorFor: (path: string) =>
        (submitted || touched.has(path) ? issues.get(path) : undefined) ??
        (error instanceof ApiError ? error.fieldMessage(path) : undefined),
      touch,
      renderers: props.renderers ?? {},
    }),
    [submitted, touched, issues, error, touch, props.renderers],
  );
  const elsewhere = formError(error, formPaths(node, value));
  return (
    <SchemaFormContext.Provider value={state}>
      <form
        ref={form}
        noValidate
        className="schema-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (issues.size > 0) {
            // After the messages render, take the keyboard to the first field that needs attention.
            requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
            return;
          }
          props.onSubmit(value);
        }}
      >
        <ObjectFields node={node} path={[]} value={value} onChange={props.onChange} />
        <FormActions pending={props.pending} submitLabel={props.submitLabel} actions={props.actions}>
          {submitted && issues.size > 0 ? (
            <p className="error" role="alert">
              {issues.size === 1 ? 'One field needs attention.' : `${issues.size} fields need attention.`}
            </p>
          ) : null}
        </FormActions>
        <ErrorMessage error={elsewhere} />
      </form>
    </SchemaFormContext.Provider>
  );
}
