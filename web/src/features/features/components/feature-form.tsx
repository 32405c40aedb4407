/**
 * Create or edit a catalog feature: name, source column, kind, monotone direction, missing policy,
 * special values, description and rationale. API errors appear next to the field they name.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field, fieldError, formError } from '../../../components/field.tsx';
import { errorUnder, pathsUnder } from '../../../components/field-errors.ts';
import { FormActions } from '../../../components/form-actions.tsx';
import type { FeatureInput } from '../api/create-feature.ts';
import { type FeatureDraft, featureInputOf, type Kind, type Strategy } from './feature-draft.ts';
import { type Direction, monotoneOptions } from './monotone.tsx';

const fields = [
  'name',
  'source_column',
  'kind',
  'monotone',
  'missing_policy',
  'special_values',
  'description',
  'rationale',
];

export function FeatureForm(props: {
  initial: FeatureDraft;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** What happened last, announced politely (e.g. "Saved."). */
  status?: string | undefined;
  /** More actions beside the submit button. */
  actions?: ReactNode;
  onSubmit: (input: FeatureInput, reset: () => void) => void;
}) {
  const [draft, setDraft] = useState(props.initial);
  const set = <K extends keyof FeatureDraft>(key: K, value: FeatureDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const error = props.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(featureInputOf(draft), () => setDraft(props.initial));
  };
  const numeric = draft.kind === 'numeric';

  return (
    <form onSubmit={submit} noValidate>
      <div className="form-grid">
        <Field
          label="Name"
          error={errorUnder(error, 'name')}
          hint="Letters, digits, “_”, “.” or “-”; starts with a letter or “_”."
        >
          {(c) => <input {...c} value={draft.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />}
        </Field>
        <Field
          label="Source column"
          error={errorUnder(error, 'source_column')}
          hint="Exactly as in the dataset header."
        >
          {(c) => (
            <input
              {...c}
              value={draft.source_column}
              onChange={(e) => set('source_column', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Kind" error={errorUnder(error, 'kind')}>
          {(c) => (
            <select
              {...c}
              value={draft.kind}
              onChange={(e) => {
                const kind = e.target.value as Kind;
                setDraft((d) => ({ ...d, kind, monotone: kind === 'numeric' ? d.monotone : 0 }));
              }}
            >
              <option value="numeric">Numeric</option>
              <option value="categorical">Categorical</option>
            </select>
          )}
        </Field>
        <Field
          label="Monotone direction"
          error={errorUnder(error, 'monotone')}
          hint={
            numeric
              ? 'Increasing: risk never falls as the value grows; decreasing: it never rises.'
              : 'Categorical features cannot be monotone.'
          }
        >
          {(c) => (
            <select
              {...c}
              value={draft.monotone}
              disabled={!numeric}
              onChange={(e) => set('monotone', Number(e.target.value) as Direction)}
            >
              {monotoneOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Missing values"
          error={fieldError(error, 'missing_policy', 'missing_policy.strategy')}
          hint="Learn: their own bin. Fill: a value you give. Reject: the run fails."
        >
          {(c) => (
            <select {...c} value={draft.strategy} onChange={(e) => set('strategy', e.target.value as Strategy)}>
              <option value="learn">Learn</option>
              <option value="fill">Fill with a value</option>
              <option value="reject">Reject</option>
            </select>
          )}
        </Field>
        {draft.strategy === 'fill' ? (
          <Field label="Fill value" error={errorUnder(error, 'missing_policy.value')}>
            {(c) => (
              <input
                {...c}
                value={draft.fill_value}
                inputMode={numeric ? 'decimal' : 'text'}
                onChange={(e) => set('fill_value', e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Field
          label="Special values"
          error={errorUnder(error, 'special_values')}
          hint={
            numeric
              ? 'Comma-separated codes treated as missing, e.g. -999, 9999.'
              : 'Comma-separated, e.g. N/A, unknown.'
          }
        >
          {(c) => <input {...c} value={draft.special_values} onChange={(e) => set('special_values', e.target.value)} />}
        </Field>
      </div>
      <Field label="Description" error={errorUnder(error, 'description')} hint="What the feature measures.">
        {(c) => (
          <textarea {...c} rows={2} value={draft.description} onChange={(e) => set('description', e.target.value)} />
        )}
      </Field>
      <Field
        label="Rationale"
        error={errorUnder(error, 'rationale')}
        hint="Why it belongs in a credit model (and why this direction), for reviewers."
      >
        {(c) => <textarea {...c} rows={3} value={draft.rationale} onChange={(e) => set('rationale', e.target.value)} />}
      </Field>
      <FormActions pending={props.pending} submitLabel={props.submitLabel} actions={props.actions}>
        <p className="muted ff-status" role="status">
          {props.status ?? ''}
        </p>
      </FormActions>
      <ErrorMessage error={formError(error, pathsUnder(error, ...fields))} />
    </form>
  );
}
