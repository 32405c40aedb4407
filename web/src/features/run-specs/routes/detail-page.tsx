/** /run-specs/:runSpecId: one run spec, read-only, with Execute (→ the run's page) and Duplicate. */
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { useRunSpec } from '../../../lib/queries/get-run-spec.ts';
import { useExecuteRun } from '../api/execute-run.ts';
import { RunSpecView } from '../components/run-spec-view.tsx';

export function Component() {
  const { runSpecId = '' } = useParams();
  const query = useRunSpec(runSpecId);
  const execute = useExecuteRun();
  const navigate = useNavigate();
  const run = () =>
    execute.mutate(
      // A fresh key per click: a retried request returns this run rather than starting another.
      { runSpecId, idempotencyKey: crypto.randomUUID() },
      { onSuccess: (started) => navigate(`/runs/${started.id}`) },
    );
  return (
    <QueryView query={query} label="run spec">
      {(spec) => (
        <>
          <PageHeader
            title={spec.name}
            subtitle={
              <>
                Run spec for model <strong>{spec.model_name}</strong> · immutable: a change is a new run spec.
              </>
            }
            actions={
              <>
                <Link className="button" to={`/run-specs/new?from=${encodeURIComponent(spec.id)}`}>
                  Duplicate
                </Link>
                <button type="button" className="primary" onClick={run} disabled={execute.isPending}>
                  {execute.isPending ? 'Starting…' : 'Execute'}
                </button>
              </>
            }
          />
          <p className="visually-hidden" role="status">
            {execute.isPending ? 'Starting a run…' : ''}
          </p>
          <ErrorMessage error={execute.error} />
          <RunSpecView spec={spec} />
        </>
      )}
    </QueryView>
  );
}
