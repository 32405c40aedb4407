/**
 * The fields of a dataset (name, description, tags), for creating one and for editing one. API
 * refusals appear next to the field they name (a taken name: 409 on `name`), the rest by the button.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { closeOnEscape } from '../../../components/escape.ts';
import { Field, formError } from '../../../components/field.tsx';
import { errorUnder, pathsUnder } from '../../../components/field-errors.ts';
import { parseTags } from './tags.ts';

export interface DatasetFields {
  readonly name: string;
  readonly description: string;
  readonly tags: string[];
}

const FIELDS = ['name', 'description', 'tags'];

export function DatasetForm(props: {
  initial?: DatasetFields;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: DatasetFields) => void;
  /** Cancel, or Escape anywhere in the form. */
  onCancel?: () => void;
  /** Focus the name field when the form appears (it was opened by a button). */
  focusName?: boolean;
}) {
  const nameRef = useRef<HTMLInputElement>(null);
  const { focusName } = props;
  useEffect(() => {
    if (focusName === true) nameRef.current?.focus();
  }, [focusName]);
  const [name, setName] = useState(props.initial?.name ?? '');
  const [description, setDescription] = useState(props.initial?.description ?? '');
  const [tags, setTags] = useState(props.initial?.tags.join(', ') ?? '');
  const [missingName, setMissingName] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissingName(trimmed === '');
    if (trimmed === '') return;
    props.onSubmit({ name: trimmed, description, tags: parseTags(tags) });
  };

  const nameError = missingName ? 'Enter a name.' : errorUnder(props.error, 'name');
  return (
    <form onSubmit={submit} onKeyDown={props.onCancel && closeOnEscape(props.onCancel)} noValidate>
      <div className="form-grid">
        <Field label="Name" error={nameError} hint="Lower-case letters, digits, “.”, “_” and “-”.">
          {(control) => (
            <input
              {...control}
              ref={nameRef}
              name="name"
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label="Tags" error={errorUnder(props.error, 'tags')} hint="Separated by commas.">
          {(control) => (
            <input {...control} name="tags" autoComplete="off" value={tags} onChange={(e) => setTags(e.target.value)} />
          )}
        </Field>
      </div>
      <Field label="Description" error={errorUnder(props.error, 'description')}>
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={2}
            maxLength={4000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.pending}>
          {props.submitLabel}
        </button>
        {props.onCancel === undefined ? null : (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        {props.pending ? <span role="status">Saving…</span> : null}
      </div>
      <ErrorMessage error={formError(props.error, pathsUnder(props.error, ...FIELDS))} />
    </form>
  );
}
