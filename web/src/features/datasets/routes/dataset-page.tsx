/** /datasets/:datasetId: a dataset, its versions (live while profiling), editing it, uploading a new version. */
import type { Dataset } from '@talaty/schemas';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { formatDateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useDataset } from '../api/get-dataset.ts';
import { useDatasetVersions } from '../api/list-dataset-versions.ts';
import { useUpdateDataset } from '../api/update-dataset.ts';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { DatasetForm } from '../components/dataset-form.tsx';
import { VersionsTable } from '../components/versions-table.tsx';
import { UploadPanel } from './upload-panel.tsx';

function EditDataset(props: { dataset: Dataset; onDone: () => void }) {
  const update = useUpdateDataset(props.dataset);
  const { dataset } = props;
  return (
    <section className="card dataset-panel" id="edit-dataset" aria-labelledby="edit-dataset-heading">
      <h2 id="edit-dataset-heading">Edit dataset</h2>
      <DatasetForm
        initial={{ name: dataset.name, description: dataset.description, tags: dataset.tags }}
        submitLabel="Save"
        focusName
        pending={update.isPending}
        error={update.error}
        onSubmit={(fields) => update.mutate(fields, { onSuccess: props.onDone })}
        onCancel={props.onDone}
      />
    </section>
  );
}

function DatasetView(props: { dataset: Dataset }) {
  const { dataset } = props;
  const versions = useDatasetVersions(dataset.id);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const doneEditing = () => {
    setEditing(false);
    editButton.current?.focus();
  };
  return (
    <>
      <Breadcrumbs trail={[{ to: '/datasets', label: 'Datasets' }]} />
      <PageHeader
        title={dataset.name}
        subtitle={dataset.description === '' ? undefined : dataset.description}
        actions={
          <button
            ref={editButton}
            type="button"
            aria-expanded={editing}
            aria-controls="edit-dataset"
            onClick={() => setEditing(!editing)}
          >
            Edit dataset
          </button>
        }
      />
      <p className="muted dataset-owner">
        Created by {dataset.created_by} on {formatDateTime(dataset.created_at)} · updated by {dataset.updated_by} on{' '}
        {formatDateTime(dataset.updated_at)}
        {dataset.tags.length === 0 ? null : <> · tags: {dataset.tags.join(', ')}</>}
      </p>
      {editing ? <EditDataset dataset={dataset} onDone={doneEditing} /> : null}
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <QueryView query={versions} label="versions">
          {(page) => <VersionsTable datasetId={dataset.id} versions={page.items} />}
        </QueryView>
      </section>
      <UploadPanel datasetId={dataset.id} versions={versions.data?.items ?? []} />
    </>
  );
}

export function Component() {
  const { datasetId = '' } = useParams();
  const dataset = useDataset(datasetId);
  if (dataset.isSuccess) return <DatasetView dataset={dataset.data} />;
  return (
    <>
      <Breadcrumbs trail={[{ to: '/datasets', label: 'Datasets' }]} />
      <PageHeader title="Dataset" />
      <QueryView query={dataset} label="the dataset">
        {() => null}
      </QueryView>
    </>
  );
}
