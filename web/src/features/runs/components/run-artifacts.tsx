/**
 * The run's report and logs: a link that opens the presigned report.html in a new tab, each log file
 * with a download link, and the runner's own log (logs/runner.jsonl) shown in a scrollable box.
 */
import type { Run } from '@talaty/schemas';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { formatBytes } from '../../../components/format.ts';
import { ApiError } from '../../../lib/api.ts';
import { useRunArtifact } from '../../../lib/queries/get-run-artifact.ts';
import { isActive } from '../../../lib/run-status.ts';
import { useRunLog } from '../api/get-run-log.ts';

const RUNNER_LOG = 'logs/runner.jsonl';

/** "Not there (yet)" is a state, not an error. */
const missing = (error: unknown) => error instanceof ApiError && error.status === 404;

export function RunReport(props: { run: Run }) {
  const { run } = props;
  const report = useRunArtifact(run.id, 'report.html', run.artifacts.report !== null);
  if (run.artifacts.report === null) {
    return (
      <p className="muted">
        {isActive(run.status) ? 'The report is written when training ends.' : 'This run has no report.'}
      </p>
    );
  }
  if (report.isPending) return <p className="loading">Loading the report link…</p>;
  if (report.isError) return <ErrorMessage error={report.error} />;
  const file = report.data.files[0];
  if (file === undefined) return null;
  return (
    <>
      <p>
        <a className="button" href={file.url} target="_blank" rel="noopener noreferrer">
          Open the HTML report<span className="visually-hidden"> (opens in a new tab)</span>
        </a>{' '}
        <span className="muted">{formatBytes(file.size_bytes)}</span>
      </p>
      <EmbeddedReport url={file.url} />
    </>
  );
}

/** The report in a sandboxed frame (no scripts: the report needs none), loaded only once opened. */
function EmbeddedReport(props: { url: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="report-frame" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Show the report on this page</summary>
      {open ? <iframe title="Run report" src={props.url} sandbox="" /> : null}
    </details>
  );
}

export function RunLogs(props: { run: Run }) {
  const { run } = props;
  const active = isActive(run.status);
  const logs = useRunArtifact(run.id, 'logs', !active);
  const runnerLog = logs.data?.files.find((f) => f.file === RUNNER_LOG);
  const text = useRunLog(run.id, runnerLog?.file, runnerLog?.url);
  if (active) return <p className="muted">Logs appear here when the run ends.</p>;
  if (logs.isPending) return <p className="loading">Loading the log files…</p>;
  if (logs.isError) {
    return missing(logs.error) ? <p className="muted">This run left no logs.</p> : <ErrorMessage error={logs.error} />;
  }
  return (
    <>
      <ul className="log-files" aria-label="Log files">
        {logs.data.files.map((f) => (
          <li key={f.file}>
            <a href={f.url} target="_blank" rel="noopener noreferrer">
              {f.file}
            </a>{' '}
            <span className="muted">{formatBytes(f.size_bytes)}</span>
          </li>
        ))}
      </ul>
      {runnerLog === undefined ? null : (
        <>
          <h3>Runner log</h3>
          {text.isPending ? (
            <p className="loading">Loading the runner log…</p>
          ) : text.isError ? (
            <ErrorMessage error={text.error} />
          ) : (
            <>
              {text.data.truncated ? <p className="muted">Only the end of the log is shown.</p> : null}
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
              <section className="log" tabIndex={0} aria-label="Runner log (logs/runner.jsonl)">
                <pre>{text.data.text}</pre>
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}
