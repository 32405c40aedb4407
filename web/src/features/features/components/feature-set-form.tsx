/** Create a feature set: a unique URL-safe name, a description and tags. */
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field, formError } from '../../../components/field.tsx';
import { errorUnder, pathsUnder } from '../../../components/field-errors.ts';
import type { FeatureSetInput } from '../api/create-feature-set.ts';
import { splitList } from './feature-draft.ts';

export function FeatureSetForm(props: {
  pending: boolean;
  error: unknown;
  onSubmit: (input: FeatureSetInput) => void;
}) {
  const [draft, setDraft] = useState({ name: '', description: '', tags: '' });
  const error = props.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { name: draft.name.trim(), description: draft.description, tags: splitList(draft.tags) };
    props.onSubmit(input);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label="Name" error={errorUnder(error, 'name')} hint="Lower-case letters, digits, “.”, “_” or “-”.">
        {(c) => (
          <input
            {...c}
            value={draft.name}
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        )}
      </Field>
      <Field label="Description" error={errorUnder(error, 'description')}>
        {(c) => (
          <textarea
            {...c}
            rows={2}
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        )}
      </Field>
      <Field label="Tags" error={errorUnder(error, 'tags')} hint="Comma-separated, e.g. cards, application.">
        {(c) => <input {...c} value={draft.tags} onChange={(e) => setDraft({ ...draft, tags: e.target.value })} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.pending}>
          {props.pending ? 'Creating…' : 'Create feature set'}
        </button>
      </div>
      <ErrorMessage error={formError(error, pathsUnder(error, 'name', 'description', 'tags'))} />
    </form>
  );
}
