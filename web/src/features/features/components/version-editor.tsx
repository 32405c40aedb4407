/**
 * The editable part of a DRAFT version: its features, the target and its bad value, the id, date and
 * weight columns and notes. Used to start a draft (POST) and to edit one (PATCH).
 */
import type { Feature } from '@talaty/schemas';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field, formError } from '../../../components/field.tsx';
import { errorUnder, pathsUnder } from '../../../components/field-errors.ts';
import { FormActions } from '../../../components/form-actions.tsx';
import type { VersionContent } from '../api/create-feature-set-version.ts';
import { type VersionDraft, versionContentOf } from './version-draft.ts';
import { VersionFeaturesEditor } from './version-features-editor.tsx';

const roleColumns = [
  { key: 'id_column', label: 'ID column', hint: 'Row identifier carried into scores.' },
  { key: 'date_column', label: 'Date column', hint: 'Observation date for time-based splits.' },
  { key: 'weight_column', label: 'Weight column', hint: 'Row weight for training and metrics.' },
] as const;

export function VersionEditor(props: {
  initial: VersionDraft;
  catalog: readonly Feature[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  status?: string | undefined;
  /** More actions beside the submit button (e.g. Cancel). */
  actions?: ReactNode;
  onSubmit: (content: VersionContent) => void;
}) {
  const [draft, setDraft] = useState(props.initial);
  const set = <K extends keyof VersionDraft>(key: K, value: VersionDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const error = props.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(versionContentOf(draft));
  };
  const shownPaths = pathsUnder(error, 'features', 'target', 'id_column', 'date_column', 'weight_column', 'notes');

  return (
    <form onSubmit={submit} noValidate>
      <VersionFeaturesEditor
        features={draft.features}
        catalog={props.catalog}
        error={error}
        onChange={(features) => set('features', features)}
      />
      <fieldset>
        <legend>Target and role columns</legend>
        <div className="form-grid">
          <Field label="Target column" error={errorUnder(error, 'target.column', 'target')} hint="The outcome column.">
            {(c) => <input {...c} value={draft.target_column} onChange={(e) => set('target_column', e.target.value)} />}
          </Field>
          <Field
            label="Bad value"
            error={errorUnder(error, 'target.bad_value')}
            hint="Read as a number, true/false, or else as text."
          >
            {(c) => <input {...c} value={draft.bad_value} onChange={(e) => set('bad_value', e.target.value)} />}
          </Field>
          {roleColumns.map((role) => (
            <Field
              key={role.key}
              label={role.label}
              error={errorUnder(error, role.key)}
              hint={`${role.hint} Optional.`}
            >
              {(c) => <input {...c} value={draft[role.key]} onChange={(e) => set(role.key, e.target.value)} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <Field label="Notes" error={errorUnder(error, 'notes')} hint="What changed in this version and why.">
        {(c) => <textarea {...c} rows={2} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
      <FormActions pending={props.pending} submitLabel={props.submitLabel} actions={props.actions}>
        <p className="muted ff-status" role="status">
          {props.status ?? ''}
        </p>
      </FormActions>
      <ErrorMessage error={formError(error, shownPaths)} />
    </form>
  );
}
