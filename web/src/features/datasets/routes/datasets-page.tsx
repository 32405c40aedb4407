/** /datasets: every dataset with its newest version, and a form for a new one. */
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useCreateDataset } from '../api/create-dataset.ts';
import { useDatasets } from '../api/list-datasets.ts';
import { DatasetForm } from '../components/dataset-form.tsx';
import { DatasetsTable } from '../components/datasets-table.tsx';

const FORM_ID = 'new-dataset';

export function Component() {
  const datasets = useDatasets();
  const create = useCreateDataset();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  return (
    <>
      <PageHeader
        title="Datasets"
        subtitle="Versioned tables of credit data, profiled on upload."
        actions={
          <button
            ref={toggle}
            type="button"
            className={open ? undefined : 'primary'}
            aria-expanded={open}
            aria-controls={FORM_ID}
            onClick={() => {
              setOpen(!open);
              create.reset();
            }}
          >
            New dataset
          </button>
        }
      />
      {open ? (
        <section className="card dataset-panel" id={FORM_ID} aria-labelledby={`${FORM_ID}-heading`}>
          <h2 id={`${FORM_ID}-heading`}>New dataset</h2>
          <DatasetForm
            submitLabel="Create dataset"
            focusName
            pending={create.isPending}
            error={create.error}
            onSubmit={(fields) =>
              create.mutate(fields, { onSuccess: (dataset) => navigate(`/datasets/${dataset.id}`) })
            }
            onCancel={() => {
              setOpen(false);
              toggle.current?.focus();
            }}
          />
        </section>
      ) : null}
      <QueryView query={datasets} label="datasets">
        {(data) => (
          <>
            <DatasetsTable datasets={data.pages.flatMap((p) => p.items)} />
            {datasets.hasNextPage ? (
              <div className="form-actions">
                <button type="button" onClick={() => datasets.fetchNextPage()} disabled={datasets.isFetchingNextPage}>
                  {datasets.isFetchingNextPage ? 'Loading…' : 'Show more datasets'}
                </button>
              </div>
            ) : null}
          </>
        )}
      </QueryView>
    </>
  );
}
