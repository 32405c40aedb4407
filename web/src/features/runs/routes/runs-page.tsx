/** /runs: every run, newest first, live while any is QUEUED or RUNNING; pick two or more to compare. */
import { useId, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useRunSpecList } from '../../../lib/queries/get-run-spec.ts';
import { isActive, type RunStatus } from '../../../lib/run-status.ts';
import { useRuns } from '../api/list-runs.ts';
import { RunsTable } from '../components/runs-table.tsx';
import { shortId } from '../run-state.ts';

const STATUSES: readonly RunStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export function Component() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = STATUSES.find((s) => s === statusParam);
  // ?run_spec_id=… (from a run spec's page): only that run spec's runs.
  const runSpecId = params.get('run_spec_id') ?? undefined;
  const runs = useRuns({ status, run_spec_id: runSpecId });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const navigate = useNavigate();
  const filterId = useId();
  const compareHintId = useId();

  const items = useMemo(() => runs.data?.pages.flatMap((p) => p.items) ?? [], [runs.data]);
  const specIds = useMemo(() => [...new Set(items.map((r) => r.run_spec_id))], [items]);
  const specs = useRunSpecList(specIds);
  const specNames = new Map(specs.flatMap((q) => (q.data === undefined ? [] : [[q.data.id, q.data.name] as const])));
  const active = items.filter((r) => isActive(r.status)).length;

  const toggle = (runId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(runId)) next.delete(runId);
      else next.add(runId);
      return next;
    });
  const picked = items.filter((r) => selected.has(r.id)).map((r) => r.id);

  return (
    <>
      <PageHeader
        title="Runs"
        subtitle="Executions of run specs, newest first."
        actions={
          <>
            <button
              type="button"
              className="primary"
              disabled={picked.length < 2}
              aria-describedby={compareHintId}
              onClick={() => navigate(`/runs/compare?ids=${picked.join(',')}`)}
            >
              Compare selected runs
            </button>
            <span id={compareHintId} className="hint">
              {picked.length < 2 ? 'Select two or more runs to compare.' : `${picked.length} runs selected.`}
            </span>
          </>
        }
      />
      <div className="toolbar">
        <div className="field inline-field">
          <label htmlFor={filterId}>Status</label>
          <select
            id={filterId}
            value={status ?? ''}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value === '') next.delete('status');
              else next.set('status', e.target.value);
              setParams(next, { replace: true });
            }}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {runSpecId === undefined ? null : (
          <p>
            Runs of run spec{' '}
            <Link to={`/run-specs/${runSpecId}`}>{specNames.get(runSpecId) ?? shortId(runSpecId)}</Link> ·{' '}
            <Link to={status === undefined ? '/runs' : `/runs?status=${status}`}>all runs</Link>
          </p>
        )}
        <p role="status" className="muted live-note">
          {active === 0 ? '' : `${active} ${active === 1 ? 'run is' : 'runs are'} in progress; the list updates live.`}
        </p>
      </div>
      {runs.isPending ? (
        <p className="loading" role="status">
          Loading runs…
        </p>
      ) : items.length === 0 && !runs.isError ? (
        <p className="muted">
          No runs{status === undefined ? '' : ` in status ${status}`} yet. Execute a run spec to start one.
        </p>
      ) : items.length === 0 ? null : (
        <>
          <RunsTable runs={items} specNames={specNames} selected={selected} onToggle={toggle} />
          {runs.hasNextPage ? (
            <p>
              <button type="button" onClick={() => runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                {runs.isFetchingNextPage ? 'Loading…' : 'Load more runs'}
              </button>
            </p>
          ) : null}
        </>
      )}
      <ErrorMessage error={runs.error} />
    </>
  );
}
