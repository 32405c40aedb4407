/**
 * /run-specs/new (?from=<run spec id> to start from a copy): the form generated from the API's
 * RunSpecCreateInput schema, with version pickers for the two pins.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useRunSpec } from '../../../lib/queries/get-run-spec.ts';
import { type RunSpecInput, useCreateRunSpec } from '../api/create-run-spec.ts';
import { runSpecSchema } from '../components/run-spec-schema.ts';
import type { FieldRenderer } from '../components/schema-form/context.ts';
import type { ObjectNode } from '../components/schema-form/schema.ts';
import { SchemaForm } from '../components/schema-form/schema-form.tsx';
import { withDefaults } from '../components/schema-form/values.ts';
import { DatasetVersionPicker, FeatureSetVersionPicker } from '../components/version-pickers.tsx';

const renderers: Record<string, FieldRenderer> = {
  dataset_version_id: DatasetVersionPicker,
  feature_set_version_id: FeatureSetVersionPicker,
};

export function Component() {
  const [search] = useSearchParams();
  const from = search.get('from') ?? undefined;
  const node = useMemo(runSpecSchema, []);
  const source = useRunSpec(from);
  return (
    <>
      <PageHeader
        title={from === undefined ? 'New run spec' : 'New run spec from a copy'}
        subtitle="Every field comes from the API's schema, with its defaults filled in."
      />
      {from !== undefined && source.isPending ? (
        <p className="loading" role="status">
          Loading the run spec to copy…
        </p>
      ) : source.isError ? (
        <ErrorMessage error={source.error} />
      ) : (
        <Editor node={node} source={source.data} />
      )}
    </>
  );
}

function Editor(props: { node: ObjectNode; source: object | undefined }) {
  const { node } = props;
  const [value, setValue] = useState(() => {
    if (props.source === undefined) return withDefaults(node, {});
    const { id: _id, created_by: _by, created_at: _at, ...content } = props.source as Record<string, unknown>;
    return withDefaults(node, content);
  });
  const create = useCreateRunSpec();
  const navigate = useNavigate();
  return (
    <SchemaForm
      node={node}
      value={value}
      onChange={setValue}
      renderers={renderers}
      error={create.error}
      pending={create.isPending}
      submitLabel="Create run spec"
      onSubmit={(body) =>
        create.mutate(body as RunSpecInput, { onSuccess: (spec) => navigate(`/run-specs/${spec.id}`) })
      }
      actions={
        <Link className="button" to="/run-specs">
          Cancel
        </Link>
      }
    />
  );
}
